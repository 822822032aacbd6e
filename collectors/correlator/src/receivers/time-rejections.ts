/** Items refused for their time, by why (see the engine's IngestVerdict). */
export interface TimeRejections {
  /** Dated more than `maxFutureMs` after the correlator's clock. */
  future: number;
  /** Dated more than `maxPastMs` before their host's newest data. */
  past: number;
  /** A time no Date can hold, or none at all. */
  invalid: number;
}

export interface TimeWindows {
  /** Undefined: no bound from a clock (tests with a made-up one). */
  maxFutureMs?: number;
  maxPastMs: number;
}

export function timeRejected(rejected: TimeRejections): number {
  return rejected.future + rejected.past + rejected.invalid;
}

/** The sentences a receiver quotes for refused times (OTLP partial success, the events answer's errors). */
export function timeRejectionMessages(rejected: TimeRejections, windows: TimeWindows): string[] {
  const out: string[] = [];
  if (rejected.invalid > 0) {
    out.push(`${rejected.invalid} items carried a time outside 1970 to year 275760 and were rejected`);
  }
  if (rejected.future > 0) {
    const window = windows.maxFutureMs === undefined ? '' : ` more than ${seconds(windows.maxFutureMs)}`;
    out.push(`${rejected.future} items were dated${window} after the correlator's clock and were rejected`);
  }
  if (rejected.past > 0) {
    out.push(
      `${rejected.past} items were dated more than ${seconds(windows.maxPastMs)} before their host's newest data and were rejected`,
    );
  }
  return out;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
