import React, { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { css } from '@emotion/css';
import type { DataSourceApi, GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { readIncidents } from '../../common/read-frames';
import { INCIDENT_PARAM } from '../../common/links';
import type { LockstepQuery } from '../../common/query';
import { timeFormatter } from '../../panel/model/format';
import {
  atLeastSeverity,
  filtersFromParams,
  filtersToParams,
  incidentsQuery,
  rangeOf,
  withIncident,
  type ExplorerFilters,
} from './filters';
import { IncidentDetail } from './IncidentDetail';
import { IncidentFilters } from './IncidentFilters';
import { IncidentList } from './IncidentList';
import { Notices } from './Notices';
import { EXPLORER_TEST_IDS } from './testIds';
import { useFrames } from './useFrames';

interface Props {
  ds: DataSourceApi<LockstepQuery>;
  /** Injectable clock, for tests. */
  getNow?: () => number;
}

/**
 * The incident explorer: filters (kept in the URL) → the list from the data source's `incidents` query → one
 * incident's detail when the URL names it (`?incident=<id>`, as the data source's data links do).
 */
export function IncidentExplorer({ ds, getNow = Date.now }: Props) {
  const styles = useStyles2(getStyles);
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const incidentId = params.get(INCIDENT_PARAM) ?? undefined;
  // "now" moves on filter changes and on Refresh, not on every render.
  const [now, setNow] = useState(getNow);
  const range = useMemo(() => rangeOf(filters.range, now), [filters.range, now]);
  const state = useFrames(ds, [incidentsQuery(filters)], range);
  const formatTime = useMemo(() => timeFormatter('browser'), []);

  const onFilters = (next: ExplorerFilters): void => {
    setNow(getNow());
    setParams(filtersToParams(next, params));
  };

  const read = state.status === 'done' ? readIncidents(state.frames) : undefined;
  const incidents = read?.ok ? read.value.filter((i) => atLeastSeverity(i, filters.severity)) : [];
  const error = state.status === 'error' ? state.message : read && !read.ok ? read.error : undefined;

  if (incidentId !== undefined) {
    return (
      <div className={styles.page} data-testid={EXPLORER_TEST_IDS.page}>
        {state.status === 'loading' ? (
          // The list tells the detail the incident's entity and window; without it the detail asks by id alone.
          <LoadingPlaceholder text="Loading the incident…" />
        ) : (
          <IncidentDetail
            key={incidentId}
            ds={ds}
            incidentId={incidentId}
            listed={incidents.find((i) => i.id === incidentId)}
            fallbackRange={range}
            backSearch={`?${withIncident(params, undefined).toString()}`}
            now={now}
          />
        )}
      </div>
    );
  }

  return (
    <div className={styles.page} data-testid={EXPLORER_TEST_IDS.page}>
      <IncidentFilters filters={filters} onChange={onFilters} onRefresh={() => setNow(getNow())} />
      {error !== undefined ? (
        <Alert severity="error" title="The incidents could not be loaded" data-testid={EXPLORER_TEST_IDS.error}>
          {error}
        </Alert>
      ) : state.status === 'loading' ? (
        <LoadingPlaceholder text="Loading incidents…" />
      ) : (
        <>
          <Notices frames={state.status === 'done' ? state.frames : []} />
          <IncidentList
            incidents={incidents}
            formatTime={formatTime}
            searchFor={(id) => `?${withIncident(params, id).toString()}`}
          />
        </>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: theme.spacing(2) }),
});
