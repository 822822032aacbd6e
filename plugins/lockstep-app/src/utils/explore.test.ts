import { config } from '@grafana/runtime';
import { exploreUrl } from './explore';

describe('exploreUrl', () => {
  const target = {
    datasourceUid: 'ls',
    query: { queryType: 'signals' as const, host: '"><img src=x onerror=alert(1)>' },
    from: 1000.4,
    to: 2000,
  };

  it('opens Explore on the Lockstep data source with the query and the range', () => {
    const url = exploreUrl(target);
    expect(url.startsWith('/explore?schemaVersion=1&panes=')).toBe(true);
    const panes = JSON.parse(new URL(`http://grafana${url}`).searchParams.get('panes') ?? '');
    expect(panes).toEqual({
      lockstep: {
        datasource: 'ls',
        queries: [{ ...target.query, refId: 'A', datasource: { type: 'lockstep-correlation-datasource', uid: 'ls' } }],
        range: { from: '1000', to: '2000' },
      },
    });
  });

  it('keeps data out of the URL structure (percent-encoded) and honours a sub-path', () => {
    const previous = config.appSubUrl;
    config.appSubUrl = '/grafana';
    try {
      const url = exploreUrl(target);
      expect(url.startsWith('/grafana/explore?')).toBe(true);
      expect(url).not.toMatch(/[<>"]/);
    } finally {
      config.appSubUrl = previous;
    }
  });
});
