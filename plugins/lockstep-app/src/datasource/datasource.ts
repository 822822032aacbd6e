import {
  DataSourceApi,
  type CoreApp,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
  type TimeRange,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { DEFAULT_QUERY, PROXY_ROUTE, type LockstepDataSourceOptions, type LockstepQuery } from '../common/query';
import { annotationSupport } from './annotations';
import { LockstepClient } from './api/client';
import { LockstepError } from './api/errors';
import { incidentLinks } from './frames/links';
import { checkHealth } from './health';
import type { QueryContext } from './queries/context';
import { runQuery } from './queries/run';
import { entityNames } from './variables/entities';
import { ENTITY_KEYS } from './variables/filters';
import { LockstepVariableSupport } from './variables/support';

/** Errors of the client carry the HTTP status; the runners' own are sentences about the query. */
function queryError(refId: string, error: unknown): DataQueryError {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof LockstepError ? { refId, message, status: error.status } : { refId, message };
}

/**
 * The Lockstep correlation data source: frontend only, every request through the data-proxy route `lockstep`
 * (plugin.json), which adds the correlator's URL and its bearer token on the server. Query types, frames and
 * behaviour with template variables are described in src/common/query.ts and src/common/frames.ts.
 */
export class DataSource extends DataSourceApi<LockstepQuery, LockstepDataSourceOptions> {
  readonly client: LockstepClient;
  private readonly url: string | undefined;

  constructor(instanceSettings: DataSourceInstanceSettings<LockstepDataSourceOptions>) {
    super(instanceSettings);
    this.url = instanceSettings.jsonData.url?.trim() || undefined;
    this.client = new LockstepClient(`${instanceSettings.url ?? ''}/${PROXY_ROUTE}`, this.url ?? 'the correlator');
    this.annotations = annotationSupport;
    this.variables = new LockstepVariableSupport(this);
  }

  getDefaultQuery(_app: CoreApp): Partial<LockstepQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: LockstepQuery): boolean {
    return !query.hide;
  }

  /** Each target answers on its own: one that fails reports its error and the others still show. */
  async query(request: DataQueryRequest<LockstepQuery>): Promise<DataQueryResponse> {
    const ctx = this.context(request.range, request.scopedVars);
    const answers = await Promise.all(
      request.targets
        .filter((target) => this.filterQuery(target))
        .map(async (target) => {
          try {
            const frames = await runQuery(ctx, target);
            return { frames: frames.map((frame) => ({ ...frame, refId: target.refId })) };
          } catch (error) {
            return { error: queryError(target.refId, error) };
          }
        })
    );
    const errors = answers.flatMap((a) => (a.error ? [a.error] : []));
    return { data: answers.flatMap((a) => a.frames ?? []), errors: errors.length > 0 ? errors : undefined };
  }

  testDatasource(): Promise<TestDataSourceResponse> {
    return checkHealth(this.client, this.url);
  }

  /** Names for template variables (also used by `metricFindQuery`): see LockstepVariableQuery. */
  entityNames(saved: unknown, range?: { from: number; to: number }, scopedVars?: ScopedVars): Promise<string[]> {
    return entityNames(saved, { client: this.client, templateSrv: getTemplateSrv(), range, scopedVars });
  }

  async metricFindQuery(
    query: unknown,
    options?: { range?: TimeRange; scopedVars?: ScopedVars }
  ): Promise<MetricFindValue[]> {
    const range = options?.range && { from: options.range.from.valueOf(), to: options.range.to.valueOf() };
    const names = await this.entityNames(query, range, options?.scopedVars);
    return names.map((name) => ({ text: name, value: name }));
  }

  /** Variables replaced in the text fields, for Explore and for queries copied out of a dashboard. */
  interpolateVariablesInQueries(queries: LockstepQuery[], scopedVars: ScopedVars): LockstepQuery[] {
    const templateSrv = getTemplateSrv();
    return queries.map((query) => {
      const out: LockstepQuery = { ...query };
      for (const key of [...ENTITY_KEYS, 'incidentId', 'step'] as const) {
        const value = query[key];
        if (value !== undefined) {
          out[key] = templateSrv.replace(value, scopedVars);
        }
      }
      return out;
    });
  }

  private context(range: TimeRange, scopedVars: ScopedVars): QueryContext {
    return {
      client: this.client,
      range: { from: range.from.valueOf(), to: range.to.valueOf() },
      scopedVars,
      templateSrv: getTemplateSrv(),
      incidentLinks: incidentLinks({ uid: this.uid, name: this.name }),
    };
  }
}
