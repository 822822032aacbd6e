import type { Sighting } from './inventory';
import { buildInventory, DEFAULT_INVENTORY_OPTIONS } from './inventory';

const T = Date.UTC(2026, 10, 23, 3, 0, 0);
const MIN = 60_000;

function row(
  host: string,
  kind: Sighting['kind'],
  first: number,
  last: number,
  extra: Partial<Sighting> = {},
): Sighting {
  return { host, container: '', service: '', kind, first: T + first * MIN, last: T + last * MIN, ...extra };
}

describe('the asset inventory verdict', () => {
  it.each<[string, Sighting[], string, string]>([
    [
      'both sides',
      [row('web-1', 'metrics', 0, 60), row('web-1', 'signals', 5, 50)],
      'managed',
      'Seen by operations (metrics) and by security (signals).',
    ],
    [
      'metrics only: no security coverage',
      [row('new-9', 'metrics', 0, 60)],
      'metrics-only',
      'Only operations sees it: metrics, but no security telemetry covers it.',
    ],
    [
      'signals only: a zombie',
      [row('zombie-3', 'signals', 0, 60)],
      'signals-only',
      'Only security sees it: security signals, but no metrics (an unmonitored machine, or one that should be gone).',
    ],
    [
      'metrics gone silent',
      [row('vm-2', 'metrics', 0, 10), row('vm-2', 'signals', 0, 60)],
      'metrics-silent',
      'Its metrics stopped 50 min before its last security signal: operations lost sight of it.',
    ],
    [
      'security gone silent',
      [row('vm-4', 'metrics', 0, 26 * 60), row('vm-4', 'signals', 0, 60)],
      'signals-silent',
      'Its security telemetry stopped 25.0 h before its last metrics: security lost sight of it.',
    ],
    [
      'only changes name it',
      [row('ghost', 'changes', 0, 0)],
      'changes-only',
      'Only change events name it: neither operations nor security sees it.',
    ],
  ])('%s', (_case, rows, status, reason) => {
    const [asset] = buildInventory(rows, new Map());
    expect(asset).toMatchObject({ kind: 'host', status, reason, managed: status === 'managed' });
  });

  it('gives first and last seen per kind, and the open findings', () => {
    const [asset] = buildInventory(
      [row('web-1', 'metrics', 0, 60), row('web-1', 'metrics', -10, 30), row('web-1', 'changes', 20, 20)],
      new Map([['host\u0000web-1', 2]]),
    );
    expect(asset).toEqual({
      kind: 'host',
      name: 'web-1',
      seen: {
        metrics: { first: new Date(T - 10 * MIN).toISOString(), last: new Date(T + 60 * MIN).toISOString() },
        changes: { first: new Date(T + 20 * MIN).toISOString(), last: new Date(T + 20 * MIN).toISOString() },
      },
      managed: false,
      status: 'metrics-only',
      reason: 'Only operations sees it: metrics, but no security telemetry covers it.',
      findings: 2,
    });
  });

  it('sees a container or service through its host: Falco on a node covers its containers', () => {
    const container = 'c'.repeat(64);
    const assets = buildInventory(
      [
        row('node-1', 'metrics', 0, 60, { container, service: 'checkout' }),
        row('node-1', 'signals', 0, 60),
        row('node-2', 'metrics', 0, 60, { service: 'billing' }),
      ],
      new Map(),
    );
    const byName = new Map(assets.map((a) => [`${a.kind}:${a.name}`, a]));
    expect(byName.get(`container:${container.slice(0, 12)}`)).toMatchObject({
      status: 'managed',
      host: 'node-1',
      reason: 'Seen by operations (metrics) and by security (signals through its host).',
    });
    expect(byName.get('service:checkout')?.status).toBe('managed');
    expect(byName.get('service:billing')?.status).toBe('metrics-only');
    expect(assets.map((a) => a.kind)).toEqual(['host', 'host', 'container', 'service', 'service']);
  });

  it('has defaults that are stated', () => {
    expect(DEFAULT_INVENTORY_OPTIONS).toEqual({ metricsSilentMs: 15 * MIN, signalsSilentMs: 24 * 60 * MIN });
  });
});
