import type { DataLink, ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import type { LockstepClient, Params } from '../api/client';
import type { Entity } from '../variables/filters';

/** What every query runner needs; built once per request by the data source. */
export interface QueryContext {
  client: LockstepClient;
  /** The request's time range, epoch ms. */
  range: { from: number; to: number };
  scopedVars: ScopedVars;
  templateSrv: TemplateSrv;
  /** Data links of the incident id field (explorer page, Explore). */
  incidentLinks: DataLink[];
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** A row cap the API takes: a whole number from 1 to 1000, 100 when unset or unreadable. */
export function rowLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) {
    return DEFAULT_LIMIT;
  }
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** The time range and an entity as query parameters, in the order the API documents them. */
export function scope(ctx: QueryContext, entity: Entity = {}): Params {
  return {
    from: ctx.range.from,
    to: ctx.range.to,
    host: entity.host,
    container: entity.container,
    service: entity.service,
  };
}

/** A text field with template variables replaced; undefined when empty. */
export function interpolated(ctx: QueryContext, text: string | undefined): string | undefined {
  const value = ctx.templateSrv.replace(text ?? '', ctx.scopedVars).trim();
  return value === '' ? undefined : value;
}
