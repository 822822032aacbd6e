import { DEFAULT_FILTERS, filtersFromParams, filtersToParams, incidentsQuery, rangeOf, withIncident } from './filters';

describe('explorer filters in the URL', () => {
  it('round-trips through the URL, leaving defaults out and other parameters alone', () => {
    const filters = { ...DEFAULT_FILTERS, status: 'open' as const, host: 'web 1&x', minScore: 0 };
    const params = filtersToParams(filters, new URLSearchParams('incident=in-1&host=old'));
    expect(params.toString()).toBe('incident=in-1&host=web+1%26x&status=open&minScore=0');
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it.each([
    ['status=maybe', { status: 'all' }],
    ['severity=info', { severity: 'info' }],
    ['severity=<script>', { severity: 'low' }],
    ['minScore=2', { minScore: 0.5 }],
    ['minScore=', { minScore: 0.5 }],
    ['minScore=0.25', { minScore: 0.25 }],
    ['range=1y', { range: '24h' }],
    ['host=%20web-1%20', { host: 'web-1' }],
  ])('reads %s as %j', (query, expected) => {
    expect(filtersFromParams(new URLSearchParams(query))).toMatchObject(expected);
  });

  it('opens and closes an incident', () => {
    const open = withIncident(new URLSearchParams('status=open'), 'in/1?');
    expect(open.toString()).toBe('status=open&incident=in%2F1%3F');
    expect(withIncident(open, undefined).toString()).toBe('status=open');
  });
});

describe('incidentsQuery', () => {
  it('leaves empty entity filters out of the query', () => {
    expect(incidentsQuery({ ...DEFAULT_FILTERS, service: 'shop' })).toEqual({
      refId: 'incidents',
      queryType: 'incidents',
      status: 'all',
      minScore: 0.5,
      host: undefined,
      container: undefined,
      service: 'shop',
      limit: 500,
    });
  });
});

describe('rangeOf', () => {
  it('ends now and says so in the raw range', () => {
    const range = rangeOf('6h', 10 * 3_600_000);
    expect([range.from.valueOf(), range.to.valueOf()]).toEqual([4 * 3_600_000, 10 * 3_600_000]);
    expect(range.raw).toEqual({ from: 'now-6h', to: 'now' });
  });
});
