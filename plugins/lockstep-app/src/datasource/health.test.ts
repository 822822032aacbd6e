import { answer } from './__fixtures__/answers';
import { apiPath, fakeBackend, serve, type Reply } from './__fixtures__/backend';
import { CORRELATOR_URL, instanceSettings } from './__fixtures__/settings';
import { APP_DISABLED } from './app';
import { DataSource } from './datasource';

const healthy = { '/api/v1/openapi.json': answer('openapi'), '/api/v1/incidents': answer('incidentsOpen') };
const APP_SETTINGS = '/api/plugins/lockstep-app/settings';
/** Grafana's answer for an enabled app (the fields the health check reads). */
const ENABLED: Reply = { status: 200, body: { id: 'lockstep-app', type: 'app', enabled: true, pinned: true } };

async function check(
  routes: Record<string, Reply> | ((url: URL) => Reply),
  url: string | undefined = CORRELATOR_URL,
  app: Reply = ENABLED
) {
  const correlator = typeof routes === 'function' ? routes : serve(routes);
  const backend = fakeBackend((u) => (u.pathname === APP_SETTINGS ? app : correlator(u)));
  const result = await new DataSource(instanceSettings({ url })).testDatasource();
  const proxied = backend.urls.filter((u) => apiPath(u) !== undefined);
  return {
    result,
    paths: proxied.map((u) => `${apiPath(u)}${u.search}`),
    others: backend.urls.filter((u) => apiPath(u) === undefined).map((u) => u.pathname),
  };
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

  it('sends nothing to the correlator when no URL is set', async () => {
    const { paths } = await check(healthy, '  ');
    expect(paths).toEqual([]);
  });
});

describe('testDatasource and the Lockstep app', () => {
  it('reads whether the app is enabled from its plugin settings', async () => {
    const { result, others } = await check(healthy);
    expect(result.status).toBe('success');
    expect(others).toEqual([APP_SETTINGS]);
  });

  it('fails while the app is disabled, saying how to enable it, then what the correlator answered', async () => {
    const disabled: Reply = { status: 200, body: { id: 'lockstep-app', enabled: false, pinned: false } };
    const { result } = await check(healthy, CORRELATOR_URL, disabled);
    expect(result).toEqual({
      status: 'error',
      message: `${APP_DISABLED} Connected to Lockstep 0.1.0 at http://correlator:8480: 1 open correlated incident.`,
    });
    expect(APP_DISABLED).toMatch(/Plugins → Lockstep → Enable/);
    const noUrl = await check(healthy, '', disabled);
    expect(noUrl.result.message).toMatch(/^The Lockstep app is not enabled.* Set the correlator URL/);
  });

  it.each<[string, Reply]>([
    ['refused (a user without access to the app)', { status: 403, body: { message: 'Access Denied' } }],
    ['unreachable', 'network'],
    ['without an enabled field', { status: 200, body: {} }],
  ])('says nothing about the app when its settings are %s', async (_name, app) => {
    const { result } = await check(healthy, CORRELATOR_URL, app);
    expect(result.status).toBe('success');
  });
});
