import type { Anomaly } from '@lockstep/contract';
import type { Palette } from './render';
import { clock, duration, entityExtras } from './render';
import type { SpikeChange } from './spike-feed';
import { safeText } from '../../model/safe-text';

const LABEL_WIDTH = 10;
/** Contributors named on a spike's line. */
const NAMED = 3;

/** The lines for one change of a spike: a headline, and the processes behind it. */
export function formatSpike(change: SpikeChange, palette: Palette, at: Date = new Date()): string[] {
  const { anomaly } = change;
  const label = { opened: 'SPIKE', updated: 'spike', ended: 'SPIKE END' }[change.kind];
  const styled = change.kind === 'opened' ? palette.bold(label.padEnd(LABEL_WIDTH)) : label.padEnd(LABEL_WIDTH);
  const span =
    change.kind === 'ended' && anomaly.end !== null
      ? `lasted ${duration(Date.parse(anomaly.end) - Date.parse(anomaly.start))}`
      : `since ${clock(new Date(anomaly.start))}`;
  const head = [
    `host ${palette.bold(safeText(anomaly.entity['host.name'], 80))}`,
    ...entityExtras(anomaly.entity),
    `${what(anomaly)} ${value(anomaly, anomaly.baseline)} -> ${value(anomaly, anomaly.peak)}`,
    span,
    palette.dim(safeText(anomaly.id, 64)),
  ].join('  ');
  const processes = change.kind === 'ended' ? 'processes' : 'so far';
  return [
    `${palette.dim(clock(at))}  ${styled}${head}`,
    `${' '.repeat(10)}${palette.dim(processes.padEnd(LABEL_WIDTH))}${contributorsText(anomaly)}`,
  ];
}

/** `xmrig (pid 4242) 91% · node (pid 12, 8 instances) 5%`, or a sentence when none accounts for the rise. */
export function contributorsText(anomaly: Anomaly): string {
  if (anomaly.contributors.length === 0) return 'no process accounts for the rise yet';
  return anomaly.contributors
    .slice(0, NAMED)
    .map(({ process, share, instances }) => {
      const name = safeText(process['process.executable.name'] ?? 'unknown', 64);
      const pid = process['process.pid'] === undefined ? [] : [`pid ${process['process.pid']}`];
      const group = instances === undefined ? [] : [`${instances} instances`];
      const details = [...pid, ...group].join(', ');
      return `${name}${details === '' ? '' : ` (${details})`} ${Math.round(share * 100)}%`;
    })
    .join(' · ');
}

function what(anomaly: Anomaly): string {
  return anomaly.metric === 'latency' ? 'latency' : 'CPU';
}

function value(anomaly: Anomaly, v: number): string {
  if (anomaly.unit === 's') return v < 1 ? `${Math.round(v * 1000)} ms` : `${v.toFixed(2)} s`;
  if (anomaly.unit === 'cores') return `${v.toFixed(2)} cores`;
  return `${Math.round(v * 100)}%`;
}
