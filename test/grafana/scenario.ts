/**
 * Scenarios the browser harness feeds a real correlator: a plain cryptominer (the culprit the panel must name),
 * and the same kind of attack with every untrusted string replaced by XSS and markup payloads.
 */
import { falcoAlert } from '../scenarios/formats';
import type { SimProcess } from '../scenarios/host';
import type { Scenario } from '../scenarios/kinds';
import { buildScenario } from '../scenarios/kinds';
import { payloads } from './payloads';

export interface Culprit {
  host: string;
  pid: number;
  name: string;
  /** Falco rule names the incident's signals must show. */
  rules: string[];
}

function culpritOf(scenario: Scenario): SimProcess {
  const expected = scenario.expect.culprit;
  const process = scenario.host.processes.find((p) => p.pid === expected?.pid);
  if (process === undefined) throw new Error(`scenario ${scenario.kind}/${scenario.seed} has no culprit process`);
  return process;
}

function rulesOf(scenario: Scenario): string[] {
  return [...new Set(scenario.falco.map((entry) => (JSON.parse(entry.line) as { rule: string }).rule))];
}

export function minerScenario(seed: number): { scenario: Scenario; culprit: Culprit } {
  const scenario = buildScenario('miner', seed);
  const process = culpritOf(scenario);
  return {
    scenario,
    culprit: { host: scenario.host.name, pid: process.pid, name: process.name, rules: rulesOf(scenario) },
  };
}

/** Every payload placed at least once: culprit name, path, command line and owner, then rule names and outputs. */
export interface HostileScenario {
  scenario: Scenario;
  culprit: Culprit;
  placed: string[];
  /** The summary and actor of the deploy (change JSON) just before the spike: payloads too. */
  change: { summary: string; actor: string };
}

/**
 * A miner whose name, executable path, command line and user are payloads, with one Falco alert per further
 * payload (rule name and output both hostile), all on the miner's pid during the spike.
 */
export function hostileScenario(seed: number, count = 120): HostileScenario {
  const scenario = buildScenario('miner', seed);
  const list = payloads(count);
  const miner = culpritOf(scenario);
  const parent = scenario.host.processes.find((p) => p.pid === miner.ppid);
  miner.name = list[0] ?? 'miner';
  miner.exe = `/tmp/.x/${list[1] ?? ''}`;
  miner.cmdline = `${miner.exe} ${list.slice(2, 6).join(' ')}`;
  miner.owner = list[6] ?? 'nobody';
  const first = scenario.falco[0]?.time ?? scenario.window.from;
  const rules: string[] = [];
  const falco: Scenario['falco'] = [];
  for (let i = 7; i < list.length; i += 2) {
    const rule = list[i] ?? '';
    const time = first + (i - 7) * 1_000;
    rules.push(rule);
    const line = falcoAlert({
      time,
      rule,
      priority: i % 4 === 1 ? 'Critical' : 'Warning',
      host: scenario.host.name,
      process: miner,
      ...(parent === undefined ? {} : { parent }),
      withPid: true,
      message: list[i + 1] ?? rule,
      tags: ['host', list[i + 1] ?? 'tag'],
    });
    falco.push({ time, line });
  }
  scenario.falco = falco;
  // A deploy a few minutes before the spike whose summary and actor are payloads: the card lists it.
  const [summary = 'deploy', actor = 'ci'] = payloads(count + 2).slice(count);
  const deployed = first - 3 * 60_000;
  const change = { time: new Date(deployed).toISOString(), host: scenario.host.name, kind: 'deploy', summary, actor };
  scenario.changes = [{ time: deployed, line: JSON.stringify({ ...change, id: 'deploy-hostile' }) }];
  return {
    scenario,
    culprit: { host: scenario.host.name, pid: miner.pid, name: miner.name, rules },
    placed: [...list, summary, actor],
    change: { summary, actor },
  };
}
