import type { Anomaly } from '@lockstep/contract';
import type { LatencySample } from '../model/samples';
import { uniform } from '../__fixtures__/uniform';
import { Engine } from './engine';

const T0 = Date.UTC(2026, 5, 1, 8);
const STEP = 10_000;
const SLOW_FROM = T0 + 2 * 3_600_000;
const SLOW_TO = SLOW_FROM + 15 * 60_000;

/** The lognormal request durations a service's requests vary by (log-sd 0.45), around 1. */
function durations(seed: number): () => number {
  const next = uniform(seed);
  return () => Math.exp(0.45 * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()));
}

/** A service answering `perInterval` requests every 10 s, in 50 ms, `slowdown` times slower for 15 minutes. */
function latencyAnomalies(perInterval: number, slowdown: number, seed: number): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const engine = new Engine({ anomaly: (a, final) => void (final && anomalies.push(a)), incident: () => undefined });
  const draw = durations(seed);
  for (let time = T0; time < SLOW_TO + 30 * 60_000; time += STEP) {
    const median = time > SLOW_FROM && time <= SLOW_TO ? 0.05 * slowdown : 0.05;
    let sum = 0;
    for (let i = 0; i < perInterval; i += 1) sum += median * draw();
    const sample: LatencySample = {
      kind: 'latency',
      host: 'web-1',
      service: 'checkout',
      time,
      p95: 0.1,
      count: perInterval,
    };
    sample.mean = sum / perInterval;
    engine.ingest(sample);
  }
  engine.flush();
  return anomalies.filter((a) => a.metric === 'latency');
}

describe('latency of a quiet service (a handful of requests every 10 s)', () => {
  it.each([1, 2, 3, 4, 5])('finds it twice as slow for 15 minutes, and nothing before (seed %d)', (seed) => {
    const anomalies = latencyAnomalies(2, 2, seed);
    expect(anomalies.filter((a) => Date.parse(a.end ?? a.start) < SLOW_FROM)).toEqual([]);
    const found = anomalies.filter((a) => Date.parse(a.start) >= SLOW_FROM - 60_000 && Date.parse(a.start) < SLOW_TO);
    expect(found).toHaveLength(1);
  });

  it('reports nothing while the service keeps its pace', () => {
    expect(latencyAnomalies(2, 1, 7)).toEqual([]);
  });
});
