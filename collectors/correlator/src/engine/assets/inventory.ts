import type { Asset, AssetStatus } from '@lockstep/contract';
import { toIso } from '../../model/time';
import { duration } from '../text';

/** Who saw an entity, as the store keeps it: one row per (host, container, service, kind) with first and last seen. */
export interface Sighting {
  /** '' when absent (a change that named only a service). */
  host: string;
  container: string;
  service: string;
  kind: 'metrics' | 'signals' | 'changes';
  first: number;
  last: number;
}

export interface InventoryOptions {
  /** Metrics this long older than the asset's last security signal: operations lost sight of it. */
  metricsSilentMs: number;
  /** Security telemetry this long older than its last metrics: security lost sight of it. */
  signalsSilentMs: number;
}

export const DEFAULT_INVENTORY_OPTIONS: Readonly<InventoryOptions> = Object.freeze({
  // Metrics arrive every 10-60 s: a quarter of an hour without them while security still hears the host is an outage
  // of the monitoring, not a pause.
  metricsSilentMs: 15 * 60_000,
  // Security tools speak when something happens: a day without a single signal from a host whose metrics flow means
  // its agent or its log shipping stopped.
  signalsSilentMs: 24 * 60 * 60_000,
});

interface Span {
  first: number;
  last: number;
}
type Seen = Partial<Record<Sighting['kind'], Span>>;

interface Entry {
  kind: Asset['kind'];
  name: string;
  seen: Seen;
  hosts: Set<string>;
}

/**
 * The asset inventory: every host, container and service in the sightings, with first and last seen per kind of
 * telemetry and the managed verdict. Operations' side is metrics, security's side is signals; changes name assets
 * but see nothing. A container or service is seen by a side when it, or the host it runs on, is: Falco on a node
 * covers its containers, the node's CPU metrics cover what runs on it.
 */
export function buildInventory(
  sightings: readonly Sighting[],
  findings: ReadonlyMap<string, number>,
  options: InventoryOptions = DEFAULT_INVENTORY_OPTIONS,
): Asset[] {
  const entries = new Map<string, Entry>();
  const add = (kind: Asset['kind'], name: string, row: Sighting): void => {
    const key = `${kind}\u0000${name}`;
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = { kind, name, seen: {}, hosts: new Set() };
      entries.set(key, entry);
    }
    widen(entry.seen, row.kind, row);
    if (row.host !== '') entry.hosts.add(row.host);
  };
  for (const row of sightings) {
    if (row.host !== '') add('host', row.host, row);
    if (row.container !== '') add('container', row.container.slice(0, 12), row);
    if (row.service !== '') add('service', row.service, row);
  }
  const hostSeen = (host: string): Seen => entries.get(`host\u0000${host}`)?.seen ?? {};
  const assets: Asset[] = [];
  for (const entry of entries.values()) {
    const inherited: Seen = {};
    if (entry.kind !== 'host') {
      for (const host of entry.hosts) {
        const seen = hostSeen(host);
        for (const kind of ['metrics', 'signals'] as const) {
          const span = seen[kind];
          if (span !== undefined) widen(inherited, kind, span);
        }
      }
    }
    assets.push(assetOf(entry, inherited, findings, options));
  }
  return assets.sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

const KIND_ORDER: Readonly<Record<Asset['kind'], number>> = { host: 0, container: 1, service: 2 };

function widen(seen: Seen, kind: Sighting['kind'], span: Span): void {
  const current = seen[kind];
  seen[kind] =
    current === undefined
      ? { first: span.first, last: span.last }
      : { first: Math.min(current.first, span.first), last: Math.max(current.last, span.last) };
}

function assetOf(
  entry: Entry,
  inherited: Seen,
  findings: ReadonlyMap<string, number>,
  options: InventoryOptions,
): Asset {
  const metrics = entry.seen.metrics ?? inherited.metrics;
  const signals = entry.seen.signals ?? inherited.signals;
  const via = (kind: 'metrics' | 'signals'): string =>
    entry.seen[kind] === undefined && inherited[kind] !== undefined ? ' through its host' : '';
  let status: AssetStatus;
  let reason: string;
  if (metrics !== undefined && signals !== undefined) {
    if (signals.last - metrics.last > options.metricsSilentMs) {
      status = 'metrics-silent';
      reason = `Its metrics stopped ${duration(signals.last - metrics.last)} before its last security signal: operations lost sight of it.`;
    } else if (metrics.last - signals.last > options.signalsSilentMs) {
      status = 'signals-silent';
      reason = `Its security telemetry stopped ${duration(metrics.last - signals.last)} before its last metrics: security lost sight of it.`;
    } else {
      status = 'managed';
      reason = `Seen by operations (metrics${via('metrics')}) and by security (signals${via('signals')}).`;
    }
  } else if (metrics !== undefined) {
    status = 'metrics-only';
    reason = 'Only operations sees it: metrics, but no security telemetry covers it.';
  } else if (signals !== undefined) {
    status = 'signals-only';
    reason =
      'Only security sees it: security signals, but no metrics (an unmonitored machine, or one that should be gone).';
  } else {
    status = 'changes-only';
    reason = 'Only change events name it: neither operations nor security sees it.';
  }
  const asset: Asset = {
    kind: entry.kind,
    name: entry.name,
    seen: {},
    managed: status === 'managed',
    status,
    reason,
    findings: findings.get(`${entry.kind}\u0000${entry.name}`) ?? 0,
  };
  const firstHost = [...entry.hosts].sort()[0];
  if (entry.kind !== 'host' && firstHost !== undefined) asset.host = firstHost;
  for (const kind of ['metrics', 'signals', 'changes'] as const) {
    const span = entry.seen[kind];
    if (span !== undefined) asset.seen[kind] = { first: toIso(span.first), last: toIso(span.last) };
  }
  return asset;
}

/** The unmanaged share of an inventory, in percent (null for an empty one). */
export function unmanagedShare(assets: readonly Asset[]): { total: number; unmanaged: number; percent: number | null } {
  const unmanaged = assets.filter((a) => !a.managed).length;
  return {
    total: assets.length,
    unmanaged,
    percent: assets.length === 0 ? null : Math.round((unmanaged / assets.length) * 1000) / 10,
  };
}
