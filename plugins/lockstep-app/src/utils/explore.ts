import { textUtil, urlUtil } from '@grafana/data';
import { config } from '@grafana/runtime';
import type { LockstepQuery } from '../common/query';
import { DATASOURCE_TYPE } from '../constants';

export interface ExploreTarget {
  datasourceUid: string;
  query: Omit<LockstepQuery, 'refId'>;
  from: number;
  to: number;
}

/**
 * A link to Explore with one Lockstep query over a time range (Grafana's `panes` URL, schema 1). Filter values
 * come from the data (host names...): they travel inside the JSON query parameter, percent-encoded, and the whole
 * URL goes through `sanitizeUrl`.
 */
export function exploreUrl({ datasourceUid, query, from, to }: ExploreTarget): string {
  const datasource = { type: DATASOURCE_TYPE, uid: datasourceUid };
  const panes = {
    lockstep: {
      datasource: datasourceUid,
      queries: [{ ...query, refId: 'A', datasource }],
      range: { from: String(Math.round(from)), to: String(Math.round(to)) },
    },
  };
  const path = urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: JSON.stringify(panes) });
  return textUtil.sanitizeUrl(`${config.appSubUrl ?? ''}${path}`);
}
