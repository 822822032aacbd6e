import {
  BUSY_CHECKS,
  growingPercentFor,
  heapTuningActive,
  LOW_GROWING_PERCENT,
  QUIET_CHECKS,
  tuneHeapForService,
  YOUNG_SEMI_SPACE_MIB,
  youngGrowthFactor,
} from './v8-heap';

const MIB = 2 ** 20;

describe('service heap sizing', () => {
  it('lets the young generation double until both semi-spaces reach the cap, then not at all', () => {
    expect(youngGrowthFactor(2 * MIB)).toBe(2);
    expect(youngGrowthFactor(YOUNG_SEMI_SPACE_MIB * MIB)).toBe(2);
    expect(youngGrowthFactor(2 * YOUNG_SEMI_SPACE_MIB * MIB)).toBe(1);
    expect(youngGrowthFactor(32 * MIB)).toBe(1);
  });

  it('keeps old-generation growth low while CPU is to spare, whatever the bursts of a scrape round', () => {
    // A round every second: a quarter-second burst at full CPU, then idle.
    const rounds = Array.from({ length: QUIET_CHECKS }, (_, i) => (i % BUSY_CHECKS === 0 ? 1 : 0));
    expect(growingPercentFor(rounds, LOW_GROWING_PERCENT)).toBe(LOW_GROWING_PERCENT);
    expect(growingPercentFor([], 0)).toBe(LOW_GROWING_PERCENT);
  });

  it('gives V8 its own growth policy back within a second of a flood, and only takes it after five quiet seconds', () => {
    const flood = [...Array<number>(QUIET_CHECKS - BUSY_CHECKS).fill(0.1), ...Array<number>(BUSY_CHECKS).fill(0.9)];
    expect(growingPercentFor(flood, LOW_GROWING_PERCENT)).toBe(0);
    // Just after the flood: the last second is quiet, the last five still busy on average.
    const after = [...Array<number>(QUIET_CHECKS - BUSY_CHECKS).fill(0.9), ...Array<number>(BUSY_CHECKS).fill(0)];
    expect(growingPercentFor(after, 0)).toBe(0);
    expect(growingPercentFor(Array<number>(QUIET_CHECKS).fill(0.2), 0)).toBe(LOW_GROWING_PERCENT);
  });

  it('is undone once every service that asked for it released it (twice is harmless)', () => {
    expect(heapTuningActive()).toBe(false);
    const first = tuneHeapForService();
    const second = tuneHeapForService();
    expect(heapTuningActive()).toBe(true);
    first();
    first();
    // The second service still holds it: releasing the first one twice did not release the second one's hold.
    expect(heapTuningActive()).toBe(true);
    second();
    expect(heapTuningActive()).toBe(false);
    const third = tuneHeapForService();
    expect(heapTuningActive()).toBe(true);
    third();
    expect(heapTuningActive()).toBe(false);
  });
});
