import React from 'react';
import { Link } from 'react-router-dom';
import { useStyles2 } from '@grafana/ui';
import type { IncidentRecord } from '../../common/read-frames';
import { SeverityBadge } from '../../panel/components/SeverityBadge';
import { culpritLabel, type FormatTime } from '../../panel/model/format';
import { EXPLORER_TEST_IDS } from './testIds';
import { getTableStyles } from './tableStyles';

interface Props {
  incidents: readonly IncidentRecord[];
  formatTime: FormatTime;
  /** The page's search string with this incident open. */
  searchFor: (id: string) => string;
}

function entityText(incident: IncidentRecord): string {
  return [incident.host, incident.container, incident.service].filter((x) => x !== undefined).join(' · ');
}

/** Incidents newest first; each opens its detail (a link, so it also opens in a new tab). */
export function IncidentList({ incidents, formatTime, searchFor }: Props) {
  const styles = useStyles2(getTableStyles);
  if (incidents.length === 0) {
    return (
      <p className={styles.secondary} data-testid={EXPLORER_TEST_IDS.empty}>
        No incidents match these filters in this time range. Widen the range, lower the minimum score (0 shows spikes
        with weak evidence too), or clear the host, container and service filters.
      </p>
    );
  }
  const sorted = [...incidents].sort((a, b) => b.start - a.start);
  return (
    <div className={styles.wrap}>
      <table className={styles.table} data-testid={EXPLORER_TEST_IDS.list}>
        <caption className={styles.caption}>
          {sorted.length === 1 ? '1 incident' : `${sorted.length} incidents`}, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Started</th>
            <th scope="col">Severity</th>
            <th scope="col">Score</th>
            <th scope="col">Status</th>
            <th scope="col">Entity</th>
            <th scope="col">Culprit</th>
            <th scope="col">Signals</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((incident) => (
            <tr key={incident.id} data-testid={EXPLORER_TEST_IDS.row}>
              <td className={styles.text}>
                <Link to={{ search: searchFor(incident.id) }}>{incident.id}</Link>
              </td>
              <td className={styles.nowrap}>{formatTime(incident.start)}</td>
              <td>
                <SeverityBadge severity={incident.severity} />
              </td>
              <td className={styles.nowrap}>{incident.score.toFixed(2)}</td>
              <td>{incident.status}</td>
              <td className={styles.text}>{entityText(incident)}</td>
              <td className={styles.text}>{incident.culprit ? culpritLabel(incident.culprit) : 'none'}</td>
              <td className={styles.nowrap}>{incident.signals.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
