import { sameContainer } from '../model/container';
import type { Share } from './attribution';
import type { ContributorIndex } from './contributor-index';
import type { ProcessInstance } from './processes/instance';
import type { HostProcesses, Resolution } from './processes/registry';
import { toolingProduct } from './processes/tooling';
import type { StoredSignal } from './signals';

/** How a signal was tied to the spike, most specific first (docs/design.md "Semantics worth getting right": joins). */
export type LinkLevel = 'process' | 'executable' | 'lineage' | 'container' | 'host';

export interface Link {
  signal: StoredSignal;
  level: LinkLevel;
  /** The contributor the signal implicates, for process/executable/lineage/container links. */
  target?: Share;
  /** Generations between the signal's process and the target (lineage only). */
  depth: number;
  /** Lineage only: `descendant` when the target descends from the signal's process, `ancestor` when above it. */
  relation?: 'descendant' | 'ancestor';
  /** The process the signal was resolved to, when it was. */
  instance?: ProcessInstance;
  /** The signal fitted several processes (an executable several instances ran): `instance` is one of them. */
  ambiguous?: true;
  /**
   * Evidence about a security or monitoring agent (its product): the tool at work, never a reason for suspicion.
   * Listed with the incident's signals, left out of its score.
   */
  tooling?: string;
}

export interface LinkContext {
  processes: HostProcesses;
  /** Processes (and groups of instances) that account for the rise, largest share first, indexed. */
  contributors: ContributorIndex;
  slackMs: number;
  /** Whether the signal was reported for this host (false: a host-less signal that only process identity can place). */
  onHost: boolean;
}

/** A shell or interpreter whose command line names the process that spiked is where that process came from. */
const WORD_BOUNDARY = /[\s/'"|;&()<>=]+/;

/**
 * Ties one signal to the spike at the most specific level its fields allow: the process itself (by pid and
 * start time, or exec id), the same executable (path, or name with compatible arguments), its lineage (the
 * signal is on an ancestor or a descendant), its container, or only the host. A signal on a process that does
 * not account for the rise is host-level at best: it must never name a culprit.
 */
export function linkSignal(signal: StoredSignal, context: LinkContext): Link | undefined {
  const { processes, slackMs } = context;
  const resolutions: Resolution[] = signal.process ? processes.resolve(signal.process, signal.time, slackMs) : [];
  let link = tiedLink(signal, resolutions, context);
  if (!link && context.onHost) link = { signal, level: 'host', depth: 0, instance: resolutions[0]?.instance };
  if (!link) return undefined;
  if (resolutions.length > 1) link.ambiguous = true;
  const about = link.instance ?? signal.process;
  const tooling = about === undefined ? undefined : toolingProduct(about);
  if (tooling !== undefined) link.tooling = tooling;
  return link;
}

/** The most specific tie of a signal to a contributor, or undefined when it is tied to none. */
function tiedLink(signal: StoredSignal, resolutions: Resolution[], context: LinkContext): Link | undefined {
  const { processes, contributors, slackMs } = context;
  let best: Link | undefined;
  const consider = (link: Link): void => {
    if (!best || rank(link) > rank(best)) best = link;
  };

  for (const { instance, level } of resolutions) {
    const direct = contributors.groupOf(instance);
    if (direct) consider({ signal, level, target: direct, depth: 0, instance });
    // Another instance of a contributing program, started the same way (a respawned miner's earlier pid, a worker
    // the pool retired): the same executable, not the same process.
    const sibling = direct ? undefined : contributors.siblingOf(instance);
    if (sibling) consider({ signal, level: 'executable', target: sibling, depth: 0, instance });
    for (const { target, depth } of contributors.descendantsOf(instance)) {
      consider({ signal, level: 'lineage', target, depth, instance, relation: 'descendant' });
    }
    const ancestors = processes.ancestors(instance, slackMs);
    ancestors.forEach((ancestor, up) => {
      const target = contributors.groupOf(ancestor);
      if (target) consider({ signal, level: 'lineage', target, depth: up + 1, instance, relation: 'ancestor' });
    });
  }
  if (!best && resolutions.length === 0 && signal.process) {
    const named = namedInCommandLine(signal, contributors.all, processes, slackMs);
    if (named) consider({ signal, level: 'lineage', target: named, depth: 2, relation: 'descendant' });
  }
  if (!best && signal.containerId) {
    const inContainer = contributors.all.find((c) => sameContainer(c.instance.containerId, signal.containerId));
    if (inContainer)
      consider({ signal, level: 'container', target: inContainer, depth: 0, instance: resolutions[0]?.instance });
  }
  return best;
}

/**
 * Whether the link ties its signal to the very process instance behind the rise, or to an ancestor of it: the
 * signal was resolved to one instance when it was raised (not to one of several that ran the same executable), and
 * that instance is one of the target's own members (not another run of the same program) or one the target
 * descends from. What a signal long before or after the spike needs.
 */
export function namesTheInstance(link: Link): boolean {
  const { instance, target } = link;
  if (instance === undefined || target === undefined || link.ambiguous) return false;
  if (link.relation === 'descendant') return true;
  return (link.level === 'process' || link.level === 'executable') && target.members.includes(instance);
}

/** Prefer the more specific link, then the larger share. */
function rank(link: Link): number {
  const level = { process: 5, executable: 4, lineage: 3, container: 2, host: 1 }[link.level];
  return level * 10 - link.depth + (link.target?.share ?? 0);
}

/** Instances of one group a shell's command line is checked against (a pool of hundreds says no more than this). */
const MAX_MEMBERS_NAMED = 32;

/**
 * A shell alert whose command line runs the spiking program (`sh -c "tar cz /srv | gzip -9"`) when the shell
 * itself was never seen by pid: it is the spiking process's parent if that parent is unknown or has the
 * shell's name, and the shell was alive around the time the process started.
 */
function namedInCommandLine(
  signal: StoredSignal,
  contributors: readonly Share[],
  processes: HostProcesses,
  slackMs: number,
): Share | undefined {
  const commandLine = signal.process?.commandLine;
  if (!commandLine) return undefined;
  const words = new Set(commandLine.split(WORD_BOUNDARY).filter((w) => w.length > 0));
  const signalName = signal.process?.name;
  for (const contributor of contributors) {
    for (const instance of contributor.members.slice(0, MAX_MEMBERS_NAMED)) {
      const names = instance.names();
      if (!names.some((name) => words.has(name) || (instance.exePath !== undefined && words.has(instance.exePath))))
        continue;
      const parent = processes.parentOf(instance, slackMs);
      if (parent && signalName && !parent.names().includes(signalName)) continue;
      const born = instance.bornBy(slackMs);
      if (Math.abs(signal.time - born) > 10 * slackMs) continue;
      return contributor;
    }
  }
  return undefined;
}
