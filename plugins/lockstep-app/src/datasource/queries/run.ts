import type { DataFrame } from '@grafana/data';
import type { LockstepQuery, QueryType } from '../../common/query';
import { annotationsQuery } from './annotations';
import type { QueryContext } from './context';
import { kpisQuery } from './kpis';
import { anomaliesQuery, assetsQuery, changesQuery, incidentsQuery, signalsQuery } from './lists';
import { processesQuery } from './processes';
import { timelineQuery } from './timeline';

const RUNNERS: Readonly<Record<QueryType, (ctx: QueryContext, query: LockstepQuery) => Promise<DataFrame[]>>> = {
  incidents: incidentsQuery,
  anomalies: anomaliesQuery,
  signals: signalsQuery,
  timeline: timelineQuery,
  processes: processesQuery,
  kpis: kpisQuery,
  changes: changesQuery,
  assets: assetsQuery,
};

/** The frames of one query (target); throws an Error with a sentence when it cannot be answered. */
export function runQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  if (query.format === 'annotations') {
    return annotationsQuery(ctx, query);
  }
  const run = RUNNERS[query.queryType ?? 'incidents'];
  if (run === undefined) {
    return Promise.reject(new Error(`Unknown query type "${String(query.queryType)}": pick one in the query editor.`));
  }
  return run(ctx, query);
}
