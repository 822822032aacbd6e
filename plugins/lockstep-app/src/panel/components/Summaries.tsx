import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { Summary } from '../../common/records';
import { SPIKE_TEST_IDS } from '../testIds';

const AUDIENCES = [
  { key: 'ops', label: 'Ops', testId: SPIKE_TEST_IDS.summaryOps },
  { key: 'security', label: 'Security', testId: SPIKE_TEST_IDS.summarySecurity },
  { key: 'business', label: 'Business', testId: SPIKE_TEST_IDS.summaryBusiness },
] as const;

/** The incident's one-line summaries, one per audience. */
export function Summaries({ summary }: { summary: Summary }) {
  const styles = useStyles2(getStyles);
  return (
    <dl className={styles.list} aria-label="Summaries" data-testid={SPIKE_TEST_IDS.summaries}>
      {AUDIENCES.map(({ key, label, testId }) => (
        <div key={key} className={styles.row}>
          <dt className={styles.term}>{label}</dt>
          <dd className={styles.text} data-testid={testId}>
            {summary[key] || 'No summary yet.'}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'grid', gap: theme.spacing(0.5), margin: 0 }),
  row: css({ display: 'grid', gridTemplateColumns: '5.5em minmax(0, 1fr)', gap: theme.spacing(1) }),
  term: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium }),
  text: css({ margin: 0, overflowWrap: 'anywhere' }),
});
