import type { FastifyInstance } from 'fastify';
import type { Observation } from '../../../engine/engine';
import { RawEventDecoders } from '../../events/log-lines';
import { decodeOtlpLogs } from '../index';
import { quoteProblem } from '../../problems';
import { otlpEncoding } from './content-type';
import type { IngestContext } from '../../../service/listeners/admission';
import { withBody } from '../../../service/listeners/admission';
import { readExportRequest, sendExportResponse } from './body';

/**
 * `POST /v1/logs`: security signals as OTLP log records (`security_rule.*` / `event.name` attributes), and raw
 * tool lines marked `lockstep.format` (the Collector's filelog path), normalized like `/v1/events`.
 */
export function registerLogsReceiver(app: FastifyInstance, context: IngestContext): void {
  const rawLines = new RawEventDecoders();
  app.post('/v1/logs', { config: { receiver: 'otlp_logs' } }, async (request, reply) => {
    const encoding = otlpEncoding(request.headers['content-type']);
    return withBody(context, request, async (body) => {
      const result = decodeOtlpLogs(readExportRequest('logs', encoding, body));
      const observations: Observation[] = [...result.signals];
      const raw = rawLines.decode(result.rawEvents, observations, context.pipeline.newestDataTime);
      // A raw line that yields nothing readable is a rejected record, like a malformed structured one.
      const rawRejected = raw.rejected;
      const outcome = context.pipeline.ingest(observations);
      context.metrics.count('otlp_logs', {
        received: result.signals.length + result.rawEvents.length + result.skipped + result.rejected,
        accepted: outcome.accepted,
        rejected: { malformed: result.rejected + rawRejected, not_security: result.skipped + raw.skipped },
        dropped: { late: outcome.late },
      });
      await context.pipeline.writer.written();
      const problems = [...result.errors];
      for (const error of raw.errors) quoteProblem(problems, error);
      return sendExportResponse(reply, 'logs', encoding, {
        rejected: result.rejected + rawRejected,
        message: problems.join('; '),
      });
    });
  });
}
