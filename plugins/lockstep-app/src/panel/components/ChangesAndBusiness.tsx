import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { BusinessInfo, ChangeInfo } from '../../common/records';
import type { FormatTime } from '../model/format';
import { SPIKE_TEST_IDS } from '../testIds';

/** Changes listed at most; the API lists a handful, closest first. */
const MAX_SHOWN = 5;

/** "Online order processing · tier 1 · owner Payments · PCI, PII · about 2,800 lost so far (12,000 per hour)". */
export function businessLine(business: BusinessInfo, open: boolean): string {
  const parts = [business.name];
  if (business.tier !== undefined) {
    parts.push(`tier ${business.tier}`);
  }
  if (business.owner !== undefined) {
    parts.push(`owner ${business.owner}`);
  }
  if (business.dataClasses !== undefined) {
    parts.push(business.dataClasses.join(', '));
  }
  if (business.estimatedCost !== undefined) {
    const perHour =
      business.costPerHour === undefined ? '' : ` (${business.costPerHour.toLocaleString('en-US')} per hour)`;
    parts.push(`about ${business.estimatedCost.toLocaleString('en-US')} lost${open ? ' so far' : ''}${perHour}`);
  }
  return parts.join(' · ');
}

/** The business service the incident touches (from the service catalogue), as text. */
export function BusinessTerms({ business, open }: { business: BusinessInfo; open: boolean }) {
  const styles = useStyles2(getStyles);
  return (
    <p className={styles.line} data-testid={SPIKE_TEST_IDS.business}>
      <span className={styles.term}>Business service</span> {businessLine(business, open)}
    </p>
  );
}

/** What changed on the entity shortly before the spike, closest first. Every string is text from outside. */
export function ChangeList({ changes, formatTime }: { changes: readonly ChangeInfo[]; formatTime: FormatTime }) {
  const styles = useStyles2(getStyles);
  return (
    <ol className={styles.list} aria-label="Changes before the spike" data-testid={SPIKE_TEST_IDS.changes}>
      {changes.slice(0, MAX_SHOWN).map((change, i) => (
        <li key={change.id ?? i} className={styles.item} data-testid={SPIKE_TEST_IDS.change}>
          <span className={styles.time}>{formatTime(change.time)}</span>{' '}
          <span className={styles.kind}>{change.kind}</span> {change.summary}
          {change.actor !== undefined && <span className={styles.secondary}> by {change.actor}</span>}
          <span className={styles.secondary}> ({change.source})</span>
        </li>
      ))}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  line: css({ margin: 0, overflowWrap: 'anywhere' }),
  term: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium }),
  list: css({ margin: 0, paddingLeft: theme.spacing(2), display: 'grid', gap: theme.spacing(0.25) }),
  item: css({ overflowWrap: 'anywhere' }),
  time: css({ color: theme.colors.text.secondary, fontVariantNumeric: 'tabular-nums' }),
  kind: css({ fontWeight: theme.typography.fontWeightMedium }),
  secondary: css({ color: theme.colors.text.secondary }),
});
