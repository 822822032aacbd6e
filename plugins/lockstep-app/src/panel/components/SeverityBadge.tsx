import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { Severity } from '../../common/records';
import { severityColor, SEVERITY_LABEL, SEVERITY_SHAPE, SHAPE_CLIP } from '../model/severity';

/** A severity as the chart's marker shape plus its word, so it reads without colour. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  return (
    <span className={styles.badge} data-severity={severity}>
      <span
        aria-hidden
        className={styles.shape}
        style={{ backgroundColor: severityColor(theme, severity), clipPath: SHAPE_CLIP[SEVERITY_SHAPE[severity]] }}
      />
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  badge: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
  }),
  shape: css({ display: 'inline-block', width: 10, height: 10, flexShrink: 0 }),
});
