import type { Point } from './nab-csv';

/** The OpenTelemetry SDKs' default buckets for `http.server.request.duration`, in seconds. */
export const DEFAULT_HTTP_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export interface LatencyLoad {
  /** Requests per interval: a handful (5) is the hard case for bucket quantiles; hundreds the easy one. */
  requests: number;
  /**
   * Spread of one interval's requests around the series value: 0 puts every request at the value; s > 0 draws
   * each from a lognormal with log-standard-deviation s whose mean is the value.
   */
  spread: number;
  /** Seconds per unit of the series' values (the series is rescaled so its median lands at a chosen latency). */
  secondsPerUnit: number;
}

export const HOST = 'bench-host';
export const SERVICE = 'bench-service';

/** Deterministic standard normals (mulberry32 + Box–Muller): the same series converts the same way every run. */
function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function nanos(ms: number): string {
  return `${ms}000000`;
}

/**
 * The series as an SDK would export it: one cumulative `http.server.request.duration` histogram (unit s, default
 * buckets, with count and sum) per point, as OTLP JSON requests, each interval holding `load.requests` requests
 * around the point's value. Points without a value export the same cumulative state again (no requests).
 */
export function latencyRequests(points: readonly Point[], load: LatencyLoad, seed = 1): unknown[] {
  const gauss = normals(seed);
  const counts = new Array<number>(DEFAULT_HTTP_BOUNDS.length + 1).fill(0);
  let count = 0;
  let sum = 0;
  const start = points[0]?.time ?? 0;
  const out: unknown[] = [];
  for (const { time, value } of points) {
    if (Number.isFinite(value)) {
      const mean = Math.max(0, value * load.secondsPerUnit);
      for (let r = 0; r < load.requests; r += 1) {
        const s = load.spread;
        const latency = s > 0 ? mean * Math.exp(s * gauss() - (s * s) / 2) : mean;
        let bucket = DEFAULT_HTTP_BOUNDS.findIndex((bound) => latency <= bound);
        if (bucket < 0) bucket = DEFAULT_HTTP_BOUNDS.length;
        counts[bucket] = (counts[bucket] as number) + 1;
        count += 1;
        sum += latency;
      }
    }
    out.push({
      resourceMetrics: [
        {
          resource: {
            attributes: [
              { key: 'host.name', value: { stringValue: HOST } },
              { key: 'service.name', value: { stringValue: SERVICE } },
            ],
          },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'http.server.request.duration',
                  unit: 's',
                  histogram: {
                    aggregationTemporality: 2,
                    dataPoints: [
                      {
                        attributes: [{ key: 'http.request.method', value: { stringValue: 'GET' } }],
                        startTimeUnixNano: nanos(start - 1000),
                        timeUnixNano: nanos(time),
                        count: String(count),
                        sum,
                        bucketCounts: counts.map(String),
                        explicitBounds: DEFAULT_HTTP_BOUNDS,
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  }
  return out;
}

/** Seconds per unit that put the series' median value at `medianSeconds` (a series of zeros keeps 1). */
export function scaleToMedian(points: readonly Point[], medianSeconds: number): number {
  const values = points.map((p) => p.value).filter((v) => Number.isFinite(v) && v > 0);
  values.sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)];
  return median === undefined ? 1 : medianSeconds / median;
}
