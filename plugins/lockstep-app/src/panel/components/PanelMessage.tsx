import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

interface Props {
  kind: 'empty' | 'error';
  testId: string;
  children: React.ReactNode;
}

/** A sentence in place of the panel body: what is missing and what to do. */
export function PanelMessage({ kind, testId, children }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <p className={kind === 'error' ? styles.error : styles.empty}>{children}</p>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    padding: theme.spacing(2),
    textAlign: 'center',
  }),
  empty: css({ color: theme.colors.text.secondary, margin: 0, maxWidth: 560 }),
  error: css({ color: theme.colors.error.text, margin: 0, maxWidth: 560, overflowWrap: 'anywhere' }),
});
