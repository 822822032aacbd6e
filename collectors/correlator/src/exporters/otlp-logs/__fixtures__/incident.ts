import type { Incident } from '@lockstep/contract';

/** A correlated, resolved cryptominer incident with every field the exporter maps. */
export function minerIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    type: 'incident',
    id: 'inc_0123456789abcdef',
    status: 'resolved',
    entity: { 'host.name': 'web-01', 'container.id': 'a'.repeat(64), 'service.name': 'checkout' },
    start: '2026-11-23T03:12:00.000Z',
    end: '2026-11-23T03:20:30.000Z',
    anomalies: ['an_1', 'an_2'],
    score: 0.82,
    severity: 'critical',
    culprit: {
      'process.pid': 4242,
      'process.executable.name': 'xmrig',
      'process.executable.path': '/tmp/.x/xmrig',
      'process.command_line': '/tmp/.x/xmrig -o stratum+tcp://pool.example:3333',
      'process.owner': 'www-data',
    },
    signals: [
      {
        source: 'falco',
        rule: 'Detect crypto miners',
        severity: 'critical',
        time: '2026-11-23T03:11:58.123Z',
        count: 3,
      },
      { source: 'suricata', rule: 'ET POLICY Stratum', severity: 'high', time: '2026-11-23T03:12:10.000Z' },
    ],
    summary: {
      ops: 'CPU on web-01 rose from 12% to 97% at 03:12 for 8m30s; xmrig (pid 4242) accounts for 91% of the rise.',
      security: 'Likely cryptomining: Falco "Detect crypto miners" on xmrig.',
      business: 'Someone else is spending this machine’s compute; checkout slowed.',
    },
    ...overrides,
  };
}

/** Incident `n` of a burst, told apart by id. */
export function numbered(n: number): Incident {
  return minerIncident({ id: `inc_${String(n).padStart(4, '0')}` });
}

/** The log record attributes `minerIncident()` must export as, every one (values as the OTLP/JSON reader sees them). */
export const MINER_ATTRIBUTES: Readonly<Record<string, unknown>> = {
  'event.name': 'lockstep.incident',
  'lockstep.incident.id': 'inc_0123456789abcdef',
  'lockstep.incident.status': 'resolved',
  'lockstep.incident.score': 0.82,
  'lockstep.incident.severity': 'critical',
  'lockstep.incident.start': '2026-11-23T03:12:00.000Z',
  'lockstep.incident.end': '2026-11-23T03:20:30.000Z',
  'lockstep.incident.signal_count': '4',
  'lockstep.incident.summary.security': 'Likely cryptomining: Falco "Detect crypto miners" on xmrig.',
  'lockstep.incident.summary.business': 'Someone else is spending this machine’s compute; checkout slowed.',
  'host.name': 'web-01',
  'container.id': 'a'.repeat(64),
  'service.name': 'checkout',
  'process.pid': '4242',
  'process.executable.name': 'xmrig',
  'process.executable.path': '/tmp/.x/xmrig',
  'process.command_line': '/tmp/.x/xmrig -o stratum+tcp://pool.example:3333',
  'process.owner': 'www-data',
};
