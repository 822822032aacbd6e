import type { Anomaly, Incident, IncidentSeverity } from '@lockstep/contract';
import { CORRELATED_SCORE } from '@lockstep/contract';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';

const SEVERITIES: readonly IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];
const METRICS = ['cpu', 'latency'] as const;
/** The `host` label shared by every host past `max_host_series`. */
export const OTHER_HOST = '_other';

interface OpenIncident {
  host: string;
  severity: IncidentSeverity;
  score: number;
}

/**
 * Metrics for alert rules, kept from what the engine emits: open correlated incidents by severity, the highest
 * open incident score per host, open anomalies by metric, and correlated incidents opened. The per-host gauge
 * names at most `maxHostSeries` hosts (the highest scores); the rest share host="_other", so a flood of host
 * names cannot grow the series count.
 */
/** Listens to what the pipeline emits (its PipelineListener). */
export class CorrelationMetrics {
  private readonly open = new Map<string, OpenIncident>();
  private readonly counted = new Set<string>();
  private readonly anomalies = new Map<string, Anomaly['metric']>();
  private readonly opened: Counter<'severity'>;

  constructor(registry: Registry, maxHostSeries: number) {
    const registers = [registry];
    const open = this.open;
    const anomalies = this.anomalies;
    new Gauge({
      name: 'lockstep_incidents_open',
      help: `Open correlated incidents (score >= ${CORRELATED_SCORE}), by severity.`,
      labelNames: ['severity'],
      registers,
      collect() {
        const counts = new Map<IncidentSeverity, number>(SEVERITIES.map((s) => [s, 0]));
        for (const incident of open.values()) {
          if (incident.score >= CORRELATED_SCORE)
            counts.set(incident.severity, (counts.get(incident.severity) ?? 0) + 1);
        }
        for (const [severity, count] of counts) this.set({ severity }, count);
      },
    });
    new Gauge({
      name: 'lockstep_incident_score_max',
      help: `Highest score of the open incidents of a host; hosts past the ${maxHostSeries} highest share host="${OTHER_HOST}".`,
      labelNames: ['host'],
      registers,
      collect() {
        this.reset();
        for (const [host, score] of topHosts(open, maxHostSeries)) this.set({ host }, score);
      },
    });
    new Gauge({
      name: 'lockstep_anomalies_open',
      help: 'Spikes currently open, by metric (cpu, latency).',
      labelNames: ['metric'],
      registers,
      collect() {
        const counts = new Map<string, number>(METRICS.map((m) => [m, 0]));
        for (const metric of anomalies.values()) counts.set(metric, (counts.get(metric) ?? 0) + 1);
        for (const [metric, count] of counts) this.set({ metric }, count);
      },
    });
    this.opened = new Counter({
      name: 'lockstep_correlated_incidents_opened_total',
      help: `Incidents that became correlated (score >= ${CORRELATED_SCORE}), by severity at that moment.`,
      labelNames: ['severity'],
      registers,
    });
    for (const severity of SEVERITIES) this.opened.inc({ severity }, 0);
  }

  anomaly(anomaly: Anomaly, final: boolean): void {
    if (final || anomaly.end !== null) this.anomalies.delete(anomaly.id);
    else this.anomalies.set(anomaly.id, anomaly.metric);
  }

  incident(incident: Incident, final: boolean): void {
    const correlated = incident.score >= CORRELATED_SCORE;
    if (correlated && !this.counted.has(incident.id)) {
      this.counted.add(incident.id);
      this.opened.inc({ severity: incident.severity });
    }
    if (final || incident.status === 'resolved') {
      this.open.delete(incident.id);
      this.counted.delete(incident.id);
      return;
    }
    this.open.set(incident.id, {
      host: incident.entity['host.name'],
      severity: incident.severity,
      score: incident.score,
    });
  }
}

/** Max score per host: the `limit` highest-scoring hosts by name (ties by name), the rest folded into OTHER_HOST. */
function topHosts(open: ReadonlyMap<string, OpenIncident>, limit: number): Map<string, number> {
  const byHost = new Map<string, number>();
  for (const incident of open.values()) {
    byHost.set(incident.host, Math.max(byHost.get(incident.host) ?? 0, incident.score));
  }
  const ranked = [...byHost].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out = new Map<string, number>(ranked.slice(0, limit));
  for (const [, score] of ranked.slice(limit)) out.set(OTHER_HOST, Math.max(out.get(OTHER_HOST) ?? 0, score));
  return out;
}
