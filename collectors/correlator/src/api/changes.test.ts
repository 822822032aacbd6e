import type { ChangeRecord } from '@lockstep/contract';
import type { TestApi } from './__fixtures__/app';
import { get, iso, MINUTE, send, T0, testApi } from './__fixtures__/app';

const deploy: ChangeRecord = {
  id: 'deploy-1842',
  time: iso(T0 + 5 * MINUTE),
  kind: 'deploy',
  summary: 'checkout 1.4.2 <script>alert(1)</script>',
  source: 'change',
  actor: 'ci-bot',
  entity: { 'host.name': 'web-1', 'service.name': 'checkout' },
};
const firewall: ChangeRecord = {
  id: 'fw-1',
  time: iso(T0 + 6 * MINUTE),
  kind: 'firewall',
  summary: 'iptables -A INPUT -p tcp --dport 8080 -j ACCEPT',
  source: 'auditd',
  entity: { 'host.name': 'db-1' },
  temporary: true,
};

describe('GET /api/v1/changes, /findings and /assets', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({});
    api.store.putChanges([deploy, firewall]);
    api.store.noteEntities([
      { host: 'web-1', kind: 'metrics', time: T0 },
      { host: 'web-1', kind: 'signals', time: T0 },
      { host: 'zombie-3', kind: 'signals', time: T0 },
    ]);
  });
  afterAll(() => api.close());

  it('lists changes, filtered by entity, kind and source, hostile text as data', async () => {
    expect((await get(api, '/api/v1/changes')).body).toEqual({ items: [firewall, deploy] });
    expect((await get(api, '/api/v1/changes?service=checkout')).body).toEqual({ items: [deploy] });
    expect((await get(api, '/api/v1/changes?kind=firewall&source=auditd')).body).toEqual({ items: [firewall] });
    const raw = await fetch(`${api.base}/api/v1/changes?host=web-1`).then((r) => r.text());
    expect(raw).not.toContain('<script>');
  });

  it.each([
    ['/api/v1/changes?kind=Not%20A%20Kind', "Parameter 'kind' must be a lowercase word"],
    ['/api/v1/changes?source=git', "Parameter 'source' must be one of dpkg, apt, change, auditd, otlp, k8s"],
    ['/api/v1/findings?status=maybe', "Parameter 'status' must be one of open, closed"],
    ['/api/v1/assets?managed=yes', "Parameter 'managed' must be 'true' or 'false'"],
    ['/api/v1/assets?status=lost', "Parameter 'status' must be one of managed, metrics-only"],
  ])('refuses %s naming the parameter', async (url, message) => {
    const answer = await send(api, 'GET', url);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringContaining(message) });
  });

  it('gives the inventory with the verdict, unmanaged first, and filters it', async () => {
    const all = (await get(api, '/api/v1/assets')).body as { items: Array<{ name: string; status: string }> };
    expect(all).toMatchObject({ total: 2, unmanaged: 1, truncated: false });
    expect(all.items.map((a) => [a.name, a.status])).toEqual([
      ['zombie-3', 'signals-only'],
      ['web-1', 'managed'],
    ]);
    const managed = (await get(api, '/api/v1/assets?managed=true&kind=host')).body as { items: unknown[] };
    expect(managed.items).toHaveLength(1);
  });

  it('lists no findings when nothing stayed open', async () => {
    expect((await get(api, '/api/v1/findings?status=open')).body).toEqual({ items: [] });
  });
});
