import type { SimHost } from './host';
import { makeJobs, periodicBatch, slowRamp } from './benign-load';
import { deployExplainsSpike, firewallLeftOpen, minerAfterDeploy, securityOnlyHost } from './changes';
import { respawningMiner, throttledMiner, workerPoolCulprit } from './many-instances';
import { alertNoSpike, backupWithSudo, jvmBusy, pidReuse } from './negatives';
import { containerMiner, miner, minerNoPid, minerStarvesService, webShellCompressor } from './positives';
import { alertFarFromBenignSpike, alertLateInSpike, alertWellBefore, clockSkew } from './timing';
import { minerDuringAgentSpike, securityAgentSpike } from './tooling';
import { samePidTwoHosts } from './two-hosts';
import { Rng } from './rng';
import type { Builder, Expectation, Timed } from './world';
import { World } from './world';

export type { Expectation, Timed } from './world';

/**
 * The kinds of situation Lockstep must get right (issues #2, #10 and #13), each built from a seed: host size, sampling
 * interval, cpu metric flavour, process names, timings and whether Falco prints proc.pid all vary. New kinds go at
 * the end: a kind's index seeds its random stream, so the others' files stay byte-identical.
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
  osquery: Timed[];
  changes: Timed[];
  dpkg: Timed[];
  /** Hosts besides `host`, scraped into files of their own. */
  extraHosts: SimHost[];
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
  'throttled-miner',
  'respawning-miner',
  'worker-pool-culprit',
  'alert-well-before',
  'alert-late-in-spike',
  'alert-far-from-benign-spike',
  'clock-skew',
  'periodic-batch',
  'slow-ramp',
  'make-j',
  'same-pid-two-hosts',
  'security-agent-spike',
  'miner-during-agent-spike',
  'deploy-explains-spike',
  'miner-after-deploy',
  'firewall-left-open',
  'security-only-host',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Builds the scenario of `kind` for `seed`; `wide` draws from the wider ranges of the held-out scenarios (see
 * World.wide), off by default so the suite's seeds give the scenarios they always gave.
 */
export function buildScenario(kind: Kind, seed: number, options: { wide?: boolean } = {}): Scenario {
  const rng = new Rng(seed * 7919 + KINDS.indexOf(kind) * 104729);
  const world = new World(rng, kind === 'container-miner', options.wide ?? false);
  const scenario = BUILDERS[kind](world, rng);
  return {
    kind,
    seed,
    host: world.host,
    window: world.window,
    falco: world.falco.sort(byTime),
    tetragon: world.tetragon.sort(byTime),
    auth: world.auth.sort(byTime),
    osquery: world.osquery.sort(byTime),
    changes: world.changes.sort(byTime),
    dpkg: world.dpkg.sort(byTime),
    extraHosts: world.extraHosts,
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
  'throttled-miner': throttledMiner,
  'respawning-miner': respawningMiner,
  'worker-pool-culprit': workerPoolCulprit,
  'alert-well-before': alertWellBefore,
  'alert-late-in-spike': alertLateInSpike,
  'alert-far-from-benign-spike': alertFarFromBenignSpike,
  'clock-skew': clockSkew,
  'periodic-batch': periodicBatch,
  'slow-ramp': slowRamp,
  'make-j': makeJobs,
  'same-pid-two-hosts': samePidTwoHosts,
  'security-agent-spike': securityAgentSpike,
  'miner-during-agent-spike': minerDuringAgentSpike,
  'deploy-explains-spike': deployExplainsSpike,
  'miner-after-deploy': minerAfterDeploy,
  'firewall-left-open': firewallLeftOpen,
  'security-only-host': securityOnlyHost,
};
