/**
 * Property-based fuzzing, briefly (a few hundred inputs per decoder and per HTTP input path): every decoder and
 * normalizer decodes or refuses any input without a bug-class error, and `lockstep serve` answers every input on
 * every ingest path without a 500, an exception or a hang. `npm run fuzz` runs the same at length.
 */
import fc from 'fast-check';
import { decoderFor } from './decoders';
import type { FuzzService } from './harness';
import { fuzzTarget, startFuzzService } from './harness';
import { ingestTargets, inputsFor } from './inputs';

const RUNS = 300;
const SEED = 1414;

describe('decoders and normalizers under fuzzing', () => {
  it.each(ingestTargets().map((target) => [target.name, target] as const))('%s decodes or refuses', (_name, target) => {
    const decode = decoderFor(target);
    fc.assert(
      fc.property(inputsFor(target), (input) => {
        decode(input);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('HTTP input paths under fuzzing', () => {
  let fuzz: FuzzService;
  beforeAll(async () => {
    fuzz = await startFuzzService('http');
  });
  afterAll(async () => {
    await fuzz.close();
  });

  it.each(ingestTargets().map((target) => [target.name, target] as const))(
    'POST %s: no 500, exception or hang',
    async (_name, target) => {
      const report = await fuzzTarget(fuzz, target, { runs: RUNS, seed: SEED });
      expect(report.findings).toEqual([]);
      expect(report.tried).toBe(RUNS);
      // The inputs reach the decoders: some are taken (200), some refused (400).
      expect(report.statuses[200] ?? 0).toBeGreaterThan(0);
      expect(report.statuses[400] ?? 0).toBeGreaterThan(0);
    },
    60_000,
  );
});
