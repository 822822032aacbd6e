import type { Signal } from '../../../model/signal';
import { ASSIGNED_SEVERITY } from '../common/severity';

/**
 * Repeated failures from one source: past BRUTE_FORCE_FAILURES failed-authentication lines from one address on one
 * host within BRUTE_FORCE_WINDOW_MS (data time), one explicit `auth: brute force` signal carrying the count. Every
 * failure line counts, as fail2ban counts them (its sshd jail bans at 5 in 10 minutes); sshd writes about two lines
 * per wrong password (its own and PAM's), so 10 lines is about 5 attempts. The burst is reported once; a source
 * that stays quiet for a whole window starts a new one.
 */
export const BRUTE_FORCE_FAILURES = 10;
export const BRUTE_FORCE_WINDOW_MS = 10 * 60 * 1000;
export const BRUTE_FORCE_RULE = 'auth: brute force';
/** Sources tracked at once (least recently seen forgotten first): bounds memory under a distributed attack. */
const MAX_SOURCES = 4096;
/** User names named in the signal's text. */
const MAX_USERS_NAMED = 5;

interface Burst {
  times: number[];
  users: Set<string>;
  reported: boolean;
  last: number;
}

export class BruteForceDetector {
  private readonly sources = new Map<string, Burst>();

  /** Counts one signal; returns the brute-force signal when this failure crosses the threshold. */
  note(signal: Signal): Signal | undefined {
    if (signal.outcome !== 'failure' || signal.srcAddress === undefined) return undefined;
    const key = `${signal.host ?? ''}\u0000${signal.srcAddress}`;
    let burst = this.sources.get(key);
    if (burst === undefined || signal.time - burst.last >= BRUTE_FORCE_WINDOW_MS) {
      burst = { times: [], users: new Set(), reported: false, last: signal.time };
    }
    this.sources.delete(key);
    this.sources.set(key, burst);
    if (this.sources.size > MAX_SOURCES) {
      const oldest = this.sources.keys().next();
      if (!oldest.done) this.sources.delete(oldest.value);
    }
    burst.last = Math.max(burst.last, signal.time);
    for (let i = 0; i < (signal.count ?? 1); i += 1) burst.times.push(signal.time);
    while (burst.times.length > 0 && (burst.times[0] as number) <= burst.last - BRUTE_FORCE_WINDOW_MS)
      burst.times.shift();
    if (burst.times.length > BRUTE_FORCE_FAILURES) burst.times.splice(0, burst.times.length - BRUTE_FORCE_FAILURES);
    if (signal.user !== undefined && burst.users.size < MAX_USERS_NAMED) burst.users.add(signal.user);
    if (burst.reported || burst.times.length < BRUTE_FORCE_FAILURES) return undefined;
    burst.reported = true;
    return bruteForceSignal(signal, burst);
  }
}

function bruteForceSignal(last: Signal, burst: Burst): Signal {
  const users = [...burst.users];
  const minutes = BRUTE_FORCE_WINDOW_MS / 60_000;
  const out: Signal = {
    time: last.time,
    source: last.source,
    kind: 'alert',
    rule: BRUTE_FORCE_RULE,
    severity: ASSIGNED_SEVERITY.bruteForce,
    outcome: 'failure',
    srcAddress: last.srcAddress,
    count: burst.times.length,
    output:
      `${burst.times.length} failed authentications from ${last.srcAddress} within ${minutes} minutes` +
      (users.length > 0 ? ` (users: ${users.join(', ')})` : ''),
  };
  if (last.host !== undefined) out.host = last.host;
  if (users.length === 1) out.user = users[0];
  return out;
}
