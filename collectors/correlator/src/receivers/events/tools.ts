import type { EventFormat } from '@lockstep/contract';
import type { Observation } from '../../engine/engine';
import type { EventResult } from '../../model/signal';
import { isSkipped } from '../../model/signal';
import { normalizeChange, normalizeFalco, normalizeOsquery, normalizeSuricata, normalizeTetragon } from './index';

/*
 * The table of the tools' parsers. A new tool: its name in EVENT_FORMATS (@lockstep/contract), its parser in
 * ./<tool>/ returning EventResult[] (signals, or a skip whose reason says why), then
 * - a JSON tool: a row in JSON_NORMALIZERS below (the compiler asks for it);
 * - a text tool: its name in TEXT_EVENT_FORMATS and a case in EventDecoder's line reader (decoder.ts);
 * - for replay, how to recognize it in ../formats.ts (detectJsonRecord or detectTextLine, FORMAT_DESCRIPTIONS).
 * The route `POST /v1/events/{format}`, the `lockstep.format` attribute, the metrics' labels and the help texts follow.
 */

/** Tools whose output is plain text lines, read by a line parser (auditd's assembler, the syslog parser, ...). */
const TEXT_EVENT_FORMATS = ['auditd', 'auth', 'dpkg', 'apt'] as const satisfies readonly EventFormat[];
export type TextEventFormat = (typeof TEXT_EVENT_FORMATS)[number];
/** Tools whose output is one JSON record per event, each read by the normalizer in JSON_NORMALIZERS. */
export type JsonEventFormat = Exclude<EventFormat, TextEventFormat>;

export function isTextEventFormat(format: EventFormat): format is TextEventFormat {
  return (TEXT_EVENT_FORMATS as readonly EventFormat[]).includes(format);
}

const JSON_NORMALIZERS: Readonly<Record<JsonEventFormat, (record: unknown) => EventResult[]>> = {
  falco: normalizeFalco,
  tetragon: normalizeTetragon,
  suricata: normalizeSuricata,
  osquery: normalizeOsquery,
  change: normalizeChange,
};

/** One parsed JSON record of a security tool, normalized. Shared by `lockstep replay` and the service. */
export function normalizeJsonRecord(format: JsonEventFormat, record: unknown): EventResult[] {
  return JSON_NORMALIZERS[format](record);
}

/** Where the results of normalizing one record go. */
export interface ResultTally {
  /** A valid record that is neither a security signal nor a change Lockstep uses (e.g. a Suricata flow record). */
  skipped(): void;
  /** A record that could not be read; `reason` names the field. */
  problem(reason: string): void;
}

/**
 * Splits normalizer results into observations — signals and changes — (appended to `out`), skipped records and
 * problems. Normalizers report both "not for us" and "broken" as Skipped; the reason's wording tells them apart.
 */
export function collectResults(results: EventResult[], out: Observation[], tally: ResultTally): number {
  let signals = 0;
  for (const result of results) {
    if (isSkipped(result)) {
      if (isProblemReason(result.reason)) tally.problem(result.reason);
      else tally.skipped();
      continue;
    }
    out.push(result);
    signals += 1;
  }
  return signals;
}

function isProblemReason(reason: string): boolean {
  return /malformed|missing|invalid|not an? /i.test(reason);
}
