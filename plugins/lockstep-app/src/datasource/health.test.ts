import { answer } from './__fixtures__/answers';
import { apiPath, fakeBackend, serve, type Reply } from './__fixtures__/backend';
import { CORRELATOR_URL, instanceSettings } from './__fixtures__/settings';
import { DataSource } from './datasource';

const healthy = { '/api/v1/openapi.json': answer('openapi'), '/api/v1/incidents': answer('incidentsOpen') };

async function check(routes: Record<string, Reply> | ((url: URL) => Reply), url: string | undefined = CORRELATOR_URL) {
  const backend = fakeBackend(typeof routes === 'function' ? routes : serve(routes));
  const result = await new DataSource(instanceSettings({ url })).testDatasource();
  return { result, paths: backend.urls.map((u) => `${apiPath(u)}${u.search}`) };
}

describe('testDatasource', () => {
  it('says what it found: the version and the open correlated incidents', async () => {
    const { result, paths } = await check(healthy);
    expect(result).toEqual({
      status: 'success',
      message: 'Connected to Lockstep 0.1.0 at http://correlator:8480: 1 open correlated incident.',
    });
    expect(paths).toEqual(['/api/v1/openapi.json', '/api/v1/incidents?status=open&correlated=true&limit=1000']);
  });

  it('says when there are more open incidents than it counts', async () => {
    const page = answer('incidentsOpen');
    const body = page.body as { items: unknown[]; next?: string };
    body.items = Array.from({ length: 1000 }, () => body.items[0]);
    body.next = 'more';
    const { result } = await check({ ...healthy, '/api/v1/incidents': page });
    expect(result.message).toBe(
      'Connected to Lockstep 0.1.0 at http://correlator:8480: more than 1000 open correlated incidents.'
    );
  });

  it.each<[string, string | undefined, Record<string, Reply> | ((url: URL) => Reply), RegExp]>([
    ['no URL configured', '', healthy, /^Set the correlator URL: the address of its query API/],
    [
      'the correlator unreachable (502 from the data proxy)',
      CORRELATOR_URL,
      () => ({ status: 502, body: '' }),
      /^Grafana could not reach the correlator at http:\/\/correlator:8480 \(the data proxy answered 502 Bad Gateway\)/,
    ],
    [
      'a request that never got an answer',
      CORRELATOR_URL,
      () => 'network',
      /^The request for the correlator at http:\/\/correlator:8480 got no answer from Grafana \(Failed to fetch\)/,
    ],
    [
      'a bad token (the data proxy turns 401 into 400)',
      CORRELATOR_URL,
      { ...healthy, '/api/v1/incidents': { status: 400, body: 'Authentication to data source failed' } },
      /^The correlator at http:\/\/correlator:8480 refused the API token/,
    ],
    [
      'a bad token (401 passed through)',
      CORRELATOR_URL,
      { ...healthy, '/api/v1/incidents': answer('noToken') },
      /refused the API token/,
    ],
    [
      'a wrong URL answering 404 with a page',
      'http://grafana:3000',
      () => ({ status: 404, body: '<h1>404</h1>' }),
      /^http:\/\/grafana:3000 answered, but it is not a Lockstep correlator/,
    ],
    [
      'a wrong URL answering 200 with HTML',
      'http://intranet',
      () => ({ status: 200, body: '<html>Welcome</html>' }),
      /it is not a Lockstep correlator/,
    ],
    [
      'another API with an OpenAPI document',
      'http://other:8080',
      () => ({ status: 200, body: { openapi: '3.1.0', info: { title: 'Pet store', version: '1' }, paths: {} } }),
      /it is not a Lockstep correlator \(no Lockstep OpenAPI document at \/api\/v1\/openapi.json\)/,
    ],
    // The correlator itself, but the URL has a path: /api/v1/api/v1/openapi.json is the API's own 404.
    ['the correlator with a path in the URL', 'http://correlator:8480/api/v1', serve({}), /without a path/],
  ])('says what is wrong: %s', async (_name, url, routes, message) => {
    const { result } = await check(routes, url);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(message);
  });

  it('sends nothing when no URL is set', async () => {
    const { paths } = await check(healthy, '  ');
    expect(paths).toEqual([]);
  });
});
