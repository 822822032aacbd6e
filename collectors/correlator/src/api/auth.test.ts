import { createHash } from 'node:crypto';
import type { TestApi } from './__fixtures__/app';
import { DATA_PATHS, incident, send, testApi } from './__fixtures__/app';
import { bearerMatches } from './auth';

const TOKEN = 's3cret-token';
describe('with a token configured', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({ incidents: [incident({ id: 'i1' })] }, TOKEN);
  });
  afterAll(() => api.close());

  it.each<[string, Record<string, string>, string]>([
    ['no Authorization header', {}, 'Bearer realm="lockstep"'],
    ['a wrong token', { authorization: 'Bearer nope' }, 'Bearer realm="lockstep", error="invalid_token"'],
    [
      'the token with a suffix',
      { authorization: `Bearer ${TOKEN}x` },
      'Bearer realm="lockstep", error="invalid_token"',
    ],
    ['the token as Basic', { authorization: `Basic ${TOKEN}` }, 'Bearer realm="lockstep", error="invalid_token"'],
    ['an empty Bearer', { authorization: 'Bearer ' }, 'Bearer realm="lockstep", error="invalid_token"'],
  ])('refuses %s with 401 and a Bearer challenge on every data route', async (_name, headers, challenge) => {
    for (const path of DATA_PATHS) {
      const answer = await send(api, 'GET', path, headers);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe(challenge);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body).toEqual({ error: expect.stringContaining('token') });
    }
  });

  it.each([`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `Bearer  ${TOKEN} `])('accepts %j', async (authorization) => {
    for (const path of DATA_PATHS) {
      expect((await send(api, 'GET', path, { authorization })).status).toBe(200);
    }
  });

  it('refuses before validating, so parameters reveal nothing without the token', async () => {
    expect((await send(api, 'GET', '/api/v1/incidents?limit=0')).status).toBe(401);
    expect((await send(api, 'GET', '/api/v1/nothing-here')).status).toBe(401);
  });

  it('keeps the OpenAPI document public', async () => {
    expect((await send(api, 'GET', '/api/v1/openapi.json')).status).toBe(200);
  });
});

describe.each([
  ['without a token configured', undefined],
  ["with the config file's empty token", ''],
])('%s', (_name, token) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({ incidents: [incident({ id: 'i1' })] }, token);
  });
  afterAll(() => api.close());

  it.each(DATA_PATHS)('serves %s to anyone (the service binds to loopback by default)', async (path) => {
    expect((await send(api, 'GET', path)).status).toBe(200);
    expect((await send(api, 'GET', path, { authorization: 'Bearer anything' })).status).toBe(200);
  });
});

describe('bearerMatches', () => {
  const expected = createHash('sha256').update(TOKEN).digest();
  it.each<[string | undefined, boolean]>([
    [`Bearer ${TOKEN}`, true],
    [undefined, false],
    ['', false],
    [TOKEN, false],
    [`Bearer ${TOKEN.slice(0, -1)}`, false],
    [`Bearer ${TOKEN} extra`, false],
  ])('%j → %s', (header, matches) => {
    expect(bearerMatches(header, expected)).toBe(matches);
  });
});
