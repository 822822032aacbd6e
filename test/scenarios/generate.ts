import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kind } from './kinds';
import { buildScenario, KINDS } from './kinds';
import { writeScenario } from './write';

/**
 * Writes generated scenarios to disk, one folder per kind and seed:
 *   npx tsx test/scenarios/generate.ts OUT_DIR [--seeds N] [--first SEED] [--kinds a,b] [--wide]
 * (--wide: the wider ranges of evaluate.ts --wide), then `npx lockstep replay OUT_DIR/<kind>-<seed>/*.{jsonl,log}` and compare with its expect.json.
 */
function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seeds: { type: 'string', default: '1' },
      first: { type: 'string', default: '1' },
      kinds: { type: 'string' },
      wide: { type: 'boolean', default: false },
    },
  });
  const out = positionals[0];
  if (out === undefined) throw new Error('usage: generate.ts OUT_DIR [--seeds N] [--first SEED] [--kinds a,b]');
  const kinds = (values.kinds?.split(',') ?? [...KINDS]) as Kind[];
  for (const kind of kinds)
    if (!KINDS.includes(kind)) throw new Error(`unknown kind ${kind}; kinds: ${KINDS.join(', ')}`);
  const first = Number(values.first);
  for (const kind of kinds) {
    for (let seed = first; seed < first + Number(values.seeds); seed += 1) {
      const scenario = buildScenario(kind, seed, { wide: values.wide });
      const written = writeScenario(scenario, path.join(out, `${kind}-${seed}`));
      process.stdout.write(`${written.dir}: ${scenario.description}\n`);
    }
  }
}

main();
