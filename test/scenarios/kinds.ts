import type { SimHost } from './host';
import { alertNoSpike, backupWithSudo, jvmBusy, pidReuse } from './negatives';
import { containerMiner, miner, minerNoPid, minerStarvesService, webShellCompressor } from './positives';
import { Rng } from './rng';
import type { Builder, Expectation, Timed } from './world';
import { World } from './world';

export type { Expectation, Timed } from './world';

/**
 * The kinds of situation Lockstep must get right (issue #2), each built from a seed: host size, sampling
 * interval, cpu metric flavour, process names, timings and whether Falco prints proc.pid all vary.
 */

export interface Scenario {
  kind: Kind;
  seed: number;
  description: string;
  host: SimHost;
  window: { from: number; to: number; interval: number };
  falco: Timed[];
  tetragon: Timed[];
  auth: Timed[];
  expect: Expectation;
}

export const KINDS = [
  'miner',
  'miner-no-pid',
  'web-shell-compressor',
  'backup-with-sudo',
  'alert-no-spike',
  'jvm-busy',
  'pid-reuse',
  'container-miner',
  'miner-starves-service',
] as const;
export type Kind = (typeof KINDS)[number];

/** Builds the scenario of `kind` for `seed`. */
export function buildScenario(kind: Kind, seed: number): Scenario {
  const rng = new Rng(seed * 7919 + KINDS.indexOf(kind) * 104729);
  const world = new World(rng, kind === 'container-miner');
  const scenario = BUILDERS[kind](world, rng);
  return {
    kind,
    seed,
    host: world.host,
    window: world.window,
    falco: world.falco.sort(byTime),
    tetragon: world.tetragon.sort(byTime),
    auth: world.auth.sort(byTime),
    ...scenario,
  };
}

function byTime(a: Timed, b: Timed): number {
  return a.time - b.time;
}

const BUILDERS: Record<Kind, Builder> = {
  miner,
  'miner-no-pid': minerNoPid,
  'web-shell-compressor': webShellCompressor,
  'backup-with-sudo': backupWithSudo,
  'alert-no-spike': alertNoSpike,
  'jvm-busy': jvmBusy,
  'pid-reuse': pidReuse,
  'container-miner': containerMiner,
  'miner-starves-service': minerStarvesService,
};
