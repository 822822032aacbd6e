/**
 * Requests a judged latency value should hold. A service's mean request duration over an interval is exact, but
 * over a handful of requests it is mostly chance: request durations commonly vary by about half their median, so
 * the mean of 2 requests varies by a third, and a service twice as slow hides in that noise. Pooled to 20 requests
 * it varies by about a tenth, and twice as slow stands out.
 */
export const MIN_POOLED_REQUESTS = 20;
/**
 * Data time a pool may span (from the value judged before it): a quiet service is still judged at least once a
 * minute, and series sampled a minute apart or more (hourly ones) are judged interval by interval, as they come.
 */
export const MAX_POOL_MS = 60_000;

/** One judged value: the mean duration of the pooled requests, at the time of the last interval pooled. */
export interface PooledValue {
  time: number;
  value: number;
}

/**
 * Pools a quiet service's consecutive intervals until they hold MIN_POOLED_REQUESTS requests or span MAX_POOL_MS,
 * so the detector judges a mean of enough requests to mean something. The pooled mean is exact: the sum of the
 * intervals' durations over the sum of their counts. A busy service (20 requests an interval or more) is judged
 * interval by interval, exactly as without the pool. Intervals still pooling at the end of input are not judged.
 */
export class RequestPool {
  private previous: number | undefined;
  /** Time of the interval before the pool's first (the pool spans from there). */
  private since = 0;
  private seconds = 0;
  private requests = 0;
  private intervals = 0;

  /**
   * Adds one interval's mean duration of `count` requests; returns the value to judge, once there is one. An
   * interval no later than the last one is ignored.
   */
  add(time: number, mean: number, count: number): PooledValue | undefined {
    const previous = this.previous;
    if (previous !== undefined && time <= previous) return undefined;
    this.previous = time;
    // The first interval of a series: nothing says how long it spans, so it is judged alone (it is warm-up anyway).
    if (previous === undefined) return { time, value: mean };
    if (this.requests === 0) this.since = previous;
    this.seconds += mean * count;
    this.requests += count;
    this.intervals += 1;
    if (this.requests < MIN_POOLED_REQUESTS && time - this.since < MAX_POOL_MS) return undefined;
    // One interval alone is judged by its own mean, to the last bit.
    const value = this.intervals === 1 ? mean : this.seconds / this.requests;
    this.seconds = 0;
    this.requests = 0;
    this.intervals = 0;
    return { time, value };
  }
}
