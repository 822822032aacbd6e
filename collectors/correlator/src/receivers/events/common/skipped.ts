import type { Skipped } from '../../../model/signal';

/**
 * A record that produced no signal. Reasons start with the source name. Replay counts a reason that says
 * "malformed", "missing", "invalid" or "not a(n)" as a broken record and any other as a valid record that
 * simply carries no security signal, so reasons for valid records must avoid those words.
 */
export function skipped(reason: string): Skipped {
  return { skipped: true, reason };
}
