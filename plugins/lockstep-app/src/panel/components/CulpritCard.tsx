import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { AnomalyRecord, IncidentRecord } from '../../common/read-frames';
import type { ProcessInfo, SignalRecord } from '../../common/records';
import { formatShare, metricLabel, type FormatTime } from '../model/format';
import { culpritShares, orderedSignals } from '../model/incident';
import { SPIKE_TEST_IDS } from '../testIds';
import { BusinessTerms, ChangeList } from './ChangesAndBusiness';
import { SeverityBadge } from './SeverityBadge';
import { SignalList } from './SignalList';
import { Summaries } from './Summaries';

export interface CulpritCardProps {
  incident?: IncidentRecord;
  anomalies: readonly AnomalyRecord[];
  formatTime: FormatTime;
  showCulprit?: boolean;
  showSummaries?: boolean;
  highlightKey?: string;
  onHighlight?: (signal: SignalRecord | undefined) => void;
  /** Shown in the header, e.g. a picker when the range holds several incidents. */
  headerExtra?: ReactNode;
}

function Detail({ term, testId, children }: { term: string; testId: string; children: ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.detail}>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function CulpritDetails({
  culprit,
  incident,
  anomalies,
  formatTime,
}: {
  culprit: ProcessInfo;
  incident: IncidentRecord;
  anomalies: readonly AnomalyRecord[];
  formatTime: FormatTime;
}) {
  const styles = useStyles2(getStyles);
  const shares = culpritShares(incident, anomalies);
  const unknown = <span className={styles.unknown}>unknown</span>;
  const container = culprit.containerId ?? incident.container;
  return (
    <dl className={styles.details}>
      <Detail term="User" testId={SPIKE_TEST_IDS.culpritOwner}>
        {culprit.owner ?? unknown}
      </Detail>
      <Detail term="Executable" testId={SPIKE_TEST_IDS.culpritPath}>
        {culprit.path !== undefined ? <code className={styles.code}>{culprit.path}</code> : unknown}
      </Detail>
      <Detail term="Command line" testId={SPIKE_TEST_IDS.culpritCommandLine}>
        {culprit.commandLine !== undefined ? <code className={styles.code}>{culprit.commandLine}</code> : unknown}
      </Detail>
      <Detail term="Parents" testId={SPIKE_TEST_IDS.culpritParents}>
        {culprit.parentChain && culprit.parentChain.length > 0 ? (
          <ol className={styles.chain} aria-label="Parent chain, nearest first">
            {culprit.parentChain.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ol>
        ) : culprit.parentPid === undefined ? (
          unknown
        ) : null}
        {culprit.parentPid !== undefined && <span className={styles.parentPid}>parent pid {culprit.parentPid}</span>}
      </Detail>
      <Detail term="Container" testId={SPIKE_TEST_IDS.culpritContainer}>
        {container !== undefined ? <code className={styles.code}>{container}</code> : 'none (on the host)'}
      </Detail>
      <Detail term="Started" testId={SPIKE_TEST_IDS.culpritStarted}>
        {culprit.creationTime !== undefined ? formatTime(culprit.creationTime) : unknown}
      </Detail>
      {culprit.instances !== undefined && (
        <Detail term="Instances" testId={SPIKE_TEST_IDS.culpritInstances}>
          {`${culprit.instances} instances of this executable and lineage (a process restarted with a new pid, or a pool); pid ${culprit.pid ?? '?'} is the one the evidence names`}
        </Detail>
      )}
      <Detail term="Share of the rise" testId={SPIKE_TEST_IDS.culpritShare}>
        {shares.length > 0
          ? shares
              .map((s) => `${formatShare(s.share)} of the ${metricLabel(s.metric)} rise`)
              .join('; ')
              .concat(incident.end === undefined ? ' so far' : '')
          : unknown}
      </Detail>
    </dl>
  );
}

/**
 * The process behind the spike, its evidence and the three summaries. Every string here comes from the
 * monitored hosts and is rendered as React text.
 */
export function CulpritCard(props: CulpritCardProps) {
  const { incident, formatTime, showCulprit = true, showSummaries = true } = props;
  const styles = useStyles2(getStyles);
  if (!incident) {
    // A spike no security evidence ties may still have a change that explains it: the latest spike's.
    const latest = [...props.anomalies].sort((a, b) => b.start - a.start)[0];
    const spikeChanges = latest?.changes ?? [];
    return (
      <section className={styles.card} aria-label="Culprit process" data-testid={SPIKE_TEST_IDS.card}>
        {props.headerExtra}
        <p className={styles.secondary} data-testid={SPIKE_TEST_IDS.noCulprit}>
          No incident in this range: spikes without security evidence are shaded on the chart and signals are marked,
          but nothing ties them together yet.
        </p>
        {spikeChanges.length > 0 && (
          <>
            <h4 className={styles.subheading}>Changes before the latest spike</h4>
            <ChangeList changes={spikeChanges} formatTime={formatTime} />
          </>
        )}
      </section>
    );
  }
  const culprit = incident.culprit;
  return (
    <section className={styles.card} aria-label="Culprit process" data-testid={SPIKE_TEST_IDS.card}>
      <header className={styles.header}>
        {showCulprit && culprit ? (
          <h3 className={styles.name}>
            <span data-testid={SPIKE_TEST_IDS.culpritName}>{culprit.name}</span>{' '}
            <span className={styles.pid}>
              pid <span data-testid={SPIKE_TEST_IDS.culpritPid}>{culprit.pid}</span>
            </span>
          </h3>
        ) : (
          <h3 className={styles.name}>Incident</h3>
        )}
        <span className={styles.incidentLine}>
          <SeverityBadge severity={incident.severity} />
          <span>score {incident.score.toFixed(2)}</span>
          <span>{incident.status}</span>
          {incident.host !== undefined && <span className={styles.host}>{incident.host}</span>}
        </span>
        {props.headerExtra}
      </header>
      {showSummaries && <Summaries summary={incident.summary} />}
      {incident.business !== undefined && (
        <BusinessTerms business={incident.business} open={incident.end === undefined} />
      )}
      {showCulprit &&
        (culprit ? (
          <CulpritDetails culprit={culprit} incident={incident} anomalies={props.anomalies} formatTime={formatTime} />
        ) : (
          <p className={styles.secondary} data-testid={SPIKE_TEST_IDS.noCulprit}>
            No culprit: no process that accounts for the rise carries security evidence.
          </p>
        ))}
      {incident.changes !== undefined && incident.changes.length > 0 && (
        <>
          <h4 className={styles.subheading}>Changes before the spike</h4>
          <ChangeList changes={incident.changes} formatTime={formatTime} />
        </>
      )}
      <h4 className={styles.subheading}>Signals</h4>
      <SignalList
        signals={orderedSignals(incident)}
        culprit={culprit}
        formatTime={formatTime}
        highlightKey={props.highlightKey}
        onHighlight={props.onHighlight}
      />
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({ display: 'grid', gap: theme.spacing(1), alignContent: 'start' }),
  header: css({ display: 'grid', gap: theme.spacing(0.5) }),
  name: css({ margin: 0, fontSize: theme.typography.h4.fontSize, overflowWrap: 'anywhere' }),
  pid: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular }),
  incidentLine: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    color: theme.colors.text.secondary,
  }),
  host: css({ overflowWrap: 'anywhere' }),
  details: css({ display: 'grid', gap: theme.spacing(0.5), margin: 0 }),
  detail: css({ display: 'grid', gridTemplateColumns: '7.5em minmax(0, 1fr)', gap: theme.spacing(1) }),
  term: css({ color: theme.colors.text.secondary }),
  value: css({ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }),
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    background: 'none',
    padding: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  }),
  chain: css({
    display: 'inline',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    li: { display: 'inline' },
    'li + li::before': { content: '" › "', color: theme.colors.text.secondary },
  }),
  unknown: css({ color: theme.colors.text.disabled }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  parentPid: css({ color: theme.colors.text.secondary, marginLeft: theme.spacing(0.5) }),
  subheading: css({ margin: 0, fontSize: theme.typography.h6.fontSize }),
});
