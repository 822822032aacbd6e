import type { EngineChanges } from './changes/changes';
import type { SourceClock, VerdictCounts } from './clocks';
import type { HostState } from './host-state';
import type { EvictionCounts } from './limits';
import type { Series } from './series';
import type { SignalStore } from './signals';

/** The engine's counters and sizes, for the service's status and metrics and replay's summary. */
export interface EngineStats {
  observations: number;
  lateDropped: number;
  /** Observations refused for their time, by verdict. */
  rejected: Pick<VerdictCounts, 'future' | 'past' | 'invalid'>;
  signalsStored: number;
  signalsDropped: number;
  changesStored: number;
  changesDropped: number;
  openFindings: number;
  hosts: number;
  series: number;
  processes: number;
  openAnomalies: number;
  openEpisodes: number;
  watermark: number | undefined;
  /** Entities dropped since start for a count bound (limits.ts), by kind. */
  evictions: EvictionCounts;
}

/** What the counters are read from. */
export interface EngineParts {
  observations: number;
  verdicts: VerdictCounts;
  signals: SignalStore;
  changes: EngineChanges;
  hosts: ReadonlyMap<string, HostState>;
  series: ReadonlyMap<string, Series>;
  episodes: number;
  clocks: ReadonlyMap<string, SourceClock>;
  evictions: EvictionCounts;
}

export function engineStats(parts: EngineParts): EngineStats {
  let processes = 0;
  for (const host of parts.hosts.values()) processes += host.processes.size;
  let openAnomalies = 0;
  for (const s of parts.series.values()) if (s.anomaly) openAnomalies += 1;
  // The newest data time any source has applied.
  let watermark: number | undefined;
  for (const clock of parts.clocks.values()) {
    if (clock.applied !== undefined && (watermark === undefined || clock.applied > watermark))
      watermark = clock.applied;
  }
  const { future, past, invalid, late } = parts.verdicts;
  return {
    observations: parts.observations,
    lateDropped: late,
    rejected: { future, past, invalid },
    signalsStored: parts.signals.size,
    signalsDropped: parts.signals.dropped,
    changesStored: parts.changes.stored,
    changesDropped: parts.changes.dropped,
    openFindings: parts.changes.openFindings,
    hosts: parts.hosts.size,
    series: parts.series.size,
    processes,
    openAnomalies,
    openEpisodes: parts.episodes,
    watermark,
    evictions: parts.evictions,
  };
}
