/**
 * Lockstep's alert rules, defined once. `build.ts` emits them as a Prometheus rule file and as Grafana-managed
 * alert provisioning, so both stacks alert on the same conditions with the same words.
 *
 * The metrics are the correlator's `/metrics` (docs/service.md): correlated incidents are those with score >= 0.5.
 *
 * Several correlator shards (docs/scale.md) are instances of one scrape job, each reporting the incidents of the
 * hosts it owns. The incident rules aggregate the instance away (`sum`, `max by (host)`), so an incident fires one
 * alert whichever shard holds it and a host moved between shards keeps its pending `for`; only the down rule is
 * per instance, naming the shard that is down. provisioning/prometheus/lockstep-rules.test.yml tests both shapes.
 */
import { CHANGE_ALERT_RULES } from './change-alerts';

export interface AlertRule {
  /** Prometheus alert name; also the Grafana rule title. */
  name: string;
  /** Stable Grafana rule uid (at most 40 characters). */
  uid: string;
  /** PromQL that returns a series for each thing that should alert (the condition is inside the expression). */
  expr: string;
  /** How long the condition must hold before the alert fires. */
  for: string;
  severity: 'critical' | 'warning' | 'info';
  summary: string;
  description: string;
}

export const RULE_GROUP = 'lockstep';
/** How often Prometheus and Grafana evaluate the group. */
export const EVALUATION_INTERVAL = '30s';
/** The Prometheus job that scrapes the correlator (provisioning/prometheus/prometheus.yml). */
export const CORRELATOR_JOB = 'lockstep-correlator';

export const ALERT_RULES: readonly AlertRule[] = [
  {
    name: 'LockstepCorrelatedIncidentCritical',
    uid: 'lockstep-correlated-critical',
    expr: 'sum(lockstep_incidents_open{severity="critical"}) > 0',
    for: '0s',
    severity: 'critical',
    summary: 'A critical correlated incident is open: a CPU or latency spike is explained by a security signal.',
    description:
      '{{ $value }} critical correlated incident(s) open. Open the Lockstep on-call dashboard for the host, the spike and the process behind it.',
  },
  {
    name: 'LockstepCorrelatedIncidentHigh',
    uid: 'lockstep-correlated-high',
    expr: 'sum(lockstep_incidents_open{severity="high"}) > 0',
    for: '0s',
    severity: 'warning',
    summary: 'A high-severity correlated incident is open.',
    description: '{{ $value }} high-severity correlated incident(s) open; the Lockstep dashboard names the process.',
  },
  {
    name: 'LockstepSpikeWithSecuritySignal',
    uid: 'lockstep-spike-and-signal',
    // Any incident, even one below the correlated threshold: a spike and a security signal on the same host.
    expr: 'max by (host) (lockstep_incident_score_max) > 0',
    for: '2m',
    severity: 'info',
    summary: 'A spike and a security signal on the same host ({{ $labels.host }}).',
    description:
      'Host {{ $labels.host }} has an open incident scored {{ $value }}: worth a look even when the two may be unrelated.',
  },
  {
    name: 'LockstepCorrelatorDown',
    uid: 'lockstep-correlator-down',
    expr: `up{job="${CORRELATOR_JOB}"} == 0 or absent(up{job="${CORRELATOR_JOB}"})`,
    for: '2m',
    severity: 'critical',
    summary: 'The Lockstep correlator is down or not scraped.',
    description: 'Prometheus cannot scrape the correlator: spikes and security signals are not being correlated.',
  },
  {
    name: 'LockstepCorrelatorSilent',
    uid: 'lockstep-correlator-silent',
    expr: 'sum(rate(lockstep_accepted_total[10m])) == 0',
    for: '10m',
    severity: 'warning',
    summary: 'The Lockstep correlator has accepted no telemetry for 10 minutes.',
    description: 'The correlator is up but receives nothing: check the agents, the Collector and the network path.',
  },
  {
    name: 'LockstepIngestRejecting',
    uid: 'lockstep-ingest-rejecting',
    expr: 'sum by (receiver) (rate(lockstep_rejected_total[5m])) / clamp_min(sum by (receiver) (rate(lockstep_received_total[5m])), 1e-9) > 0.05',
    for: '5m',
    severity: 'warning',
    summary: 'The correlator rejects more than 5% of what reaches its {{ $labels.receiver }} receiver.',
    description:
      '{{ $value | humanizePercentage }} of {{ $labels.receiver }} data is rejected; the correlator logs and /metrics give the reasons.',
  },
  ...CHANGE_ALERT_RULES,
];
