import { answer, RANGE } from '../__fixtures__/answers';
import { fakeBackend, paramsOf, serve } from '../__fixtures__/backend';
import { values } from '../__fixtures__/frames';
import { instanceSettings, request } from '../__fixtures__/settings';
import { fakeTemplateSrv } from '../__fixtures__/templates';
import { DataSource } from '../datasource';
import { autoStep } from './kpis';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('kpis query', () => {
  function setup() {
    fakeTemplateSrv({ service: { current: ['payments', 'checkout'] }, step: { current: '1d' } });
    const backend = fakeBackend(serve({ '/api/v1/kpis': answer('kpis') }));
    return { ds: new DataSource(instanceSettings()), backend };
  }

  it('asks for the KPIs over the range with a step chosen from it, and answers the chosen one', async () => {
    const { ds, backend } = setup();
    const response = await ds.query(request([{ refId: 'K', queryType: 'kpis', kpi: 'riskExposure' }]));
    // 3 hours: 5-minute buckets (36 of them).
    expect(backend.urls.map(paramsOf)).toEqual([
      { from: String(RANGE.from), to: String(RANGE.to), step: String(5 * MINUTE) },
    ]);
    expect(response.data[0]?.meta?.custom).toEqual({ kpi: 'riskExposure' });
    expect(values(response.data[0], 'value')).toEqual([3.6]);
  });

  it('passes a step that was set (variables replaced) and the first service of several, saying so', async () => {
    const { ds, backend } = setup();
    const response = await ds.query(request([{ refId: 'K', queryType: 'kpis', service: '$service', step: '$step' }]));
    expect(paramsOf(backend.urls[0] as URL)).toMatchObject({ service: 'payments', step: '1d' });
    expect(response.data[0]?.meta?.custom).toEqual({ kpi: 'openBySeverity' });
    expect(response.data[0]?.meta?.notices?.[0]?.text).toBe(
      'Service has 2 values selected; this query shows the first, payments.'
    );
  });

  it.each([
    [HOUR, MINUTE],
    [3 * HOUR, 5 * MINUTE],
    [DAY, 30 * MINUTE],
    [7 * DAY, 3 * HOUR],
    [30 * DAY, 720 * MINUTE],
    [365 * DAY, 7 * DAY],
    [10 * 365 * DAY, 61 * DAY],
  ])('picks a round step for a range of %i ms: %i ms', (range, step) => {
    expect(autoStep(range)).toBe(step);
    expect(range / step).toBeLessThanOrEqual(60);
  });
});
