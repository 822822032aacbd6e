import type { Finding } from '@lockstep/contract';
import type { ChangeEvent } from '../../model/change';
import { safeText } from '../../model/safe-text';
import { toIso } from '../../model/time';
import { stableId } from '../ids';
import { clockTime, duration } from '../text';
import { changeId, isTemporary, toChangeRecord } from './record';

/** Open temporary changes tracked at once; past it the oldest is forgotten (and counted). */
const MAX_OPEN = 10_000;

interface Tracked {
  change: ChangeEvent;
  asset: Finding['asset'];
  /** Set once the window passed without a revert. */
  finding?: Finding;
}

/**
 * Firewall and access changes are temporary until something undoes them: a change whose `reverts` names them, or
 * the inverse record (an `iptables -D` after an `iptables -A`, an nft rule unregistered after it was registered).
 * One not undone within the window becomes an open finding on its asset; an undo after that closes the finding.
 */
export class TemporaryChanges {
  private readonly tracked = new Map<string, Tracked>();
  dropped = 0;

  constructor(private readonly windowMs: number) {}

  /** A change arrived (in time order); findings it closes are appended to `out`. */
  add(change: ChangeEvent, asset: Finding['asset'] | undefined, out: Finding[]): void {
    for (const undone of this.undone(change)) this.close(undone, change.time, out);
    if (!isTemporary(change) || asset === undefined) return;
    if (this.tracked.size >= MAX_OPEN) {
      this.tracked.delete(this.tracked.keys().next().value as string);
      this.dropped += 1;
    }
    this.tracked.set(changeId(change), { change, asset });
  }

  /** Data time reached `now`: changes whose window passed become findings, appended to `out`. */
  tick(now: number, out: Finding[]): void {
    for (const [id, tracked] of this.tracked) {
      if (tracked.finding !== undefined || now < tracked.change.time + this.windowMs) continue;
      tracked.finding = this.findingOf(id, tracked);
      out.push(tracked.finding);
    }
  }

  /** Open findings now (for the live view and the metrics). */
  get openFindings(): number {
    let n = 0;
    for (const tracked of this.tracked.values()) if (tracked.finding !== undefined) n += 1;
    return n;
  }

  /**
   * What a change undoes: the change its `reverts` names, or every open add of the same rule or account — sudo's
   * USER_CMD and the kernel's NETFILTER_CFG both report one `iptables -A`, and one `-D` undoes it.
   */
  private undone(change: ChangeEvent): string[] {
    if (change.reverts !== undefined) return this.tracked.has(change.reverts) ? [change.reverts] : [];
    const undo = change.undo;
    if (undo?.op !== 'remove') return [];
    const ids: string[] = [];
    for (const [id, tracked] of this.tracked) {
      if (tracked.change.undo?.key === undo.key && tracked.change.undo.op === 'add') ids.push(id);
    }
    return ids;
  }

  private close(id: string, time: number, out: Finding[]): void {
    const tracked = this.tracked.get(id);
    this.tracked.delete(id);
    if (tracked?.finding === undefined) return;
    out.push({
      ...tracked.finding,
      status: 'closed',
      closed: toIso(Math.max(time, Date.parse(tracked.finding.opened))),
    });
  }

  private findingOf(id: string, tracked: Tracked): Finding {
    const { change, asset } = tracked;
    const by = change.actor === undefined ? '' : ` by ${safeText(change.actor, 64)}`;
    return {
      type: 'finding',
      id: stableId('fnd', id),
      kind: 'temporary-change',
      status: 'open',
      asset,
      change: toChangeRecord(change),
      opened: toIso(change.time + this.windowMs),
      closed: null,
      window_ms: this.windowMs,
      summary:
        `The ${change.change} change “${safeText(change.summary, 160)}”${by} on ${safeText(asset.name, 64)} at ` +
        `${clockTime(change.time)} is still open after ${duration(this.windowMs)}: nothing has reverted it.`,
    };
  }
}
