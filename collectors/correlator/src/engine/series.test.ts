import { Series } from './series';

const T0 = Date.UTC(2026, 0, 1);
const STEP = 10_000;

function hostCpu(): Series {
  return new Series('web-1/cpu', {
    kind: 'host-cpu',
    host: 'web-1',
    entity: { 'host.name': 'web-1' },
    metric: 'cpu',
    unit: '1',
    detectorKind: 'cpu-utilization',
  });
}

/** A quiet host at 10 % with a little deterministic jitter, for `samples` samples from `from`. */
function quiet(series: Series, from: number, samples: number): number {
  let t = from;
  for (let i = 0; i < samples; i += 1) {
    series.push(t, 0.1 + 0.004 * Math.sin(i * 1.7));
    t += STEP;
  }
  return t;
}

describe('Series take-off', () => {
  it('is where a spike that opened on a mild rise became tall, not where it opened', () => {
    const series = hostCpu();
    let t = quiet(series, T0, 300);
    // A mild rise opens a spike ...
    for (let i = 0; i < 30; i += 1, t += STEP) series.push(t, 0.16);
    const anomaly = series.anomaly;
    expect(anomaly).toBeDefined();
    expect(anomaly?.takeOffAt).toBeLessThan(t);
    // ... then the host takes off.
    const tookOff = t;
    for (let i = 0; i < 10; i += 1, t += STEP) series.push(t, 0.9);
    expect(series.anomaly).toBe(anomaly);
    expect(anomaly?.takeOffAt).toBe(tookOff);
  });

  it('is at the spike’s first tall sample when it rose at once', () => {
    const series = hostCpu();
    let t = quiet(series, T0, 300);
    const rose = t;
    for (let i = 0; i < 10; i += 1, t += STEP) series.push(t, 0.9);
    expect(series.anomaly?.takeOffAt).toBe(rose);
  });
});

describe('Series spikes a program opened (openForProgram)', () => {
  it('owns the series while open: the detector’s own spike of that time says nothing, before or after its close', () => {
    const series = hostCpu();
    let t = quiet(series, T0, 300);
    const opened = series.openForProgram(t, t - 5 * STEP);
    expect(opened?.type).toBe('open');
    const anomaly = opened?.anomaly;
    // The host then rises plainly: the detector opens a spike of its own, which must not show.
    const events = [];
    for (let i = 0; i < 10; i += 1, t += STEP) events.push(...series.push(t, 0.9));
    expect(series.detectorOpen).toBe(true);
    expect(events).toEqual([]);
    expect(series.anomaly).toBe(anomaly);
    expect(anomaly?.peak).toBe(0.9);
    // The program stops while the detector's spike is still open: one close, then silence until it ends.
    const closed = series.closeForProgram(t - STEP);
    expect(closed).toEqual({ type: 'close', anomaly });
    expect(anomaly?.end).toBe(t - STEP);
    for (let i = 0; i < 10; i += 1, t += STEP) events.push(...series.push(t, 0.1));
    expect(series.detectorOpen).toBe(false);
    expect(events).toEqual([]);
    // Afterwards the detector's spikes are the series' again.
    for (let i = 0; i < 10; i += 1, t += STEP) events.push(...series.push(t, 0.9));
    expect(events.map((e) => e.type)).toEqual(['open']);
    expect(events[0]?.anomaly).not.toBe(anomaly);
  });

  it('opens nothing while the detector has a spike open, and closes only what it opened', () => {
    const series = hostCpu();
    let t = quiet(series, T0, 300);
    for (let i = 0; i < 5; i += 1, t += STEP) series.push(t, 0.9);
    expect(series.anomaly).toBeDefined();
    expect(series.openForProgram(t, t - STEP)).toBeUndefined();
    expect(series.closeForProgram(t)).toBeUndefined();
    expect(series.anomaly?.end).toBeUndefined();
  });
});
