import React, { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { css } from '@emotion/css';
import type { DataSourceApi, GrafanaTheme2, TimeRange } from '@grafana/data';
import { Alert, LinkButton, LoadingPlaceholder, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import { readTimeline, type IncidentRecord } from '../../common/read-frames';
import type { LockstepQuery } from '../../common/query';
import { SeverityBadge } from '../../panel/components/SeverityBadge';
import { SpikeView } from '../../panel/components/SpikeView';
import { timeFormatter } from '../../panel/model/format';
import { DEFAULT_OPTIONS } from '../../panel/options';
import { exploreUrl } from '../../utils/explore';
import { useElementWidth } from '../../utils/useElementWidth';
import { AnomaliesTable, SignalsTable } from './Evidence';
import { incidentAnomalies, incidentRange, timelineQuery } from './incidentWindow';
import { Notices } from './Notices';
import { EXPLORER_TEST_IDS } from './testIds';
import { useFrames } from './useFrames';

interface Props {
  ds: DataSourceApi<LockstepQuery>;
  incidentId: string;
  /** The incident as the list read it, when it is in the list. */
  listed?: IncidentRecord;
  /** Range to look in when the incident is not in the list (a link from elsewhere). */
  fallbackRange: TimeRange;
  /** The page's search string with no incident open. */
  backSearch: string;
  now: number;
}

const CHART_HEIGHT_PX = 360;
const METRICS = [
  { value: 'cpu' as const, label: 'CPU' },
  { value: 'latency' as const, label: 'Latency' },
];

/** One incident: the spike with its culprit (the panel's own components) and the evidence behind it. */
export function IncidentDetail({ ds, incidentId, listed, fallbackRange, backSearch, now }: Props) {
  const styles = useStyles2(getStyles);
  const [metric, setMetric] = useState<'cpu' | 'latency'>('cpu');
  // Found in the timeline's answer when the list did not hold it: from then on the query names its entity.
  const [found, setFound] = useState<IncidentRecord | undefined>(undefined);
  const known = listed ?? found;
  const range = useMemo(() => (known ? incidentRange(known, now) : fallbackRange), [known, now, fallbackRange]);
  const state = useFrames(ds, [timelineQuery(incidentId, known, metric)], range);
  const [chartRef, chartWidth] = useElementWidth<HTMLDivElement>();
  const formatTime = useMemo(() => timeFormatter('browser'), []);

  const read = state.status === 'done' ? readTimeline(state.frames) : undefined;
  const timeline = read?.ok ? read.value : undefined;
  const fromTimeline = timeline?.incidents.find((i) => i.id === incidentId);
  const incident = fromTimeline ?? known;

  if (!listed && fromTimeline && !found) {
    // Adjusting state while rendering (React's pattern for state derived from a new answer): the next render
    // queries with the incident's entity and window.
    setFound(fromTimeline);
  }

  const back = (
    <Link to={{ search: backSearch }} className={styles.back}>
      ← All incidents
    </Link>
  );

  if (state.status === 'error' || (read && !read.ok)) {
    const message = state.status === 'error' ? state.message : read && !read.ok ? read.error : '';
    return (
      <div data-testid={EXPLORER_TEST_IDS.detail}>
        {back}
        <Alert severity="error" title="The incident could not be loaded" data-testid={EXPLORER_TEST_IDS.error}>
          {message}
        </Alert>
      </div>
    );
  }
  if (!incident) {
    return (
      <div data-testid={EXPLORER_TEST_IDS.detail}>
        {back}
        {state.status === 'loading' ? (
          <LoadingPlaceholder text="Loading the incident…" />
        ) : (
          <Alert severity="warning" title="Incident not found">
            No incident has the id “{incidentId}” in this time range: widen the time range of the list, or check the
            link.
          </Alert>
        )}
      </div>
    );
  }

  const entity = { host: incident.host, container: incident.container };
  const from = range.from.valueOf();
  const to = range.to.valueOf();
  const signalsLink = exploreUrl({ datasourceUid: ds.uid, query: { queryType: 'signals', ...entity }, from, to });
  const timelineLink = exploreUrl({
    datasourceUid: ds.uid,
    query: timelineQuery(incident.id, incident, metric),
    from,
    to,
  });

  return (
    <div className={styles.detail} data-testid={EXPLORER_TEST_IDS.detail}>
      {back}
      <header className={styles.header}>
        <h2 className={styles.title}>Incident {incident.id}</h2>
        <div className={styles.facts}>
          <SeverityBadge severity={incident.severity} />
          <span>score {incident.score.toFixed(2)}</span>
          <span>{incident.status}</span>
          <span className={styles.wrap}>
            {[incident.host, incident.container, incident.service].filter((x) => x !== undefined).join(' · ')}
          </span>
          <span>
            {formatTime(incident.start)} to {incident.end !== undefined ? formatTime(incident.end) : 'still open'}
          </span>
        </div>
        <div className={styles.actions}>
          <RadioButtonGroup options={METRICS} value={metric} onChange={setMetric} size="sm" />
          <LinkButton
            href={signalsLink}
            variant="secondary"
            size="sm"
            icon="compass"
            data-testid={EXPLORER_TEST_IDS.exploreLink}
          >
            Signals in Explore
          </LinkButton>
          <LinkButton
            href={timelineLink}
            variant="secondary"
            size="sm"
            icon="compass"
            data-testid={EXPLORER_TEST_IDS.exploreLink}
          >
            Timeline in Explore
          </LinkButton>
        </div>
      </header>
      {state.status === 'done' && <Notices frames={state.frames} />}
      <div ref={chartRef}>
        {timeline ? (
          <SpikeView
            timeline={timeline}
            width={chartWidth}
            height={CHART_HEIGHT_PX}
            range={{ from, to }}
            timeZone="browser"
            options={{ ...DEFAULT_OPTIONS, metric }}
            incidentId={incident.id}
          />
        ) : (
          <LoadingPlaceholder text="Loading the timeline…" />
        )}
      </div>
      <h3 className={styles.section}>Signals</h3>
      <SignalsTable signals={incident.signals} formatTime={formatTime} />
      <h3 className={styles.section}>Spikes</h3>
      <AnomaliesTable anomalies={incidentAnomalies(incident, timeline?.anomalies ?? [])} formatTime={formatTime} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // minmax(0, 1fr): a wide table scrolls in its own box instead of widening the page.
  detail: css({ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: theme.spacing(2) }),
  back: css({ color: theme.colors.text.link, width: 'fit-content' }),
  header: css({ display: 'grid', gap: theme.spacing(1) }),
  title: css({ margin: 0, overflowWrap: 'anywhere' }),
  facts: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    color: theme.colors.text.secondary,
  }),
  wrap: css({ overflowWrap: 'anywhere' }),
  actions: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), alignItems: 'center' }),
  section: css({ margin: 0 }),
});
