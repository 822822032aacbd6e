import type { Incident } from '@lockstep/contract';
import { VERSION } from '../../version';
import type { KeyValue } from './attributes';
import { bounded, double, int, str } from './attributes';
import { logSeverity } from './severity';

/** One OTLP/JSON `LogRecord`, already bounded: what the queue holds and the sender batches. */
export interface LogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: { stringValue: string };
  attributes: KeyValue[];
}

/** `event.name` of every record, so a backend can select incidents without knowing their attributes. */
export const INCIDENT_EVENT_NAME = 'lockstep.incident';
/** Resource `service.name`: the records are the correlator's own output, not the monitored service's logs. */
export const EXPORTER_SERVICE_NAME = 'lockstep-correlator';
const SCOPE_NAME = '@lockstep/correlator/export';

function nanos(ms: number): string {
  return `${BigInt(Math.round(ms)) * 1_000_000n}`;
}

/** Repeats folded into one signal entry are signals too: the count is of everything the incident saw. */
function signalCount(incident: Incident): number {
  return incident.signals.reduce((total, signal) => total + (signal.count ?? 1), 0);
}

function entityAttributes(incident: Incident): KeyValue[] {
  const entity = incident.entity;
  const out = [str('host.name', entity['host.name'])];
  if (entity['container.id'] !== undefined) out.push(str('container.id', entity['container.id']));
  if (entity['k8s.namespace.name'] !== undefined) out.push(str('k8s.namespace.name', entity['k8s.namespace.name']));
  if (entity['k8s.pod.name'] !== undefined) out.push(str('k8s.pod.name', entity['k8s.pod.name']));
  if (entity['service.name'] !== undefined) out.push(str('service.name', entity['service.name']));
  return out;
}

function culpritAttributes(incident: Incident): KeyValue[] {
  const culprit = incident.culprit;
  if (culprit === null) return [];
  const out = [
    int('process.pid', culprit['process.pid']),
    str('process.executable.name', culprit['process.executable.name']),
  ];
  const optional = ['process.executable.path', 'process.command_line', 'process.owner'] as const;
  for (const key of optional) {
    const value = culprit[key];
    if (value !== undefined) out.push(str(key, value));
  }
  return out;
}

/**
 * The log record of one state of an incident. Its time is the incident's latest data time (its end once it has
 * one), so a backend orders the open, updated and resolved records of one incident the way they happened.
 */
export function incidentRecord(incident: Incident, observedMs: number): LogRecord {
  const severity = logSeverity(incident.severity);
  const attributes: KeyValue[] = [
    str('event.name', INCIDENT_EVENT_NAME),
    str('lockstep.incident.id', incident.id),
    str('lockstep.incident.status', incident.status),
    double('lockstep.incident.score', incident.score),
    str('lockstep.incident.severity', incident.severity),
    str('lockstep.incident.start', incident.start),
  ];
  if (incident.end !== null) attributes.push(str('lockstep.incident.end', incident.end));
  attributes.push(
    int('lockstep.incident.signal_count', signalCount(incident)),
    str('lockstep.incident.summary.security', incident.summary.security),
    str('lockstep.incident.summary.business', incident.summary.business),
    ...entityAttributes(incident),
    ...culpritAttributes(incident),
  );
  const body = incident.summary.ops !== '' ? incident.summary.ops : `Incident ${incident.id} is ${incident.status}.`;
  return {
    timeUnixNano: nanos(Date.parse(incident.end ?? incident.start)),
    observedTimeUnixNano: nanos(observedMs),
    severityNumber: severity.number,
    severityText: severity.text,
    body: { stringValue: bounded(body) },
    attributes,
  };
}

/** An OTLP `ExportLogsServiceRequest` carrying `records` under Lockstep's resource and scope. */
export function logsRequest(records: readonly LogRecord[]): object {
  return {
    resourceLogs: [
      {
        resource: { attributes: [str('service.name', EXPORTER_SERVICE_NAME), str('service.version', VERSION)] },
        scopeLogs: [{ scope: { name: SCOPE_NAME, version: VERSION }, logRecords: records }],
      },
    ],
  };
}
