import type { FastifyInstance } from 'fastify';
import type { EventFormat } from '@lockstep/contract';
import { EVENT_FORMATS, isEventFormat } from '@lockstep/contract';
import { countLines, EventDecoder } from './decoder';
import { BAD_REQUEST, HttpError, PAYLOAD_TOO_LARGE } from '../../http/errors';
import type { Receiver } from '../vocabulary';
import type { ReceiverHost } from '../host';
import { quoteProblem } from '../problems';
import { invalidUtf8Lines } from '../utf8';
import { timeRejected, timeRejectionMessages } from '../time-rejections';

/** The answer to an events request: what was used, what was not, and the first problems, each naming its line. */
export interface EventsResponse {
  accepted: number;
  rejected: number;
  /** Valid records that are not security signals Lockstep uses (e.g. Suricata flow records). */
  skipped: number;
  late: number;
  errors: string[];
}

/**
 * `POST /v1/events/{format}`: one event or newline-delimited events in a security tool's own output format,
 * read by the same normalizers as `lockstep replay`. Accepts what it can read: 200 with counts when at least one
 * record was usable or the body was empty, 400 when every record was unreadable.
 */
export function registerEventsReceiver(app: FastifyInstance, host: ReceiverHost): void {
  const decoders = new Map<EventFormat, EventDecoder>();
  for (const format of EVENT_FORMATS) {
    // A syslog time without a year is dated by when the service received it, never by the newest event seen.
    decoders.set(format, new EventDecoder(format, { receivedAt: () => host.now(), clock: () => host.now() }));
  }
  host.everyTick((now) => {
    for (const [format, decoder] of decoders) {
      const held = decoder.flushIdle(now);
      if (held.length === 0) continue;
      const outcome = host.consume(held);
      host.count(`events_${format}` as Receiver, {
        received: 0,
        accepted: outcome.accepted,
        rejected: {},
        dropped: { late: outcome.late },
      });
    }
  });
  app.post<{ Params: { format: string } }>('/v1/events/:format', async (request, reply) => {
    const format = request.params.format;
    if (!isEventFormat(format)) {
      throw new HttpError(
        404,
        `unknown event format ${JSON.stringify(format.slice(0, 40))}; use one of ${EVENT_FORMATS.join(', ')}`,
      );
    }
    const receiver = `events_${format}` as Receiver;
    return host.withBody(request, async (body) => {
      const text = body.toString('utf8');
      const lines = countLines(text);
      if (lines > host.maxLinesPerRequest) {
        throw new HttpError(
          PAYLOAD_TOO_LARGE,
          `request has ${lines} lines; send at most ${host.maxLinesPerRequest} per request`,
        );
      }
      const batch = (decoders.get(format) as EventDecoder).decode(text, invalidUtf8Lines(body));
      const outcome = host.consume(batch.observations);
      const { future, past, invalid } = outcome.rejected;
      host.count(receiver, {
        received: batch.records,
        accepted: outcome.accepted,
        rejected: { malformed: batch.rejected + invalid, not_security: batch.skipped, future, past },
        dropped: { late: outcome.late },
      });
      if (batch.rejected > 0 && batch.rejected === batch.records) {
        throw new HttpError(BAD_REQUEST, `no ${format} event could be read: ${batch.errors.join('; ')}`);
      }
      await host.written();
      const errors = [...batch.errors];
      for (const message of timeRejectionMessages(outcome.rejected, host.timeWindows)) quoteProblem(errors, message);
      const response: EventsResponse = {
        accepted: outcome.accepted,
        rejected: batch.rejected + timeRejected(outcome.rejected),
        skipped: batch.skipped,
        late: outcome.late,
        errors,
      };
      return reply.code(200).send(response);
    });
  });
}
