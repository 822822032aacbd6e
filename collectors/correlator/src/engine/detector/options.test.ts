import { DEFAULT_DETECTOR_OPTIONS, detectorOptionsFor } from './options';

describe('detectorOptionsFor', () => {
  it.each<[Parameters<typeof detectorOptionsFor>[0], number, number]>([
    ['cpu-utilization', 0.0005, 0.1],
    ['cpu-cores', 0.05, 0.1],
    ['latency', 0.005, 0.25],
  ])('gives %s its own floors and the shared statistics', (kind, minRise, minRelativeRise) => {
    const options = detectorOptionsFor(kind);
    expect(options).toEqual({ ...DEFAULT_DETECTOR_OPTIONS, minRise, minRelativeRise });
  });

  it('returns a fresh object each time, so a caller cannot change another series’ options', () => {
    const a = detectorOptionsFor('latency');
    a.minRise = 1;
    expect(detectorOptionsFor('latency').minRise).toBe(0.005);
  });
});
