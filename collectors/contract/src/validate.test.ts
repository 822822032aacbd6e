import { isCorrelated, parseAnomaly, parseIncident } from './validate';

const incident = {
  type: 'incident',
  id: 'inc_0123456789abcdef',
  status: 'open',
  entity: { 'host.name': 'web-01', 'container.id': 'a'.repeat(64) },
  start: '2026-11-23T03:12:00.000Z',
  end: null,
  anomalies: ['an_1'],
  score: 0.82,
  severity: 'critical',
  culprit: { 'process.pid': 4242, 'process.executable.name': 'xmrig', 'process.executable.path': '/tmp/.x/xmrig' },
  signals: [
    {
      source: 'falco',
      rule: 'Known Cryptominer Process Executed',
      severity: 'critical',
      time: '2026-11-23T03:11:58.123Z',
    },
  ],
  summary: { ops: 'o', security: 's', business: 'b' },
};

describe('contract validation', () => {
  it('accepts a well-formed incident and reports it correlated at the default threshold', () => {
    const result = parseIncident(incident);
    expect(result.ok).toBe(true);
    expect(isCorrelated(incident)).toBe(true);
    expect(isCorrelated({ score: 0.49 })).toBe(false);
  });

  it.each([
    ['score above 1', { score: 1.2 }, 'score'],
    ['unknown severity', { severity: 'urgent' }, 'severity'],
    ['culprit without pid', { culprit: { 'process.executable.name': 'x' } }, 'culprit.process.pid'],
    ['time without offset', { start: '2026-11-23 03:12' }, 'start'],
    ['missing host', { entity: {} }, 'entity.host.name'],
  ])('rejects an incident with %s, naming the field', (_name, patch, field) => {
    const result = parseIncident({ ...incident, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(field);
  });

  it('strips unknown keys (forward compatible) and keeps __proto__ out of the result', () => {
    const hostile = JSON.parse(`{"__proto__": {"polluted": true}, "extra": 1}`) as Record<string, unknown>;
    const result = parseIncident({ ...incident, ...hostile });
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.value)).not.toContain('extra');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validates anomalies with contributor shares in 0..1', () => {
    const anomaly = {
      type: 'anomaly',
      id: 'an_1',
      entity: { 'host.name': 'web-01' },
      metric: 'cpu',
      start: '2026-11-23T03:12:00.000Z',
      end: '2026-11-23T03:20:00.000Z',
      baseline: 0.12,
      peak: 0.93,
      contributors: [{ process: { 'process.pid': 4242 }, share: 0.9 }],
    };
    expect(parseAnomaly(anomaly).ok).toBe(true);
    expect(parseAnomaly({ ...anomaly, contributors: [{ process: {}, share: 2 }] }).ok).toBe(false);
    expect(parseAnomaly({ ...anomaly, metric: 'memory' }).ok).toBe(false);
  });
});
