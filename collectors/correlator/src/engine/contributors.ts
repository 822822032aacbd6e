import type { Share, Window } from './attribution';
import { attribute } from './attribution';
import type { HostState } from './host-state';
import type { EngineOptions } from './options';
import { ProcessGroups } from './processes/groups';

/** The windows a spike is judged in: the spike itself, and the stretch just before it. */
export function spikeWindows(
  start: number,
  end: number,
  host: HostState,
  options: EngineOptions,
): { during: Window; before: Window } {
  // The sample stamped `start` covers the interval before it, where the rise began.
  const from = start - host.intervalMs;
  const span = Math.max(options.attributionBaselineMs, 10 * host.intervalMs);
  return { during: { from, to: end }, before: { from: from - span, to: from } };
}

/**
 * Processes accounting for a rise over (during) against (before), optionally within one container; instances of
 * one program in one lineage count as one contributor.
 */
export function contributorsFor(
  host: HostState,
  during: Window,
  before: Window,
  containerId?: string,
  groups: ProcessGroups = new ProcessGroups(host.processes, host.slackMs),
): Share[] {
  const series = host.cpuSeries;
  let riseCores: number | undefined;
  if (series && host.cpus > 0 && containerId === undefined) {
    const d = series.mean(during.from, during.to);
    const b = series.mean(before.from, before.to);
    if (d !== undefined && b !== undefined) riseCores = Math.max(0, d - b) * host.cpus;
  }
  const all = host.processes.instances();
  const scoped =
    containerId === undefined
      ? all
      : [...all].filter((i) => i.containerId !== undefined && containerId.startsWith(i.containerId.slice(0, 12)));
  return attribute(scoped, during, before, riseCores, (instance) => groups.keyOf(instance));
}
