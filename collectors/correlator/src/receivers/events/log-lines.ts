import type { Observation } from '../../engine/engine';
import type { EventFormat } from '@lockstep/contract';
import type { RawEvent } from '../otlp/logs/tool-lines';
import { EventDecoder } from './decoder';

/** Problems quoted back per request; the rest are only counted. */
const MAX_QUOTED = 5;

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
      if (result.errors.length < MAX_QUOTED)
        result.errors.push(...batch.errors.slice(0, MAX_QUOTED - result.errors.length));
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
