import type { Entity, MetricKind } from '@lockstep/contract';
import { normalizeContainerId, sameContainer } from '../model/container';
import type { Series, SeriesSpec } from './series';

/** Which series a timeline shows: the host's CPU, a container's CPU, or a service's latency on a host. */
export interface TimelineQuery {
  host: string;
  metric: MetricKind;
  container?: string;
  service?: string;
}

/** A series' values in a time range, read from the engine's bounded in-memory window. */
export interface TimelinePoints {
  entity: Entity;
  metric: MetricKind;
  unit: SeriesSpec['unit'];
  /** Oldest first; `time` is epoch ms (data time). */
  points: { time: number; value: number }[];
}

/**
 * The series a query names, or undefined when the engine holds none (never seen, or unknown spelling).
 * Keys are built in `Engine.applySample`; a container may be named by its short (12 hex) or full id, and
 * CPU by service alone when exactly one container on the host carries that service.
 */
export function findSeries(all: ReadonlyMap<string, Series>, query: TimelineQuery): Series | undefined {
  if (query.metric === 'latency') {
    if (query.service === undefined) return undefined;
    const s = all.get(`latency|${query.host}|${query.service}`);
    if (s && query.container !== undefined && !containerMatches(s.spec, query.container)) return undefined;
    return s;
  }
  if (query.container === undefined && query.service === undefined) return all.get(`cpu|${query.host}`);
  const exact = query.container === undefined ? undefined : all.get(`cpu|${query.host}|${query.container}`);
  if (exact && serviceMatches(exact.spec, query.service)) return exact;
  const candidates: Series[] = [];
  for (const s of all.values()) {
    if (s.spec.kind !== 'container-cpu' || s.spec.host !== query.host) continue;
    if (query.container !== undefined && !containerMatches(s.spec, query.container)) continue;
    if (serviceMatches(s.spec, query.service)) candidates.push(s);
  }
  // Two containers for one service (replicas) are two series: the caller must say which.
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Points with time in [from, to). */
export function timelinePoints(series: Series, from: number, to: number): TimelinePoints {
  const points = series.history
    .between(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)
    .filter(([time]) => time >= from && time < to)
    .map(([time, value]) => ({ time, value }));
  return { entity: { ...series.spec.entity }, metric: series.spec.metric, unit: series.spec.unit, points };
}

function containerMatches(spec: SeriesSpec, container: string): boolean {
  const wanted = normalizeContainerId(container) ?? container;
  const have = spec.entity['container.id'];
  return have !== undefined && (have === container || sameContainer(normalizeContainerId(have), wanted));
}

function serviceMatches(spec: SeriesSpec, service: string | undefined): boolean {
  return service === undefined || spec.entity['service.name'] === service;
}
