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

/** How lines of one request are dated when they carry no year (see EventDecoderOptions). */
export interface RawDecodeTime {
  /** The receiver's clock (the service): lines without an observed time were received now. */
  receivedAt?: number;
  /** Replay: the time the data is near. */
  referenceTime?: number;
}

/** Streams (format, host) kept at once; the least recently used is flushed and forgotten past this. */
const MAX_STREAMS = 1024;

/**
 * Normalizes raw tool lines that arrived inside OTLP log records, with one stateful EventDecoder per format and host
 * (auditd events span several lines, and two hosts' serials must never join). A line that does not name its host
 * takes the record's resource `host.name`.
 */
export class RawEventDecoders {
  private readonly streams = new Map<string, { decoder: EventDecoder; host: string | undefined }>();
  private time: RawDecodeTime = {};
  private lineReceivedAt: number | undefined;

  /** `clock`: the wall clock flushIdle() is called with (the service's). */
  constructor(private readonly clock?: () => number) {}

  decode(events: readonly RawEvent[], out: Observation[], time: RawDecodeTime = {}): RawDecodeResult {
    this.time = time;
    const result: RawDecodeResult = { signals: 0, skipped: 0, rejected: 0, errors: [] };
    for (const event of events) {
      this.lineReceivedAt = event.observedAt ?? time.receivedAt;
      const before = out.length;
      const batch = this.stream(event.format, event.host, out).decode(event.line);
      for (const observation of batch.observations) out.push(withHost(observation, event.host));
      result.signals += out.length - before;
      result.skipped += batch.skipped;
      result.rejected += batch.rejected;
      for (const error of batch.errors) quoteProblem(result.errors, error);
    }
    return result;
  }

  /** Events still held by an assembler (auditd), at the end of input. */
  flush(): Observation[] {
    return this.flushIdle(Number.POSITIVE_INFINITY);
  }

  /** Events whose records stopped arriving by `now` (the service's tick); `Infinity`: all of them. */
  flushIdle(now: number): Observation[] {
    const out: Observation[] = [];
    for (const { decoder, host } of this.streams.values()) {
      for (const observation of decoder.flushIdle(now)) out.push(withHost(observation, host));
    }
    return out;
  }

  private stream(format: EventFormat, host: string | undefined, out: Observation[]): EventDecoder {
    const key = `${format}\u0000${host ?? ''}`;
    let stream = this.streams.get(key);
    if (stream === undefined) {
      const decoder = new EventDecoder(format, {
        receivedAt: () => this.lineReceivedAt,
        referenceTime: () => this.time.referenceTime,
        ...(this.clock ? { clock: this.clock } : {}),
      });
      stream = { decoder, host };
      if (this.streams.size >= MAX_STREAMS) this.evictOldest(out);
    } else {
      this.streams.delete(key);
    }
    this.streams.set(key, stream);
    return stream.decoder;
  }

  private evictOldest(out: Observation[]): void {
    const oldest = this.streams.entries().next();
    if (oldest.done) return;
    const [key, { decoder, host }] = oldest.value;
    this.streams.delete(key);
    for (const observation of decoder.flush()) out.push(withHost(observation, host));
  }
}

function withHost(observation: Observation, host: string | undefined): Observation {
  if ('source' in observation && observation.host === undefined && host !== undefined) observation.host = host;
  return observation;
}
