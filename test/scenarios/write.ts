import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scrapeHost } from './host';
import type { Scenario, Timed } from './kinds';
import { Rng } from './rng';

export interface WrittenScenario {
  dir: string;
  /** The input files, as `lockstep replay` takes them. */
  files: string[];
}

/**
 * Writes a scenario as the files an operator would hand to `lockstep replay`: OTLP JSON lines (one
 * ExportMetricsServiceRequest per line, as the Collector's file exporter writes them), Falco and Tetragon JSON
 * lines, auth.log, change JSON lines and dpkg.log — plus `expect.json`, which replay never reads.
 */
export function writeScenario(scenario: Scenario, dir: string): WrittenScenario {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const metrics: string[] = [];
  scrapeHost(scenario.host, new Rng(scenario.seed + 17), scenario.window, (_time, line) => metrics.push(line));
  files.push(writeLines(dir, 'metrics.jsonl', metrics));
  scenario.extraHosts.forEach((host, index) => {
    const lines: string[] = [];
    scrapeHost(host, extraHostRng(scenario.seed, index), scenario.window, (_time, line) => lines.push(line));
    files.push(writeLines(dir, `metrics-${host.name}.jsonl`, lines));
  });
  const signalFiles: [string, Timed[]][] = [
    ['falco.jsonl', scenario.falco],
    ['tetragon.jsonl', scenario.tetragon],
    ['auth.log', scenario.auth],
    ['osquery.log', scenario.osquery],
    ['changes.jsonl', scenario.changes],
    ['dpkg.log', scenario.dpkg],
  ];
  for (const [name, lines] of signalFiles) {
    if (lines.length > 0)
      files.push(
        writeLines(
          dir,
          name,
          lines.map((entry) => entry.line),
        ),
      );
  }
  const { kind, seed, description, expect } = scenario;
  writeFileSync(path.join(dir, 'expect.json'), `${JSON.stringify({ kind, seed, description, expect }, null, 2)}\n`);
  return { dir, files };
}

/** The noise of the `index`-th extra host's scrapes: its own stream, so the first host's lines do not change. */
export function extraHostRng(seed: number, index: number): Rng {
  return new Rng(seed + 17 + 7_777 * (index + 1));
}

function writeLines(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
