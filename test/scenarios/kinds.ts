import type { SimHost } from './host';
import { makeJobs, periodicBatch, slowRamp } from './benign-load';
import { deployExplainsSpike, firewallLeftOpen, minerAfterDeploy, securityOnlyHost } from './changes';
import { respawningMiner, throttledMiner, workerPoolCulprit } from './many-instances';
import { alertNoSpike, backupWithSudo, jvmBusy, pidReuse } from './negatives';
import { containerMiner, miner, minerNoPid, minerStarvesService, webShellCompressor } from './positives';
import { alertAfterSpike, alertFarFromBenignSpike, alertLateInSpike, alertWellBefore, clockSkew } from './timing';
import { shiftToolClock } from './formats';
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
  'alert-after-spike',
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
  const skewMs = options.wide && kind !== 'clock-skew' ? toolClockSkew(seed, kind) : 0;
  if (skewMs !== 0)
    scenario.description += `; Falco/Tetragon clock ${skewMs > 0 ? '+' : ''}${Math.round(skewMs / 1000)} s`;
  return {
    kind,
    seed,
    host: world.host,
    window: world.window,
    falco: skewed(world.falco, skewMs).sort(byTime),
    tetragon: skewed(world.tetragon, skewMs).sort(byTime),
    auth: world.auth.sort(byTime),
    osquery: world.osquery.sort(byTime),
    changes: world.changes.sort(byTime),
    dpkg: world.dpkg.sort(byTime),
    extraHosts: world.extraHosts,
    ...scenario,
  };
}

/**
 * Wide: in half the scenarios of every kind the security tools' clock is 10-90 s off the metrics' (they stamp on
 * another machine, or NTP is broken), as the clock-skew kind does for a miner. Its own stream, so the rest of the
 * scenario is what it is without skew.
 */
function toolClockSkew(seed: number, kind: Kind): number {
  const rng = new Rng(seed * 6151 + KINDS.indexOf(kind) * 3079 + 1);
  if (!rng.chance(0.5)) return 0;
  return Math.round((rng.chance(0.5) ? -1 : 1) * rng.between(10_000, 90_000));
}

function skewed(lines: Timed[], skewMs: number): Timed[] {
  if (skewMs === 0) return lines;
  return lines.map((entry) => ({ time: entry.time + skewMs, line: shiftToolClock(entry.line, skewMs) }));
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
  'alert-after-spike': alertAfterSpike,
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
