import { MAX_POOL_MS, MIN_POOLED_REQUESTS, RequestPool } from './request-pool';

describe('RequestPool', () => {
  it('passes a busy service through interval by interval', () => {
    const pool = new RequestPool();
    const means = [0.05, 0.06, 0.07];
    const out = [0, 10_000, 20_000].map((t, i) => pool.add(t, means[i] as number, MIN_POOLED_REQUESTS));
    expect(out).toEqual([
      { time: 0, value: 0.05 },
      { time: 10_000, value: 0.06 },
      { time: 20_000, value: 0.07 },
    ]);
  });

  it('pools a quiet service until enough requests, into their exact mean', () => {
    const pool = new RequestPool();
    pool.add(0, 1, 3);
    expect(pool.add(10_000, 0.1, 5)).toBeUndefined();
    expect(pool.add(20_000, 0.2, 5)).toBeUndefined();
    // 5 × 0.1 + 5 × 0.2 + 10 × 0.4 = 5.5 seconds over 20 requests.
    const pooled = pool.add(30_000, 0.4, 10);
    expect(pooled?.time).toBe(30_000);
    expect(pooled?.value).toBeCloseTo(5.5 / 20, 12);
    expect(pool.add(40_000, 0.1, 1)).toBeUndefined();
  });

  it('judges a pool once it spans a minute, however few requests it holds', () => {
    const pool = new RequestPool();
    pool.add(0, 0.1, 1);
    const out: Array<ReturnType<RequestPool['add']>> = [];
    for (let t = 10_000; t <= MAX_POOL_MS; t += 10_000) out.push(pool.add(t, 0.2, 2));
    expect(out.slice(0, -1).every((v) => v === undefined)).toBe(true);
    expect(out.at(-1)?.time).toBe(MAX_POOL_MS);
    expect(out.at(-1)?.value).toBeCloseTo(0.2, 12);
  });

  it('judges hourly intervals as they come, even with a handful of requests each', () => {
    const pool = new RequestPool();
    const hour = 3_600_000;
    expect([0, hour, 2 * hour].map((t) => pool.add(t, 0.3, 5))).toEqual([
      { time: 0, value: 0.3 },
      { time: hour, value: 0.3 },
      { time: 2 * hour, value: 0.3 },
    ]);
  });
});
