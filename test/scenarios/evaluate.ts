import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Anomaly, Finding, Incident } from '@lockstep/contract';
import { checkScenario } from './check';
import { replay } from './imports';
import type { Kind } from './kinds';
import { buildScenario, KINDS } from './kinds';
import { writeScenario } from './write';

/**
 * Generates scenarios, replays each through the engine and prints whether it meets the bar:
 *   npx tsx test/scenarios/evaluate.ts [--seeds N] [--first SEED] [--kinds a,b] [--wide] [--verbose] [--keep]
 * --wide draws every kind from the wider ranges the held-out scenarios imply (World.wide): 10–60 s scrapes, 2–64
 * cores, busier (5–60 %) and noisier hosts, a throttled miner at 15–25 % of the host, respawns every 20 s to 2 min,
 * alerts 5 min to 3 h before or 1–20 min into a spike, ±10–90 s of clock skew (the clock-skew kind, and
 * Falco/Tetragon in half the scenarios of every other kind), batch jobs every 1–6 h, ramps of 30 min to
 * 3 h, the alert on either host of a shared pid. Without it the seeds give the scenarios the test suite pins.
 * --keep leaves the written scenarios in a temporary folder (printed) for `npx lockstep replay`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '5' },
      first: { type: 'string', default: '1' },
      kinds: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      wide: { type: 'boolean', default: false },
    },
  });
  const kinds = (values.kinds?.split(',') ?? [...KINDS]) as Kind[];
  const root = mkdtempSync(path.join(tmpdir(), 'lockstep-scenarios-'));
  let failures = 0;
  let total = 0;
  for (const kind of kinds) {
    for (let seed = Number(values.first); seed < Number(values.first) + Number(values.seeds); seed += 1) {
      const scenario = buildScenario(kind, seed, { wide: values.wide });
      const written = writeScenario(scenario, path.join(root, `${kind}-${seed}`));
      const anomalies: Anomaly[] = [];
      const incidents: Incident[] = [];
      const findings = new Map<string, Finding>();
      await replay(written.files, {
        anomaly: (a, final) => void (final && anomalies.push(a)),
        incident: (i, final) => void (final && incidents.push(i)),
        finding: (f) => void findings.set(f.id, f),
      });
      const problems = checkScenario({ anomalies, incidents, findings: [...findings.values()] }, scenario.expect);
      total += 1;
      if (problems.length > 0) failures += 1;
      const verdict = problems.length === 0 ? 'ok  ' : 'FAIL';
      process.stdout.write(
        `${verdict} ${kind}-${seed}: ${scenario.description}${problems.length ? `\n       ${problems.join('\n       ')}` : ''}\n`,
      );
      if (values.verbose) {
        for (const i of incidents) {
          process.stdout.write(
            `       incident score=${i.score} sev=${i.severity} culprit=${i.culprit?.['process.executable.name']}/${i.culprit?.['process.pid']} anomalies=${i.anomalies.length} signals=${i.signals.map((s) => `${s.rule}@${s.match}`).join(',')}\n`,
          );
        }
        for (const a of anomalies) {
          process.stdout.write(
            `       anomaly ${a.metric} ${a.entity['host.name']} ${a.entity['container.id']?.slice(0, 12) ?? ''} ${a.start}..${a.end} base=${a.baseline.toFixed(3)} peak=${a.peak.toFixed(3)} top=${a.contributors
              .slice(0, 3)
              .map((c) => `${c.process['process.executable.name']}:${c.share.toFixed(2)}`)
              .join(',')}\n`,
          );
        }
      }
    }
  }
  if (values.keep) process.stdout.write(`scenarios kept in ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
  process.stdout.write(`${total - failures}/${total} scenarios meet the bar\n`);
  process.exitCode = failures === 0 ? 0 : 1;
}

void main();
