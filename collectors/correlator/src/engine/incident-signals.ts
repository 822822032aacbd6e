import type { IncidentSignal } from '@lockstep/contract';
import { toIso } from '../model/time';
import type { Link } from './evidence';
import { safeText as clean } from '../model/safe-text';
import { processInfoFromRef } from './process-info';
import { foldKey, searchFields } from './signal-fields';

/** Folded signal entries listed in one incident. */
const MAX_INCIDENT_SIGNALS = 50;
/** Length cap of a signal's output text inside an incident. */
const OUTPUT_LIMIT = 512;

/**
 * An incident's evidence: repeats of one rule on one process (a failed login: from one source) at one level fold into
 * one entry with a count; signals that already carry a count add it.
 */
export function foldSignals(links: Link[]): IncidentSignal[] {
  const byKey = new Map<string, IncidentSignal>();
  const ordered = [...links].sort((a, b) => a.signal.time - b.signal.time);
  for (const link of ordered) {
    const s = link.signal;
    const who = link.instance?.id ?? s.process?.pid ?? s.process?.name ?? '';
    const key = `${foldKey(s, who)}\u0000${link.level}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.count = (existing.count ?? 1) + (s.count ?? 1);
      existing.last_time = toIso(s.time);
      continue;
    }
    const entry: IncidentSignal = {
      source: s.source,
      rule: s.rule,
      severity: s.severity,
      time: toIso(s.time),
      match: link.level,
      ...searchFields(s),
    };
    if (s.count !== undefined && s.count > 1) entry.count = s.count;
    if (s.process) entry.process = processInfoFromRef(s.process);
    if (s.output) entry.output = clean(s.output, OUTPUT_LIMIT);
    byKey.set(key, entry);
  }
  return [...byKey.values()].slice(0, MAX_INCIDENT_SIGNALS);
}
