import type { TestApi } from './__fixtures__/app';
import { get, incident, send, testApi } from './__fixtures__/app';

/** Every bad value is a 400 whose sentence names the parameter; none is a 500 or an empty 200. */
describe('bad parameters', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({ incidents: [incident({ id: 'i1' })] });
  });
  afterAll(() => api.close());

  it.each<[string, Record<string, string>, string]>([
    ['/api/v1/incidents', { from: 'yesterday' }, "'from'"],
    ['/api/v1/incidents', { to: '2026-03-01T12:00:00' }, "'to'"], // no zone: ambiguous, refused
    ['/api/v1/incidents', { from: '-5' }, "'from'"],
    ['/api/v1/incidents', { from: '2000', to: '1000' }, "'to'"],
    ['/api/v1/incidents', { from: '1000', to: '1000' }, "'to'"],
    ['/api/v1/incidents', { host: '' }, "'host'"],
    ['/api/v1/incidents', { container: 'c'.repeat(257) }, "'container'"],
    ['/api/v1/incidents', { status: 'closed' }, "'status'"],
    ['/api/v1/incidents', { severity: 'HIGH' }, "'severity'"],
    ['/api/v1/incidents', { min_score: '1.5' }, "'min_score'"],
    ['/api/v1/incidents', { min_score: 'NaN' }, "'min_score'"],
    ['/api/v1/incidents', { correlated: 'false' }, "'correlated'"],
    ['/api/v1/incidents', { limit: '0' }, "'limit'"],
    ['/api/v1/incidents', { limit: '10.5' }, "'limit'"],
    ['/api/v1/incidents', { limit: '1e3' }, "'limit'"],
    ['/api/v1/incidents', { cursor: 'not-a-cursor' }, 'cursor'],
    ['/api/v1/incidents', { cursor: Buffer.from('[1,2]').toString('base64url') }, 'cursor'],
    ['/api/v1/incidents', { hots: 'web-1' }, '"hots"'],
    ['/api/v1/anomalies', { metric: 'memory' }, "'metric'"],
    ['/api/v1/anomalies', { status: 'open' }, '"status"'], // incidents' parameter, not anomalies'
    ['/api/v1/signals', { source: 'snort' }, "'source'"],
    ['/api/v1/timeline', {}, "'host'"],
    ['/api/v1/timeline', { host: 'web-1', metric: 'latency' }, "'service'"],
    ['/api/v1/timeline', { host: 'web-1', limit: '5' }, '"limit"'],
    ['/api/v1/kpis', { step: '0' }, "'step'"],
    ['/api/v1/kpis', { step: '5 minutes' }, "'step'"],
    ['/api/v1/kpis', { from: '0', to: String(Date.UTC(2026, 0, 1)), step: '1s' }, "'step'"], // too many buckets
    ['/api/v1/kpis', { cursor: 'x' }, '"cursor"'],
  ])('%s %j → 400 naming %s', async (path, query, named) => {
    const answer = await get(api, path, query);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringContaining(named) });
  });

  it('refuses a parameter given twice, naming it', async () => {
    const answer = await send(api, 'GET', '/api/v1/incidents?host=a&host=b');
    expect(answer).toMatchObject({ status: 400, body: { error: expect.stringContaining('"host"') } });
  });

  it('cuts a long bad value short in the message and quotes it as data', async () => {
    const hostile = `"><script>alert(1)</script>\n${'x'.repeat(5000)}`;
    const answer = await get(api, '/api/v1/incidents', { severity: hostile });
    const message = (answer.body as { error: string }).error;
    expect(answer.status).toBe(400);
    expect(message.length).toBeLessThan(200);
    expect(message).toContain(JSON.stringify(hostile.slice(0, 40) + '…'));
    expect(message).not.toContain('\n');
  });
});
