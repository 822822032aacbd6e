import type { DataLink } from '@grafana/data';
import { EXPLORER_LINK_TEMPLATE } from '../../common/links';
import type { LockstepQuery } from '../../common/query';

/**
 * Data links of the incident id field. Both are templates Grafana fills in with the clicked id: the explorer
 * link percent-encodes it into a fixed app path, and the Explore link puts it into a query object, never into a
 * URL, so no value from the data can become a link of its own (`javascript:` or otherwise).
 *
 * Explore opens this data source's timeline of the incident rather than a Prometheus CPU query: the bundled
 * Prometheus scrapes the correlator only, and hosts' CPU series are named differently in every setup, while the
 * timeline is the same spike, from the same source, with its markers.
 */
export function incidentLinks(datasource: { uid: string; name: string }): DataLink[] {
  const timeline: LockstepQuery = {
    refId: 'A',
    queryType: 'timeline',
    metric: 'cpu',
    incidentId: '${__value.raw}',
  };
  return [
    { title: 'Open in the Lockstep incident explorer', url: EXPLORER_LINK_TEMPLATE },
    {
      title: 'Explore the spike (entity timeline)',
      url: '',
      internal: { datasourceUid: datasource.uid, datasourceName: datasource.name, query: timeline },
    },
  ];
}
