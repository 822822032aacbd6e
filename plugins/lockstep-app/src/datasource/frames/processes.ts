import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME } from '../../common/frames';
import { isCulpritEntry } from '../../common/process-identity';
import { toProcess } from '../../common/records';
import type { ApiAnomaly, ApiIncident, ApiProcess } from '../api/types';
import { HIDDEN } from './values';

export interface ProcessRow {
  /** The process, or for a group of instances its representative. */
  process: ApiProcess;
  /**
   * Largest share of a rise this process accounts for, over the incident's spikes (CPU, latency), as measured so
   * far while a spike is open; null for a culprit none of them lists.
   */
  share: number | null;
  /** How many instances of one executable and lineage the row stands for; null for a single process. */
  instances: number | null;
  culprit: boolean;
}

/** Pids are reused: a process is its pid plus its start time where known, else its pid plus its name. */
function identity(process: ApiProcess): string {
  const pid = process['process.pid'] ?? '?';
  return `${pid}\u0000${process['process.creation.time'] ?? process['process.executable.name'] ?? ''}`;
}

function isCulprit(process: ApiProcess, instances: number | undefined, culprit: ApiProcess | null): boolean {
  const entry = toProcess(process);
  const named = toProcess(culprit);
  return entry !== undefined && named !== undefined && isCulpritEntry(entry, instances, named);
}

/**
 * The processes behind an incident's spikes: contributors merged across its anomalies, largest share first. The
 * correlator keeps an open spike's contributors current, so they are there while it lasts; a culprit none of the
 * spikes lists (a spike no longer stored) heads the list without a share.
 */
export function processRows(incident: ApiIncident, anomalies: ApiAnomaly[]): ProcessRow[] {
  const rows = new Map<string, ProcessRow & { share: number }>();
  for (const anomaly of anomalies) {
    for (const { process, share, instances } of anomaly.contributors) {
      const key = identity(process);
      const seen = rows.get(key);
      if (seen === undefined || share > seen.share) {
        const culprit = isCulprit(process, instances, incident.culprit);
        rows.set(key, { process, share, instances: instances ?? null, culprit });
      }
    }
  }
  const sorted: ProcessRow[] = [...rows.values()].sort((a, b) => b.share - a.share);
  const culprit = incident.culprit;
  return culprit === null || sorted.some((row) => row.culprit)
    ? sorted
    : [{ process: culprit, share: null, instances: culprit.instances ?? null, culprit: true }, ...sorted];
}

/** The `processes` frame (see common/frames.ts). */
export function processesFrame(rows: ProcessRow[], incidentId?: string): DataFrame {
  const column = <T>(pick: (process: ApiProcess) => T): T[] => rows.map((row) => pick(row.process));
  return createDataFrame({
    name: FRAME.processes,
    meta: { preferredVisualisationType: 'table', custom: { incidentId } },
    fields: [
      { name: 'pid', type: FieldType.number, values: column((p) => p['process.pid'] ?? null), config: { decimals: 0 } },
      { name: 'name', type: FieldType.string, values: column((p) => p['process.executable.name'] ?? null) },
      { name: 'path', type: FieldType.string, values: column((p) => p['process.executable.path'] ?? null) },
      { name: 'command_line', type: FieldType.string, values: column((p) => p['process.command_line'] ?? null) },
      { name: 'owner', type: FieldType.string, values: column((p) => p['process.owner'] ?? null) },
      { name: 'container', type: FieldType.string, values: column((p) => p['container.id'] ?? null) },
      {
        name: 'share',
        type: FieldType.number,
        values: rows.map((row) => row.share),
        config: { unit: 'percentunit', min: 0, max: 1 },
      },
      {
        name: 'instances',
        type: FieldType.number,
        values: rows.map((row) => row.instances),
        // Its own unit: a panel's percent default for shares must not turn a count into a percentage.
        config: { decimals: 0, unit: 'none' },
      },
      { name: 'process', type: FieldType.other, values: rows.map((row) => row.process), config: HIDDEN },
      { name: 'culprit', type: FieldType.boolean, values: rows.map((row) => row.culprit) },
    ],
  });
}
