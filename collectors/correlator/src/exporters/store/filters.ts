import type { ChangeQuery, FindingQuery } from './change-store';
import type { AnomalyQuery, IncidentQuery, SignalQuery } from './store';
import type { Where } from './where';

/*
 * The filters of each list, in the SQL both stores speak: SQLite (readPage) and PostgreSQL (readPagePg) apply the
 * same conditions to the same columns, so the two cannot drift.
 */

export function incidentFilters(query: IncidentQuery): (where: Where) => Where {
  return (where) => {
    where.range(query, 'start_ms').entity(query);
    if (query.status !== undefined) where.add('status = @status', { status: query.status });
    if (query.severity !== undefined) where.add('severity = @severity', { severity: query.severity });
    if (query.minScore !== undefined) where.add('score >= @minScore', { minScore: query.minScore });
    return where;
  };
}

export function anomalyFilters(query: AnomalyQuery): (where: Where) => Where {
  return (where) => {
    where.range(query, 'start_ms').entity(query);
    if (query.metric !== undefined) where.add('metric = @metric', { metric: query.metric });
    return where;
  };
}

export function signalFilters(query: SignalQuery): (where: Where) => Where {
  return (where) => {
    where.range(query, 'time_ms').entity(query);
    if (query.source !== undefined) where.add('source = @source', { source: query.source });
    if (query.user !== undefined) where.add('user_name = @user', { user: query.user });
    if (query.sourceAddress !== undefined) {
      where.add('source_address = @sourceAddress', { sourceAddress: query.sourceAddress });
    }
    if (query.destinationAddress !== undefined) {
      where.add('destination_address = @destinationAddress', { destinationAddress: query.destinationAddress });
    }
    return where;
  };
}

export function changeFilters(query: ChangeQuery): (where: Where) => Where {
  return (where) => {
    where.range(query, 'time_ms').entity(query);
    if (query.kind !== undefined) where.add('kind = @kind', { kind: query.kind });
    if (query.source !== undefined) where.add('source = @source', { source: query.source });
    return where;
  };
}

export function findingFilters(query: FindingQuery): (where: Where) => Where {
  return (where) => {
    where.range(query, 'start_ms').entity(query);
    if (query.status !== undefined) where.add('status = @status', { status: query.status });
    return where;
  };
}
