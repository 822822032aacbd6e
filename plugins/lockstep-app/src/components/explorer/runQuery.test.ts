import { of } from 'rxjs';
import type { DataSourceApi } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import { incidentsFrame } from '../../panel/testing/fixtures';
import { buildRequest, messageOf, runQuery } from './runQuery';
import { rangeOf } from './filters';

const range = rangeOf('1h', 7_200_000);

function ds(answer: unknown): DataSourceApi<LockstepQuery> {
  return { query: jest.fn(() => answer) } as unknown as DataSourceApi<LockstepQuery>;
}

describe('runQuery', () => {
  it.each([
    ['a promise', (frames: unknown) => Promise.resolve({ data: frames })],
    ['an observable', (frames: unknown) => of({ data: frames })],
  ])('takes the frames from %s', async (_name, answer) => {
    const frames = [incidentsFrame()];
    await expect(runQuery(ds(answer(frames)), [{ refId: 'A' }], range)).resolves.toBe(frames);
  });

  it("throws the data source's error message", async () => {
    const answer = Promise.resolve({ data: [], errors: [{ message: 'Unauthorized: check the token' }] });
    await expect(runQuery(ds(answer), [{ refId: 'A' }], range)).rejects.toThrow('Unauthorized: check the token');
  });
});

describe('buildRequest', () => {
  it('builds what a query runner would send for the app', () => {
    const request = buildRequest([{ refId: 'A', queryType: 'incidents' }], range, 42);
    expect(request).toMatchObject({
      app: 'lockstep-app',
      targets: [{ refId: 'A', queryType: 'incidents' }],
      range,
      intervalMs: 3600,
      interval: '4s',
      maxDataPoints: 1000,
      scopedVars: {},
      startTime: 42,
    });
    expect(buildRequest([], range).requestId).not.toBe(request.requestId);
  });
});

describe('messageOf', () => {
  it.each([
    [new Error('boom'), 'boom'],
    [{ data: { message: 'Bad Gateway' }, status: 502 }, 'Bad Gateway'],
    [{ statusText: 'Not Found' }, 'Not Found'],
    ['plain', 'plain'],
    [undefined, 'unknown error'],
  ])('%j reads %s', (error, message) => {
    expect(messageOf(error)).toBe(message);
  });
});
