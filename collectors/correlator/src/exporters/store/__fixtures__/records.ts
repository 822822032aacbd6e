import type { Anomaly, Incident, SignalRecord } from '@lockstep/contract';

export const T0 = Date.parse('2026-03-01T12:00:00.000Z');
export const MINUTE = 60_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function anomaly(overrides: Partial<Anomaly> & { id: string }): Anomaly {
  return {
    type: 'anomaly',
    entity: { 'host.name': 'web-1' },
    metric: 'cpu',
    start: iso(T0),
    end: iso(T0 + 5 * MINUTE),
    baseline: 0.1,
    peak: 0.9,
    unit: '1',
    contributors: [{ process: { 'process.pid': 4242, 'process.executable.name': 'xmrig' }, share: 0.8 }],
    ...overrides,
  };
}

export function incident(overrides: Partial<Incident> & { id: string }): Incident {
  return {
    type: 'incident',
    status: 'resolved',
    entity: { 'host.name': 'web-1' },
    start: iso(T0),
    end: iso(T0 + 5 * MINUTE),
    anomalies: [],
    score: 0.9,
    severity: 'high',
    culprit: { 'process.pid': 4242, 'process.executable.name': 'xmrig' },
    signals: [],
    summary: { ops: 'CPU rose.', security: 'A miner ran.', business: 'Checkout slowed.' },
    ...overrides,
  };
}

export function signal(overrides: Partial<SignalRecord> & { id: string }): SignalRecord {
  return {
    source: 'falco',
    rule: 'Detect crypto miners',
    severity: 'critical',
    time: iso(T0 + MINUTE),
    entity: { 'host.name': 'web-1' },
    ...overrides,
  };
}
