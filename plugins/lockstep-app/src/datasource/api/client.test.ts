import { answer } from '../__fixtures__/answers';
import { fakeBackend, paramsOf, PROXY_URL, serve } from '../__fixtures__/backend';
import { LockstepClient, queryString } from './client';
import { LockstepError } from './errors';
import { isPage, isTimeline } from './guards';
import type { ApiIncident } from './types';

const client = () => new LockstepClient(`${PROXY_URL}/lockstep`, 'http://correlator:8480');

describe('LockstepClient', () => {
  it('calls the data-proxy route with the parameters in order, leaving out unset ones, without an error toast', async () => {
    const backend = fakeBackend(serve({ '/api/v1/timeline': answer('timelineCpu') }));
    await client().get(
      '/api/v1/timeline',
      { from: 1, to: 2, host: 'api-8', container: undefined, metric: 'cpu' },
      isTimeline
    );
    expect(backend.requests).toEqual([
      {
        url: `${PROXY_URL}/lockstep/api/v1/timeline?from=1&to=2&host=api-8&metric=cpu`,
        showErrorAlert: false,
      },
    ]);
  });

  it('percent-encodes parameter values', () => {
    expect(queryString({ host: 'a b&c=d', service: '<x>' })).toBe('?host=a+b%26c%3Dd&service=%3Cx%3E');
    expect(queryString({ host: undefined })).toBe('');
  });

  it('follows next page by page, passing the cursor back unchanged, up to the limit', async () => {
    const first = answer('incidentsFirstPage');
    const next = (first.body as { next: string }).next;
    const backend = fakeBackend((url) =>
      url.searchParams.get('cursor') === next ? answer('incidentsSecondPage') : first
    );
    const listed = await client().list<ApiIncident>('/api/v1/incidents', { from: 1, to: 2 }, 10, 1);
    expect(listed.items.map((i) => i.id)).toEqual(['inc_8672e622071b1709', 'inc_resolved_web1']);
    expect(listed.more).toBe(false);
    expect(backend.urls.map(paramsOf)).toEqual([
      { from: '1', to: '2', limit: '1' },
      { from: '1', to: '2', limit: '1', cursor: next },
    ]);
  });

  it('stops at the limit and says more are left', async () => {
    const backend = fakeBackend(() => answer('incidentsFirstPage'));
    const listed = await client().list<ApiIncident>('/api/v1/incidents', {}, 1);
    expect(listed).toMatchObject({ items: [{ id: 'inc_8672e622071b1709' }], more: true });
    expect(backend.urls).toHaveLength(1);
  });

  it('asks for the remaining count on the last page, and at most 1000 per page', async () => {
    // A correlator with endless incidents: each page is as long as asked, and has a next.
    const incident = answer('incident').body as ApiIncident;
    let served = 0;
    const backend = fakeBackend((url) => {
      const items = Array.from({ length: Number(url.searchParams.get('limit')) }, () => ({
        ...incident,
        id: `i${served++}`,
      }));
      return { status: 200, body: { items, next: `after-${served}` } };
    });
    const listed = await client().list<ApiIncident>('/api/v1/incidents', {}, 5, 2);
    expect(listed.items.map((i) => i.id)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
    expect(listed.more).toBe(true);
    expect(backend.urls.map((u) => u.searchParams.get('limit'))).toEqual(['2', '2', '1']);
    await client().list<ApiIncident>('/api/v1/incidents', {}, 1000);
    expect(backend.urls.at(-1)?.searchParams.get('limit')).toBe('1000');
  });

  it('does not loop on an empty page that still carries a cursor', async () => {
    const backend = fakeBackend(() => ({ status: 200, body: { items: [], next: 'again' } }));
    await expect(client().list('/api/v1/incidents', {}, 100, 10)).resolves.toEqual({ items: [], more: true });
    expect(backend.urls).toHaveLength(1);
  });

  it.each([
    ['an HTML page', '<!doctype html><title>Grafana</title>'],
    ['JSON of another API', { status: 'ok' }],
  ])('refuses %s answered with 200 as not a Lockstep correlator', async (_name, reply) => {
    fakeBackend(() => ({ status: 200, body: reply }));
    const error = await client()
      .get('/api/v1/incidents', {}, isPage)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockstepError);
    expect(error).toMatchObject({
      kind: 'not-lockstep',
      message: expect.stringContaining('not as a Lockstep correlator'),
    });
  });
});
