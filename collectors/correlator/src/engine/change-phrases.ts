import { safeText as clean } from '../model/safe-text';
import type { StoredChange } from './changes/store';
import { duration } from './text';

/** Lengths of a change's untrusted text inside a one-line summary. */
const SUMMARY_LIMIT = 120;
const ACTOR_LIMIT = 64;

/** How each kind of change is named in a sentence; other kinds read "the <kind> change". */
const NOUNS: Readonly<Record<string, string>> = {
  package: 'package change',
  config: 'configuration change',
  firewall: 'firewall change',
  access: 'access change',
};

/** `the deploy of checkout 1.4.2 by ci-bot`, `the package change (openssl upgraded 1.0 → 1.1)`. */
export function changePhrase(change: StoredChange): string {
  const what = clean(change.summary, SUMMARY_LIMIT);
  const by = change.actor === undefined ? '' : ` by ${clean(change.actor, ACTOR_LIMIT)}`;
  if (change.change === 'deploy') return `the deploy of ${what}${by}`;
  const noun = NOUNS[change.change] ?? `${clean(change.change, 32)} change`;
  return `the ${noun} (${what})${by}`;
}

/** `4 min after the deploy of checkout 1.4.2 by ci-bot`, relative to a spike that started at `start`. */
export function afterChange(change: StoredChange, start: number): string {
  const lag = start - change.time;
  if (lag < 0) return `as ${changePhrase(change)} was made`;
  if (lag < 60_000) return `right after ${changePhrase(change)}`;
  return `${duration(lag)} after ${changePhrase(change)}`;
}
