import type { Entity, Incident, IncidentSeverity } from '@lockstep/contract';
import { isCorrelated } from '@lockstep/contract';
import type { IncidentChange } from './incident-feed';
import { signalCount } from './incident-feed';
import { safeText } from '../../model/safe-text';

/** SGR colours, only ever from this file: text from the outside goes through `safeText` first. */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  severity(severity: IncidentSeverity, text: string): string;
  good(text: string): string;
}

const sgr =
  (open: string) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[0m`;

const COLOURS: Palette = {
  bold: sgr('1'),
  dim: sgr('2'),
  good: sgr('32'),
  severity: (severity, text) =>
    ({ critical: sgr('1;31'), high: sgr('31'), medium: sgr('33'), low: sgr('36') })[severity](text),
};

const PLAIN: Palette = {
  bold: (text) => text,
  dim: (text) => text,
  good: (text) => text,
  severity: (_severity, text) => text,
};

/** Colours on a terminal, unless NO_COLOR is set (https://no-color.org); plain text into pipes and files. */
export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '' ? COLOURS : PLAIN;
}

export const plainPalette = PLAIN;

const LABEL_WIDTH = 10;
/** Summaries quote command lines; a terminal line is not the place for all of a hostile one. */
const SUMMARY_MAX = 400;

/** `HH:MM:SS` local time, the column every line starts with. */
export function clock(date: Date = new Date()): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A line of the view: the time, a label column, then the text. */
export function line(palette: Palette, label: string, text: string, at: Date = new Date()): string {
  return `${palette.dim(clock(at))}  ${label.padEnd(LABEL_WIDTH)}${text}`;
}

/** A continuation line under an event (no time; the label is dimmed). */
function detail(palette: Palette, label: string, text: string): string {
  return `${' '.repeat(10)}${palette.dim(label.padEnd(LABEL_WIDTH))}${text}`;
}

/** The lines for one change of an incident. */
export function formatChange(change: IncidentChange, palette: Palette, at: Date = new Date()): string[] {
  const { incident } = change;
  const label = { opened: 'OPENED', updated: 'UPDATED', resolved: 'RESOLVED' }[change.kind];
  const styled =
    change.kind === 'resolved' ? palette.good(label.padEnd(LABEL_WIDTH)) : palette.bold(label.padEnd(LABEL_WIDTH));
  const lines = [`${palette.dim(clock(at))}  ${styled}${headline(incident, palette)}`];
  switch (change.kind) {
    case 'opened':
      lines.push(...summaryLines(incident, palette));
      break;
    case 'updated': {
      lines.push(detail(palette, 'changed', describeChanges(change.previous, incident)));
      const { ops, security, business } = change.previous.summary;
      if (incident.summary.ops !== ops) lines.push(detail(palette, 'ops', summaryText(incident.summary.ops)));
      if (incident.summary.security !== security) {
        lines.push(detail(palette, 'security', summaryText(incident.summary.security)));
      }
      if (incident.summary.business !== business) {
        lines.push(detail(palette, 'business', summaryText(incident.summary.business)));
      }
      break;
    }
    case 'resolved':
      lines.push(
        detail(palette, 'lasted', duration(Date.parse(incident.end ?? incident.start) - Date.parse(incident.start))),
      );
      break;
  }
  return lines;
}

/** Severity, entity, culprit, score and id on one line. */
export function headline(incident: Incident, palette: Palette): string {
  const severity = palette.severity(incident.severity, incident.severity.toUpperCase().padEnd(LABEL_WIDTH));
  const correlated = isCorrelated(incident) ? '' : ' (not correlated)';
  return (
    severity +
    [
      `host ${palette.bold(safeText(incident.entity['host.name'], 80))}`,
      ...entityExtras(incident.entity),
      `culprit ${palette.bold(culpritText(incident))}`,
      `score ${incident.score.toFixed(2)}${correlated}`,
      palette.dim(safeText(incident.id, 64)),
    ].join('  ')
  );
}

/** Container, pod and service of an entity, as the view shows them beside its host. */
export function entityExtras(entity: Entity): string[] {
  const extras: string[] = [];
  if (entity['container.id'] !== undefined) extras.push(`container ${safeText(entity['container.id'], 20)}`);
  if (entity['k8s.pod.name'] !== undefined) extras.push(`pod ${safeText(entity['k8s.pod.name'], 80)}`);
  if (entity['service.name'] !== undefined) extras.push(`service ${safeText(entity['service.name'], 80)}`);
  return extras;
}

/** `name (pid N)`, `name (pid N, one of 12 instances)` for a group, or `unknown` when no process accounts for it. */
export function culpritText(incident: Incident): string {
  const culprit = incident.culprit;
  if (culprit === null) return 'unknown';
  const group = culprit.instances === undefined ? '' : `, one of ${culprit.instances} instances`;
  return `${safeText(culprit['process.executable.name'], 64)} (pid ${culprit['process.pid']}${group})`;
}

function summaryLines(incident: Incident, palette: Palette): string[] {
  return (['ops', 'security', 'business'] as const).map((audience) =>
    detail(palette, audience, summaryText(incident.summary[audience])),
  );
}

function summaryText(text: string): string {
  return safeText(text, SUMMARY_MAX);
}

function describeChanges(previous: Incident, incident: Incident): string {
  const changes: string[] = [];
  if (previous.severity !== incident.severity) changes.push(`severity ${previous.severity} -> ${incident.severity}`);
  if (previous.score !== incident.score) {
    changes.push(`score ${previous.score.toFixed(2)} -> ${incident.score.toFixed(2)}`);
  }
  if (culpritText(previous) !== culpritText(incident)) {
    changes.push(`culprit ${culpritText(previous)} -> ${culpritText(incident)}`);
  }
  if (previous.anomalies.length !== incident.anomalies.length) {
    changes.push(`spikes ${previous.anomalies.length} -> ${incident.anomalies.length}`);
  }
  const before = signalCount(previous);
  const after = signalCount(incident);
  if (before !== after) changes.push(`signals ${before} -> ${after}${newestSignal(incident)}`);
  if (previous.status !== incident.status) changes.push(`status ${previous.status} -> ${incident.status}`);
  return changes.length > 0 ? changes.join(', ') : 'details';
}

function newestSignal(incident: Incident): string {
  let newest: Incident['signals'][number] | undefined;
  for (const signal of incident.signals) {
    const time = signal.last_time ?? signal.time;
    if (newest === undefined || time > (newest.last_time ?? newest.time)) newest = signal;
  }
  return newest === undefined ? '' : ` (latest: ${newest.source} "${safeText(newest.rule, 120)}")`;
}

/** `45 s`, `3 min 5 s`, `2 h 4 min`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Figures for the periodic status line; the engine's are there when it runs in this process. */
export interface StatusFigures {
  open: readonly Incident[];
  openSpikes?: number;
  hosts?: number;
  processes?: number;
  signals?: number;
  samples?: number;
}

const FIGURE_NAMES: ReadonlyArray<readonly [Exclude<keyof StatusFigures, 'open'>, string]> = [
  ['openSpikes', 'open spikes'],
  ['hosts', 'hosts'],
  ['processes', 'processes'],
  ['signals', 'security signals'],
  ['samples', 'samples'],
];

export function formatStatus(figures: StatusFigures, palette: Palette, at: Date = new Date()): string {
  const correlated = figures.open.filter(isCorrelated);
  const bySeverity = (['critical', 'high', 'medium', 'low'] as const)
    .map((severity) => [severity, correlated.filter((incident) => incident.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => palette.severity(severity, `${count} ${severity}`));
  const parts = [
    `open correlated incidents ${correlated.length}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`,
    `other open incidents ${figures.open.length - correlated.length}`,
  ];
  for (const [key, name] of FIGURE_NAMES) {
    const value = figures[key];
    if (value !== undefined) parts.push(`${name} ${value}`);
  }
  return line(palette, 'status', parts.join(' · '), at);
}
