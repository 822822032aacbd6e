import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { LockstepQuery, LockstepVariableQuery } from '../../plugins/lockstep-app/src/common/query';
import { LOCKSTEP } from './datasources';

/** A panel target or annotation target in the Lockstep data source's own query model, checked by the compiler. */
export type LockstepTarget = LockstepQuery & Dataquery;

/**
 * Wraps a `LockstepQuery` as a foundation-SDK query builder, so panels and annotations take it like any SDK
 * query. The SDK marks queries with a method, which JSON.stringify leaves out of the dashboard.
 */
export function lockstep(query: LockstepQuery): Builder<LockstepTarget> {
  return {
    build: () => ({ datasource: LOCKSTEP, ...query, _implementsDataqueryVariant: () => {} }),
  };
}

/** Which entity names a template variable lists (`LockstepVariableQuery.kind`). */
export type EntityKind = LockstepVariableQuery['kind'];
