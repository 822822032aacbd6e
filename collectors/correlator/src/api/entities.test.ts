import type { TestApi } from './__fixtures__/app';
import { anomaly, CONTAINER, get, incident, iso, MINUTE, signal, T0, testApi } from './__fixtures__/app';

describe('GET /api/v1/entities', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({
      incidents: [
        incident({ id: 'i1', entity: { 'host.name': 'web-1', 'container.id': CONTAINER, 'service.name': 'checkout' } }),
        incident({ id: 'i2', entity: { 'host.name': 'web-2' }, start: iso(T0 + 60 * MINUTE), end: null }),
      ],
      anomalies: [anomaly({ id: 'a1', entity: { 'host.name': 'db-1', 'service.name': 'orders' } })],
      signals: [signal({ id: 's1', entity: { 'host.name': 'bastion' }, time: iso(T0 + 30 * MINUTE) })],
    });
  });
  afterAll(() => api.close());

  it.each<[string, Record<string, string>, string[]]>([
    ['hosts', { kind: 'hosts' }, ['bastion', 'db-1', 'web-1', 'web-2']],
    ['services', { kind: 'services' }, ['checkout', 'orders']],
    ['containers', { kind: 'containers' }, [CONTAINER]],
    [
      'hosts in a range (the open incident runs on)',
      { kind: 'hosts', from: String(T0 + 20 * MINUTE) },
      ['bastion', 'web-2'],
    ],
    ['hosts in an ISO range', { kind: 'hosts', from: iso(T0 + 20 * MINUTE), to: iso(T0 + 40 * MINUTE) }, ['bastion']],
    ['the services of a host', { kind: 'services', host: 'db-1' }, ['orders']],
    ['the containers of a service', { kind: 'containers', service: 'checkout' }, [CONTAINER]],
    ['the hosts of a short container id', { kind: 'hosts', container: CONTAINER.slice(0, 12) }, ['web-1']],
  ])('lists %s, ascending', async (_name, query, expected) => {
    expect(await get(api, '/api/v1/entities', query)).toMatchObject({
      status: 200,
      body: { items: expected, truncated: false },
    });
  });

  it('bounds the answer by limit and says it was cut', async () => {
    expect((await get(api, '/api/v1/entities', { kind: 'hosts', limit: '2' })).body).toEqual({
      items: ['bastion', 'db-1'],
      truncated: true,
    });
  });

  it.each<[string, Record<string, string>, string]>([
    ['no kind', {}, "Parameter 'kind' is required."],
    ['an unknown kind', { kind: 'pods' }, "Parameter 'kind' must be one of hosts, containers, services"],
    ['a limit past 1000', { kind: 'hosts', limit: '1001' }, "Parameter 'limit' must be a whole number from 1 to 1000"],
    ['a pod filter (pods are not tracked)', { kind: 'hosts', pod: 'p' }, 'Unknown parameter "pod"'],
    ['a cursor (one bounded answer, no pages)', { kind: 'hosts', cursor: 'x' }, 'Unknown parameter "cursor"'],
  ])('refuses %s with a sentence', async (_name, query, message) => {
    const answer = await get(api, '/api/v1/entities', query);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringContaining(message) });
  });
});
