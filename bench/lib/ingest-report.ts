import type { Phase } from './ingest-phases';

const MIB = 2 ** 20;

export function perSecond(phase: Phase): number {
  return phase.load.units / (phase.load.elapsedMs / 1000);
}

/** Units per second of the server's own CPU time: the "per core" figure, steady on a shared, noisy machine. */
export function perCpuSecond(phase: Phase): number {
  return phase.cpuSeconds > 0 ? phase.load.units / phase.cpuSeconds : 0;
}

function num(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function cell(phase: Phase | undefined): string {
  if (phase === undefined) return 'not run'.padEnd(30);
  return `${num(perSecond(phase)).padStart(9)} /s ${num(perCpuSecond(phase)).padStart(9)} /CPU-s`.padEnd(30);
}

export interface Row {
  name: string;
  bare: Phase;
  service?: Phase;
  /** Target units per CPU-second (per core) from the issue. */
  target: number;
}

/** The result table: wall rate and per-CPU-second rate of both servers, their ratio, and the target. */
export function formatTable(rows: readonly Row[]): string[] {
  const lines = [
    `${''.padEnd(22)}${'bare node:http (wall, per core)'.padEnd(32)}${'lockstep serve (wall, per core)'.padEnd(32)}${'serve/bare per core'.padEnd(21)}target per core`,
  ];
  for (const row of rows) {
    const ratio = row.service ? (perCpuSecond(row.service) / perCpuSecond(row.bare)).toFixed(2) : '-';
    const verdict = row.service ? (perCpuSecond(row.service) >= row.target ? 'met' : 'NOT met') : '';
    lines.push(
      `${row.name.padEnd(22)}${cell(row.bare)}  ${cell(row.service)}  ${ratio.padEnd(21)}>= ${num(row.target)} ${verdict}`,
    );
  }
  return lines;
}

export function describeErrors(name: string, phase: Phase | undefined): string | undefined {
  if (phase === undefined || (phase.load.errors === 0 && phase.load.pushedBack === 0)) return undefined;
  return `${name}: ${phase.load.errors} failed requests, ${phase.load.pushedBack} pushed back (429/503)${phase.load.firstError ? `; first: ${phase.load.firstError}` : ''}`;
}

export function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(0)} MiB`;
}
