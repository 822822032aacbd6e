/**
 * Problems quoted back per request (or per replayed file): enough for a sender to find and fix its bad records,
 * bounded so a hostile one cannot make the answer grow with its input. The rest are only counted.
 */
const MAX_QUOTED_PROBLEMS = 5;

/**
 * Keeps `message` in `quoted` if it is new and there is room: the one rule for "the first few problems", used by
 * the OTLP decoders, the event decoders, the routes that merge both, and replay's per-file summary.
 */
export function quoteProblem(quoted: string[], message: string, limit = MAX_QUOTED_PROBLEMS): void {
  if (quoted.length < limit && !quoted.includes(message)) quoted.push(message);
}
