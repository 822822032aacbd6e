import React from 'react';
import { useStyles2 } from '@grafana/ui';
import type { AnomalyRecord } from '../../common/read-frames';
import { endpointText, type ProcessInfo, type SignalRecord } from '../../common/records';
import { SeverityBadge } from '../../panel/components/SeverityBadge';
import { formatShare, formatValue, metricLabel, type FormatTime } from '../../panel/model/format';
import { EXPLORER_TEST_IDS } from './testIds';
import { getTableStyles } from './tableStyles';

function processText(process: ProcessInfo | undefined): string {
  if (!process) {
    return '';
  }
  return [process.name, process.pid !== undefined ? `pid ${process.pid}` : undefined].filter(Boolean).join(', ');
}

/** The incident's signals: source, rule, severity, time, process, user, source and destination, match, output. */
export function SignalsTable({ signals, formatTime }: { signals: readonly SignalRecord[]; formatTime: FormatTime }) {
  const styles = useStyles2(getTableStyles);
  if (signals.length === 0) {
    return <p className={styles.secondary}>No security signals are tied to this incident.</p>;
  }
  return (
    <div className={styles.wrap}>
      <table className={styles.table} data-testid={EXPLORER_TEST_IDS.evidenceSignals}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Severity</th>
            <th scope="col">Source</th>
            <th scope="col">Rule</th>
            <th scope="col">Process</th>
            <th scope="col">User</th>
            <th scope="col">Source</th>
            <th scope="col">Destination</th>
            <th scope="col">Match</th>
            <th scope="col">Count</th>
            <th scope="col">Output</th>
          </tr>
        </thead>
        <tbody>
          {[...signals]
            .sort((a, b) => a.time - b.time)
            .map((s, i) => (
              <tr key={`${s.time}-${i}`}>
                <td className={styles.nowrap}>
                  {formatTime(s.time)}
                  {s.timeEnd !== undefined && <div className={styles.secondary}>last {formatTime(s.timeEnd)}</div>}
                </td>
                <td>
                  <SeverityBadge severity={s.severity} />
                </td>
                <td>{s.source}</td>
                <td className={styles.text}>{s.rule}</td>
                <td className={styles.text}>{processText(s.process)}</td>
                <td className={styles.text}>
                  {s.user ?? ''}
                  {s.outcome === 'failure' && <div className={styles.secondary}>failed</div>}
                </td>
                <td className={styles.mono}>{endpointText(s.sourceAddress, s.sourcePort) ?? ''}</td>
                <td className={styles.mono}>{endpointText(s.destinationAddress, s.destinationPort) ?? ''}</td>
                <td>{s.match ?? ''}</td>
                <td className={styles.nowrap}>{s.count ?? 1}</td>
                <td className={styles.mono}>{s.output ?? ''}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

/** The spikes the incident explains, with the processes behind each rise. */
export function AnomaliesTable({
  anomalies,
  formatTime,
}: {
  anomalies: readonly AnomalyRecord[];
  formatTime: FormatTime;
}) {
  const styles = useStyles2(getTableStyles);
  if (anomalies.length === 0) {
    return (
      <p className={styles.secondary}>
        The spikes behind this incident are not in the data source&apos;s answer (outside the time range?).
      </p>
    );
  }
  return (
    <div className={styles.wrap}>
      <table className={styles.table} data-testid={EXPLORER_TEST_IDS.evidenceAnomalies}>
        <thead>
          <tr>
            <th scope="col">Spike</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Baseline</th>
            <th scope="col">Peak</th>
            <th scope="col">Processes behind the rise</th>
          </tr>
        </thead>
        <tbody>
          {anomalies.map((a) => (
            <tr key={a.id}>
              <td className={styles.text}>
                {metricLabel(a.metric)} <span className={styles.secondary}>{a.id}</span>
              </td>
              <td className={styles.nowrap}>{formatTime(a.start)}</td>
              <td className={styles.nowrap}>{a.end !== undefined ? formatTime(a.end) : 'still open'}</td>
              <td className={styles.nowrap}>{a.baseline !== undefined ? formatValue(a.baseline, a.unit) : ''}</td>
              <td className={styles.nowrap}>{a.peak !== undefined ? formatValue(a.peak, a.unit) : ''}</td>
              <td className={styles.text}>
                {a.contributors.length === 0 ? (
                  <span className={styles.secondary}>no process accounts for the rise</span>
                ) : (
                  <ol aria-label="Contributors by share">
                    {a.contributors.map((c, i) => (
                      <li key={i}>
                        {formatShare(c.share)} {processText(c.process) || 'unknown process'}
                        {c.instances !== undefined && `, ${c.instances} instances`}
                        {c.process.commandLine !== undefined && (
                          <div className={styles.mono}>{c.process.commandLine}</div>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
