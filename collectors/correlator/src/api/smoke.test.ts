import type { TestApi } from './__fixtures__/app';
import { get, incident, testApi } from './__fixtures__/app';

describe('query API smoke', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({ incidents: [incident({ id: 'i1' })] });
  });
  afterAll(() => api.close());

  it('lists, gets, draws a timeline and serves its document', async () => {
    expect(await get(api, '/api/v1/incidents')).toMatchObject({ status: 200, body: { items: [{ id: 'i1' }] } });
    expect(await get(api, '/api/v1/incidents/i1')).toMatchObject({ status: 200, body: { id: 'i1' } });
    const timeline = await get(api, '/api/v1/timeline', { host: 'web-1' });
    expect(timeline).toMatchObject({ status: 200, body: { unit: '1', incidents: [{ id: 'i1' }] } });
    expect(await get(api, '/api/v1/kpis')).toMatchObject({ status: 200 });
    expect(await get(api, '/api/v1/openapi.json')).toMatchObject({ status: 200, body: { openapi: '3.1.0' } });
  });
});
