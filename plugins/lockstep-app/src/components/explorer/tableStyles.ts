import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

/** Plain tables in Grafana's look: untrusted cells stay React text, wrapped rather than cut. */
export const getTableStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ overflowX: 'auto' }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium, whiteSpace: 'nowrap' },
    'tbody tr:hover': { background: theme.colors.action.hover },
    a: { color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } },
  }),
  text: css({ overflowWrap: 'anywhere', minWidth: '8em' }),
  mono: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
    minWidth: '12em',
  }),
  nowrap: css({ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }),
  secondary: css({ color: theme.colors.text.secondary }),
  caption: css({
    captionSide: 'top',
    textAlign: 'left',
    color: theme.colors.text.secondary,
    padding: theme.spacing(0.5, 0),
  }),
});
