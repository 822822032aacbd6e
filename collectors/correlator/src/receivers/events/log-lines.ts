import { quoteProblem } from '../problems';
import type { Observation } from '../../engine/engine';
import type { EventFormat } from '@lockstep/contract';
import type { RawEvent } from '../otlp/logs/tool-lines';
import { EventDecoder } from './decoder';

export interface RawDecodeResult {
  signals: number;
  skipped: number;
  /** Lines that could not be read. */
  rejected: number;
  /** The first few problems, each naming the line. */
  errors: string[];
}

/**
 * Normalizes raw tool lines that arrived inside OTLP log records, with one stateful EventDecoder per format (auditd
 * events span several lines). A line that does not name its host takes the record's resource `host.name`.
 */
export class RawEventDecoders {
  private readonly decoders = new Map<EventFormat, EventDecoder>();
  private referenceTime: number | undefined;

  decode(events: readonly RawEvent[], out: Observation[], referenceTime?: number): RawDecodeResult {
    this.referenceTime = referenceTime;
    const result: RawDecodeResult = { signals: 0, skipped: 0, rejected: 0, errors: [] };
    for (const event of events) {
      const batch = this.decoder(event.format).decode(event.line);
      for (const observation of batch.observations) {
        if ('source' in observation && observation.host === undefined && event.host !== undefined) {
          observation.host = event.host;
        }
        out.push(observation);
      }
      result.signals += batch.observations.length;
      result.skipped += batch.skipped;
      result.rejected += batch.rejected;
      for (const error of batch.errors) quoteProblem(result.errors, error);
    }
    return result;
  }

  /** Events still held by an assembler (auditd), at the end of input. */
  flush(): Observation[] {
    return [...this.decoders.values()].flatMap((decoder) => decoder.flush());
  }

  private decoder(format: EventFormat): EventDecoder {
    let decoder = this.decoders.get(format);
    if (decoder === undefined) {
      decoder = new EventDecoder(format, { referenceTime: () => this.referenceTime });
      this.decoders.set(format, decoder);
    }
    return decoder;
  }
}
