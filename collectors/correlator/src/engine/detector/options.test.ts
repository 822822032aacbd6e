import { DEFAULT_DETECTOR_OPTIONS, detectorOptionsFor } from './options';

describe('detectorOptionsFor', () => {
  it.each<[Parameters<typeof detectorOptionsFor>[0], number, number]>([
    ['cpu-utilization', 0.002, 0.3],
    ['cpu-cores', 0.25, 0.3],
    ['latency', 0.005, 0.25],
  ])('gives %s its own materiality floors on top of the shared defaults', (kind, minRise, minRelativeRise) => {
    const options = detectorOptionsFor(kind);
    expect(options).toMatchObject({ minRise, minRelativeRise });
    expect(Object.keys(options).sort()).toEqual(Object.keys(DEFAULT_DETECTOR_OPTIONS).sort());
  });

  it('judges latency with its own statistics: no routine memory, a wider reference, sharp hours open', () => {
    expect(detectorOptionsFor('latency')).toMatchObject({
      rememberRoutine: false,
      sustainedEvidence: false,
      referenceSigmas: 4,
      coarseClipSigmas: 12,
    });
    expect(detectorOptionsFor('latency')).toMatchObject({ materialOnMean: true, marginSigmas: 0 });
    expect(detectorOptionsFor('cpu-utilization')).toMatchObject({
      rememberRoutine: true,
      referenceSigmas: 2,
      spreadQuantile: 0.75,
      marginSigmas: 1,
      materialOnMean: false,
    });
  });

  it('returns a fresh object each time, so a caller cannot change another series’ options', () => {
    const a = detectorOptionsFor('latency');
    a.minRise = 1;
    expect(detectorOptionsFor('latency').minRise).toBe(0.005);
  });
});
