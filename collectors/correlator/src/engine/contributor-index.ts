import type { Share } from './attribution';
import type { ProcessGroups } from './processes/groups';
import type { ProcessInstance } from './processes/instance';
import type { HostProcesses } from './processes/registry';

/** A contributor an instance is an ancestor of, and how many generations up it sits. */
export interface Descent {
  target: Share;
  depth: number;
}

/**
 * The contributors to a rise, indexed for the joins of one evaluation: which contributor an instance belongs to,
 * which ones it is an ancestor of, and which one runs the same program in the same lineage. Built once per
 * evaluation, so tying N signals costs N lookups instead of N walks over every member's parent chain.
 */
export class ContributorIndex {
  private readonly byMember = new Map<ProcessInstance, Share>();
  private readonly byKey = new Map<string, Share>();
  private readonly byAncestor = new Map<ProcessInstance, Descent[]>();

  /** `all`: largest share first. */
  constructor(
    readonly all: readonly Share[],
    processes: HostProcesses,
    private readonly groups: ProcessGroups,
    slackMs: number,
  ) {
    for (const share of all) {
      for (const member of share.members) {
        this.byMember.set(member, share);
        if (!this.byKey.has(groups.keyOf(member))) this.byKey.set(groups.keyOf(member), share);
        processes.ancestors(member, slackMs).forEach((ancestor, up) => {
          const list = this.byAncestor.get(ancestor) ?? [];
          const known = list.find((d) => d.target === share);
          if (known === undefined) list.push({ target: share, depth: up + 1 });
          else known.depth = Math.min(known.depth, up + 1);
          this.byAncestor.set(ancestor, list);
        });
      }
    }
  }

  /** The contributor this instance is counted in. */
  groupOf(instance: ProcessInstance): Share | undefined {
    return this.byMember.get(instance);
  }

  /**
   * The contributor running the same program in the same lineage as `instance`, which it is not counted in
   * (it used no CPU in the windows, or was never scraped). Only with a known lineage: by program alone, an alert
   * on an earlier `python3` would implicate every later one.
   */
  siblingOf(instance: ProcessInstance): Share | undefined {
    if (!this.groups.knowsLineage(instance)) return undefined;
    return this.byKey.get(this.groups.keyOf(instance));
  }

  /** The contributors `instance` is an ancestor of (the signal is on the shell that started them). */
  descendantsOf(instance: ProcessInstance): readonly Descent[] {
    return this.byAncestor.get(instance) ?? [];
  }
}
