import type { FastifyInstance } from 'fastify';
import { OtlpLogsReader } from '../logs/reader';
import { quoteProblem } from '../../problems';
import { otlpEncoding } from './content-type';
import type { ReceiverHost } from '../../host';
import { readExportRequest, sendExportResponse } from './body';
import { timeRejected, timeRejectionMessages } from '../../time-rejections';

/**
 * `POST /v1/logs`: security signals as OTLP log records (`security_rule.*` / `event.name` attributes), and raw
 * tool lines marked `lockstep.format` (the Collector's filelog path), normalized like `/v1/events`.
 */
export function registerLogsReceiver(app: FastifyInstance, host: ReceiverHost): void {
  const reader = new OtlpLogsReader(() => host.now());
  host.everyTick((now) => {
    const held = reader.flushIdle(now);
    if (held.length === 0) return;
    const outcome = host.consume(held);
    host.count('otlp_logs', { received: 0, accepted: outcome.accepted, rejected: {}, dropped: { late: outcome.late } });
  });
  app.post('/v1/logs', { config: { receiver: 'otlp_logs' } }, async (request, reply) => {
    const encoding = otlpEncoding(request.headers['content-type']);
    return host.withBody(request, async (body) => {
      const read = reader.read(readExportRequest('logs', encoding, body), { receivedAt: host.now() });
      // A tool line that yields nothing readable is a rejected record, like a malformed structured one.
      const malformed = read.recordsRejected + read.linesRejected;
      const outcome = host.consume(read.observations);
      const { future, past, invalid } = outcome.rejected;
      host.count('otlp_logs', {
        received: read.received,
        accepted: outcome.accepted,
        rejected: { malformed: malformed + invalid, not_security: read.skipped, future, past },
        dropped: { late: outcome.late },
      });
      await host.written();
      const problems = [...read.recordErrors];
      for (const error of read.lineErrors) quoteProblem(problems, error);
      for (const message of timeRejectionMessages(outcome.rejected, host.timeWindows)) quoteProblem(problems, message);
      const rejected = malformed + timeRejected(outcome.rejected);
      return sendExportResponse(reply, 'logs', encoding, { rejected, message: problems.join('; ') });
    });
  });
}
