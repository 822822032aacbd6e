import type { Anomaly, Finding, Incident } from '@lockstep/contract';
import { CORRELATED_SCORE, sameContainer } from './imports';
import type { Expectation } from './kinds';

export interface ReplayOutput {
  anomalies: Anomaly[];
  incidents: Incident[];
  /** Temporary changes' findings in their final state (replay --findings); checked when the scenario expects some. */
  findings?: Finding[];
}

/** What is wrong with a replay's output against a scenario's expectation; empty when it meets the bar. */
export function checkScenario(output: ReplayOutput, expect: Expectation): string[] {
  const problems: string[] = [];
  const correlated = output.incidents.filter((incident) => incident.score >= CORRELATED_SCORE);
  if (expect.correlated) {
    if (correlated.length !== 1) problems.push(`expected 1 correlated incident, got ${correlated.length}`);
    const incident = correlated[0];
    if (incident !== undefined && expect.culprit !== undefined) {
      const culprit = incident.culprit;
      const pids = expect.culprit.pids ?? [expect.culprit.pid];
      if (culprit === null) problems.push('the incident has no culprit');
      else if (!pids.includes(culprit['process.pid']) || culprit['process.executable.name'] !== expect.culprit.name) {
        problems.push(
          `culprit ${culprit['process.executable.name']} (pid ${culprit['process.pid']}), expected ${expect.culprit.name} (pid ${expect.culprit.pid})`,
        );
      }
    }
    if (incident !== undefined && expect.container !== undefined) {
      const container = incident.entity['container.id'];
      if (container === undefined || !sameContainer(container, expect.container)) {
        problems.push(`incident entity container ${String(container)}, expected ${expect.container.slice(0, 12)}`);
      }
    }
    if (incident !== undefined && expect.foldsLatency === true) {
      const metrics = new Set(
        output.anomalies.filter((anomaly) => incident.anomalies.includes(anomaly.id)).map((anomaly) => anomaly.metric),
      );
      if (!metrics.has('latency') || !metrics.has('cpu')) {
        problems.push(`the incident folds ${[...metrics].join('+') || 'no'} anomalies, expected cpu and latency`);
      }
    }
  } else if (correlated.length > 0) {
    problems.push(
      `expected no correlated incident, got ${correlated.length}: ${correlated
        .map((i) => `score ${i.score} culprit ${i.culprit?.['process.executable.name'] ?? 'none'}`)
        .join('; ')}`,
    );
  }
  for (const name of expect.neverCulprit ?? []) {
    const wrong = output.incidents.find((incident) => incident.culprit?.['process.executable.name'] === name);
    if (wrong !== undefined) problems.push(`${name} was named culprit (score ${wrong.score})`);
  }
  if (expect.anomaly !== undefined && !output.anomalies.some((anomaly) => anomaly.metric === expect.anomaly)) {
    problems.push(`no ${expect.anomaly} anomaly reported`);
  }
  if (expect.changeBeside !== undefined) problems.push(...changeProblems(output, expect.changeBeside, correlated));
  if (expect.openFindings !== undefined) {
    const open = (output.findings ?? []).filter((f) => f.status === 'open').map((f) => f.change.id);
    if (open.sort().join(',') !== [...expect.openFindings].sort().join(',')) {
      problems.push(`open findings ${open.join(', ') || 'none'}, expected ${expect.openFindings.join(', ')}`);
    }
  }
  return problems;
}

/** The spike, and a correlated incident, list the expected change first (the closest before the spike). */
function changeProblems(
  output: ReplayOutput,
  change: { kind: string; summary: string },
  correlated: readonly Incident[],
): string[] {
  const problems: string[] = [];
  const listed = (changes: Anomaly['changes']): string =>
    changes?.[0] === undefined ? 'no change' : `${changes[0].kind} "${changes[0].summary}"`;
  const expected = `${change.kind} "${change.summary}"`;
  const cpu = output.anomalies.filter((a) => a.metric === 'cpu');
  if (!cpu.some((a) => listed(a.changes) === expected)) {
    problems.push(
      `no CPU spike lists ${expected} first (${cpu.map((a) => listed(a.changes)).join('; ') || 'no CPU spike'})`,
    );
  }
  for (const incident of correlated) {
    if (listed(incident.changes) !== expected)
      problems.push(`the incident lists ${listed(incident.changes)}, expected ${expected}`);
  }
  return problems;
}
