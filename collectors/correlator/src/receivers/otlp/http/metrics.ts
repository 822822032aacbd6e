import type { FastifyInstance } from 'fastify';
import { OtlpMetricsDecoder } from '../index';
import { otlpEncoding } from './content-type';
import type { ReceiverHost } from '../../host';
import { readExportRequest, sendExportResponse } from './body';
import { timeRejected, timeRejectionMessages } from '../../time-rejections';

/**
 * `POST /v1/metrics`: OTLP/HTTP metrics (JSON or protobuf, optionally gzip). One decoder for all requests, since
 * rates come from consecutive cumulative points of a series whichever request carries them.
 */
export function registerMetricsReceiver(app: FastifyInstance, host: ReceiverHost): void {
  const decoder = new OtlpMetricsDecoder();
  app.post('/v1/metrics', { config: { receiver: 'otlp_metrics' } }, async (request, reply) => {
    const encoding = otlpEncoding(request.headers['content-type']);
    return host.withBody(request, async (body) => {
      const result = decoder.decode(readExportRequest('metrics', encoding, body));
      const outcome = host.consume(result.samples);
      const { future, past, invalid } = outcome.rejected;
      host.count('otlp_metrics', {
        received: result.samples.length + result.rejectedDataPoints + result.unsupportedDataPoints,
        accepted: outcome.accepted,
        rejected: {
          malformed: result.rejectedDataPoints + invalid,
          unsupported: result.unsupportedDataPoints,
          future,
          past,
        },
        dropped: { late: outcome.late },
      });
      await host.written();
      const notes = [...result.errors, ...timeRejectionMessages(outcome.rejected, host.timeWindows)];
      if (outcome.late > 0)
        notes.push(`${outcome.late} samples arrived behind their host's data time and were dropped`);
      return sendExportResponse(reply, 'metrics', encoding, {
        rejected: result.rejectedDataPoints + timeRejected(outcome.rejected),
        message: notes.join('; '),
      });
    });
  });
}
