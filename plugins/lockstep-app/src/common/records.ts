/**
 * Typed records for what the data source's frames carry (see frames.ts), narrowed from `unknown`: the values
 * inside `FieldType.other` fields are the correlator's JSON objects (dotted OpenTelemetry keys), and every string
 * in them comes from the monitored hosts. Narrowing never throws; a value of the wrong type reads as absent.
 * Times are epoch milliseconds.
 */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** Lowest first, so `SEVERITY_RANK[a] >= SEVERITY_RANK[b]` reads "a is at least b". */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export interface ProcessInfo {
  pid?: number;
  parentPid?: number;
  name?: string;
  path?: string;
  commandLine?: string;
  owner?: string;
  creationTime?: number;
  containerId?: string;
  /** Names of the ancestors, nearest first. */
  parentChain?: string[];
  /** A culprit that stands for several instances of one executable and lineage: how many (absent for one). */
  instances?: number;
}

export interface SignalRecord {
  time: number;
  /** Time of the last folded repeat, when repeats were folded. */
  timeEnd?: number;
  source: string;
  rule: string;
  severity: Severity;
  output?: string;
  count?: number;
  match?: string;
  process?: ProcessInfo;
  host?: string;
  container?: string;
  /** The account the signal is about (`user.name`), as the tool wrote it. */
  user?: string;
  /** The other end that reached the host, and the one the host reached (an IP address or a host name). */
  sourceAddress?: string;
  sourcePort?: number;
  destinationAddress?: string;
  destinationPort?: number;
  outcome?: 'success' | 'failure';
}

export interface Contributor {
  /** The process, or for a group of instances its representative. */
  process: ProcessInfo;
  /** Share of the rise, 0..1. */
  share: number;
  /** How many instances of one executable and lineage the entry stands for, when more than one. */
  instances?: number;
}

export interface Summary {
  ops: string;
  security: string;
  business: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Epoch ms from a number or an ISO-8601 string (the API's nested objects carry ISO strings). */
export function asTime(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value === 'string' && value !== '') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (value instanceof Date) {
    return asNumber(value.getTime());
  }
  return undefined;
}

/** A whole number of instances above one; anything else reads as absent (a single process). */
export function asCount(value: unknown): number | undefined {
  const n = asNumber(value);
  return n !== undefined && Number.isInteger(n) && n > 1 ? n : undefined;
}

export function asSeverity(value: unknown): Severity {
  return typeof value === 'string' && value in SEVERITY_RANK ? (value as Severity) : 'info';
}

/** `FieldType.other` values are objects; a data source that serialized them to JSON text is read as well. */
export function asJson(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function toProcess(value: unknown): ProcessInfo | undefined {
  const o = asJson(value);
  if (!isRecord(o)) {
    return undefined;
  }
  const chain = o['process.parent_chain'];
  const process: ProcessInfo = {
    pid: asNumber(o['process.pid']),
    parentPid: asNumber(o['process.parent_pid']),
    name: asString(o['process.executable.name']),
    path: asString(o['process.executable.path']),
    commandLine: asString(o['process.command_line']),
    owner: asString(o['process.owner']),
    creationTime: asTime(o['process.creation.time']),
    containerId: asString(o['container.id']),
    parentChain: Array.isArray(chain) ? chain.filter((c): c is string => typeof c === 'string') : undefined,
    instances: asCount(o.instances),
  };
  return Object.values(process).some((v) => v !== undefined) ? process : undefined;
}

/** A culprit always has a pid and a name (contract `CulpritSchema`); anything less is no culprit. */
export function toCulprit(value: unknown): ProcessInfo | null {
  const process = toProcess(value);
  return process && process.pid !== undefined && process.name !== undefined ? process : null;
}

export function toSignal(value: unknown): SignalRecord | undefined {
  const o = asJson(value);
  if (!isRecord(o)) {
    return undefined;
  }
  const time = asTime(o.time);
  if (time === undefined) {
    return undefined;
  }
  const entity = isRecord(o.entity) ? o.entity : {};
  return {
    time,
    timeEnd: asTime(o.last_time),
    source: asString(o.source) ?? 'unknown',
    rule: asString(o.rule) ?? '',
    severity: asSeverity(o.severity),
    output: asString(o.output),
    count: asNumber(o.count),
    match: asString(o.match),
    process: toProcess(o.process),
    host: asString(entity['host.name']),
    container: asString(entity['container.id']),
    ...toSearchFields({
      user: o['user.name'],
      sourceAddress: o['source.address'],
      sourcePort: o['source.port'],
      destinationAddress: o['destination.address'],
      destinationPort: o['destination.port'],
      outcome: o['event.outcome'],
    }),
  };
}

type SearchFields = Pick<
  SignalRecord,
  'user' | 'sourceAddress' | 'sourcePort' | 'destinationAddress' | 'destinationPort' | 'outcome'
>;

/** The fields people search a signal by, narrowed (an API object's dotted keys, or a signals frame's columns). */
export function toSearchFields(raw: Record<keyof SearchFields, unknown>): SearchFields {
  const out: SearchFields = {};
  const user = asString(raw.user);
  if (user !== undefined) {
    out.user = user;
  }
  const sourceAddress = asString(raw.sourceAddress);
  if (sourceAddress !== undefined) {
    out.sourceAddress = sourceAddress;
  }
  const sourcePort = asNumber(raw.sourcePort);
  if (sourcePort !== undefined) {
    out.sourcePort = sourcePort;
  }
  const destinationAddress = asString(raw.destinationAddress);
  if (destinationAddress !== undefined) {
    out.destinationAddress = destinationAddress;
  }
  const destinationPort = asNumber(raw.destinationPort);
  if (destinationPort !== undefined) {
    out.destinationPort = destinationPort;
  }
  if (raw.outcome === 'success' || raw.outcome === 'failure') {
    out.outcome = raw.outcome;
  }
  return out;
}

/** `203.0.113.9:4242`, `[2001:db8::7]:22`, or the address alone; undefined without an address. */
export function endpointText(address: string | undefined, port: number | undefined): string | undefined {
  if (address === undefined) {
    return undefined;
  }
  if (port === undefined) {
    return address;
  }
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function toContributor(value: unknown): Contributor | undefined {
  const o = asJson(value);
  if (!isRecord(o)) {
    return undefined;
  }
  const process = toProcess(o.process);
  const share = asNumber(o.share);
  if (!process || share === undefined) {
    return undefined;
  }
  const instances = asCount(o.instances);
  return instances === undefined ? { process, share } : { process, share, instances };
}

export function toSummary(ops: unknown, security: unknown, business: unknown): Summary {
  return { ops: asString(ops) ?? '', security: asString(security) ?? '', business: asString(business) ?? '' };
}

/** Maps a list with a narrowing function, dropping what does not narrow. */
export function listOf<T>(value: unknown, narrow: (item: unknown) => T | undefined): T[] {
  const list = asJson(value);
  if (!Array.isArray(list)) {
    return [];
  }
  const out: T[] = [];
  for (const item of list) {
    const narrowed = narrow(item);
    if (narrowed !== undefined) {
      out.push(narrowed);
    }
  }
  return out;
}

/** A change on the entity shortly before the spike (a deploy, a package upgrade, a firewall edit), closest first. */
export interface ChangeInfo {
  time: number;
  kind: string;
  summary: string;
  source: string;
  actor?: string;
  id?: string;
}

/** What the service catalogue says the incident's entity means to the business. */
export interface BusinessInfo {
  service: string;
  name: string;
  tier?: number;
  owner?: string;
  dataClasses?: string[];
  costPerHour?: number;
  estimatedCost?: number;
}

export function toChange(value: unknown): ChangeInfo | undefined {
  const o = asJson(value);
  if (!isRecord(o)) {
    return undefined;
  }
  const time = asTime(o.time);
  const kind = asString(o.kind);
  if (time === undefined || kind === undefined) {
    return undefined;
  }
  return {
    time,
    kind,
    summary: asString(o.summary) ?? '',
    source: asString(o.source) ?? 'unknown',
    actor: asString(o.actor),
    id: asString(o.id),
  };
}

export function toBusiness(value: unknown): BusinessInfo | undefined {
  const o = asJson(value);
  if (!isRecord(o)) {
    return undefined;
  }
  const name = asString(o.name);
  const service = asString(o.service);
  if (name === undefined || service === undefined) {
    return undefined;
  }
  const classes = Array.isArray(o.data_classes)
    ? o.data_classes.filter((c): c is string => typeof c === 'string' && c !== '')
    : [];
  return {
    service,
    name,
    tier: asNumber(o.tier),
    owner: asString(o.owner),
    dataClasses: classes.length > 0 ? classes : undefined,
    costPerHour: asNumber(o.cost_per_hour),
    estimatedCost: asNumber(o.estimated_cost),
  };
}
