import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME } from '../../common/frames';

/** Frames as the data source returns them for a timeline query (names in common/frames.ts), for tests. */

export const T0 = Date.parse('2026-03-01T12:00:00Z');
export const MINUTE = 60_000;
export const at = (minutes: number): number => T0 + minutes * MINUTE;
export const iso = (minutes: number): string => new Date(at(minutes)).toISOString();

export interface Strings {
  name: string;
  path: string;
  commandLine: string;
  owner: string;
  parent: string;
  container: string;
  rule: string;
  output: string;
  host: string;
  summary: string;
}

export const PLAIN: Strings = {
  name: 'xmrig',
  path: '/tmp/.x/xmrig',
  commandLine: '/tmp/.x/xmrig -o stratum+tcp://pool.example:3333 --threads 4',
  owner: 'www-data',
  parent: 'bash',
  container: '3f2a9c1e0b7d',
  rule: 'Detect crypto miners using the Stratum protocol',
  output: 'Outbound connection to a mining pool (command=xmrig -o stratum+tcp://pool.example:3333)',
  host: 'web-1',
  summary: 'web-1 CPU went from 10% to 90% for 10 minutes.',
};

export function culpritJson(s: Strings = PLAIN): Record<string, unknown> {
  return {
    'process.pid': 4242,
    'process.executable.name': s.name,
    'process.executable.path': s.path,
    'process.command_line': s.commandLine,
    'process.owner': s.owner,
    'process.parent_pid': 4000,
    'process.creation.time': iso(19),
    'container.id': s.container,
    'process.parent_chain': [s.parent, 'sshd', 'systemd'],
  };
}

export function incidentSignals(s: Strings = PLAIN): Array<Record<string, unknown>> {
  return [
    {
      source: 'falco',
      rule: s.rule,
      severity: 'critical',
      time: iso(21),
      process: { 'process.pid': 4242, 'process.executable.name': s.name, 'process.creation.time': iso(19) },
      output: s.output,
      count: 3,
      last_time: iso(23),
      match: 'process',
    },
    {
      source: 'auditd',
      rule: `${s.rule} (audit)`,
      severity: 'medium',
      time: iso(22),
      process: { 'process.pid': 4000, 'process.executable.name': s.parent },
      match: 'container',
      'user.name': s.owner,
      'source.address': '203.0.113.9',
      'source.port': 4242,
      'destination.address': '2001:db8::5',
      'destination.port': 22,
      'event.outcome': 'failure',
    },
  ];
}

export function seriesFrame(points = 361, metric = 'cpu', unit = '1'): DataFrame {
  const times = Array.from({ length: points }, (_, i) => T0 + i * 10_000);
  const values = times.map((t) => (t >= at(20) && t < at(30) ? 0.9 : 0.1));
  return createDataFrame({
    name: FRAME.series,
    meta: { custom: { metric, unit, entity: { 'host.name': PLAIN.host } } },
    fields: [
      { name: 'time', type: FieldType.time, values: times },
      { name: 'value', type: FieldType.number, values },
    ],
  });
}

export function anomaliesFrame(s: Strings = PLAIN): DataFrame {
  return createDataFrame({
    name: FRAME.anomalies,
    fields: [
      { name: 'id', type: FieldType.string, values: ['an-1', 'an-2'] },
      { name: 'start', type: FieldType.time, values: [at(20), at(50)] },
      { name: 'end', type: FieldType.time, values: [at(30), null] },
      { name: 'metric', type: FieldType.string, values: ['cpu', 'cpu'] },
      { name: 'unit', type: FieldType.string, values: ['1', '1'] },
      { name: 'baseline', type: FieldType.number, values: [0.1, 0.1] },
      { name: 'peak', type: FieldType.number, values: [0.9, 0.5] },
      { name: 'host', type: FieldType.string, values: [s.host, s.host] },
      {
        name: 'contributors',
        type: FieldType.other,
        values: [
          [
            {
              process: { 'process.pid': 4242, 'process.executable.name': s.name, 'process.creation.time': iso(19) },
              share: 0.82,
            },
            { process: { 'process.pid': 100, 'process.executable.name': 'nginx' }, share: 0.1 },
          ],
          [{ process: { 'process.pid': 200, 'process.executable.name': 'backup' }, share: 0.9 }],
        ],
      },
    ],
  });
}

export function signalsFrame(s: Strings = PLAIN): DataFrame {
  const signals = [
    ...incidentSignals(s),
    { source: 'osquery', rule: 'New listening port', severity: 'low', time: iso(40) },
  ];
  const proc = (i: number): Record<string, unknown> | null => (signals[i]?.process as Record<string, unknown>) ?? null;
  return createDataFrame({
    name: FRAME.signals,
    fields: [
      { name: 'time', type: FieldType.time, values: signals.map((x) => Date.parse(String(x.time))) },
      {
        name: 'timeEnd',
        type: FieldType.time,
        values: signals.map((x) => (x.last_time ? Date.parse(String(x.last_time)) : null)),
      },
      { name: 'source', type: FieldType.string, values: signals.map((x) => x.source) },
      { name: 'rule', type: FieldType.string, values: signals.map((x) => x.rule) },
      { name: 'severity', type: FieldType.string, values: signals.map((x) => x.severity) },
      { name: 'output', type: FieldType.string, values: signals.map((x) => x.output ?? null) },
      { name: 'host', type: FieldType.string, values: signals.map(() => s.host) },
      {
        name: 'process_name',
        type: FieldType.string,
        values: signals.map((_, i) => proc(i)?.['process.executable.name'] ?? null),
      },
      { name: 'pid', type: FieldType.number, values: signals.map((_, i) => proc(i)?.['process.pid'] ?? null) },
      { name: 'count', type: FieldType.number, values: signals.map((x) => x.count ?? 1) },
      { name: 'match', type: FieldType.string, values: signals.map((x) => x.match ?? null) },
      { name: 'user', type: FieldType.string, values: signals.map((x) => x['user.name'] ?? null) },
      { name: 'source_address', type: FieldType.string, values: signals.map((x) => x['source.address'] ?? null) },
      { name: 'source_port', type: FieldType.number, values: signals.map((x) => x['source.port'] ?? null) },
      {
        name: 'destination_address',
        type: FieldType.string,
        values: signals.map((x) => x['destination.address'] ?? null),
      },
      { name: 'destination_port', type: FieldType.number, values: signals.map((x) => x['destination.port'] ?? null) },
      { name: 'outcome', type: FieldType.string, values: signals.map((x) => x['event.outcome'] ?? null) },
      { name: 'process', type: FieldType.other, values: signals.map((_, i) => proc(i)) },
    ],
  });
}

export interface IncidentRow {
  id: string;
  start: number;
  end: number | null;
  status?: string;
  severity?: string;
  score?: number;
  culprit?: Record<string, unknown> | null;
}

export function incidentsFrame(s: Strings = PLAIN, rows?: IncidentRow[]): DataFrame {
  const list = rows ?? [{ id: 'in-1', start: at(20), end: at(30), culprit: culpritJson(s) }];
  return createDataFrame({
    name: FRAME.incidents,
    fields: [
      { name: 'id', type: FieldType.string, values: list.map((r) => r.id) },
      { name: 'start', type: FieldType.time, values: list.map((r) => r.start) },
      { name: 'end', type: FieldType.time, values: list.map((r) => r.end) },
      { name: 'status', type: FieldType.string, values: list.map((r) => r.status ?? 'resolved') },
      { name: 'severity', type: FieldType.string, values: list.map((r) => r.severity ?? 'high') },
      { name: 'score', type: FieldType.number, values: list.map((r) => r.score ?? 0.9) },
      { name: 'host', type: FieldType.string, values: list.map(() => s.host) },
      { name: 'container', type: FieldType.string, values: list.map(() => s.container) },
      { name: 'service', type: FieldType.string, values: list.map(() => 'shop') },
      { name: 'culprit_name', type: FieldType.string, values: list.map((r) => (r.culprit === null ? null : s.name)) },
      { name: 'culprit_pid', type: FieldType.number, values: list.map((r) => (r.culprit === null ? null : 4242)) },
      {
        name: 'culprit',
        type: FieldType.other,
        values: list.map((r) => (r.culprit === undefined ? culpritJson(s) : r.culprit)),
      },
      { name: 'signals', type: FieldType.other, values: list.map(() => incidentSignals(s)) },
      { name: 'anomalies', type: FieldType.other, values: list.map(() => ['an-1']) },
      { name: 'summary_ops', type: FieldType.string, values: list.map(() => s.summary) },
      { name: 'summary_security', type: FieldType.string, values: list.map(() => `${s.name} ran a crypto miner.`) },
      {
        name: 'summary_business',
        type: FieldType.string,
        values: list.map(() => 'Checkout was slower for 10 minutes.'),
      },
    ],
  });
}

export function timelineFrames(s: Strings = PLAIN): DataFrame[] {
  return [seriesFrame(), anomaliesFrame(s), signalsFrame(s), incidentsFrame(s)];
}
