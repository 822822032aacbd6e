import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { endpointText, type ProcessInfo, type SignalRecord } from '../../common/records';
import type { FormatTime } from '../model/format';
import { isOnCulprit } from '../model/incident';
import { signalKey } from '../model/markers';
import { SPIKE_TEST_IDS } from '../testIds';
import { SeverityBadge } from './SeverityBadge';

interface Props {
  signals: readonly SignalRecord[];
  culprit: ProcessInfo | null;
  formatTime: FormatTime;
  highlightKey?: string;
  onHighlight?: (signal: SignalRecord | undefined) => void;
}

function processText(signal: SignalRecord): string | undefined {
  const p = signal.process;
  if (!p || (p.name === undefined && p.pid === undefined)) {
    return undefined;
  }
  return [p.name, p.pid !== undefined ? `pid ${p.pid}` : undefined].filter(Boolean).join(', ');
}

/** `from 203.0.113.9:4242 to 10.0.0.5:22`: the ends a signal names, as text. */
function peersText(signal: SignalRecord): string | undefined {
  const source = endpointText(signal.sourceAddress, signal.sourcePort);
  const destination = endpointText(signal.destinationAddress, signal.destinationPort);
  const parts = [source && `from ${source}`, destination && `to ${destination}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * The incident's signals as buttons: focusing or hovering one highlights its marker on the chart. Rule, output
 * process, user and addresses are the hosts' text, rendered as text.
 */
export function SignalList({ signals, culprit, formatTime, highlightKey, onHighlight }: Props) {
  const styles = useStyles2(getStyles);
  if (signals.length === 0) {
    return <p className={styles.none}>No security signals are tied to this incident.</p>;
  }
  return (
    <ul className={styles.list} aria-label="Signals" data-testid={SPIKE_TEST_IDS.signals}>
      {signals.map((signal, index) => {
        const key = signalKey(signal);
        const process = processText(signal);
        const peers = peersText(signal);
        const highlighted = key === highlightKey;
        return (
          <li key={`${key}#${index}`} data-testid={SPIKE_TEST_IDS.signal} data-severity={signal.severity}>
            <button
              type="button"
              className={cx(styles.item, highlighted && styles.highlighted)}
              aria-pressed={highlighted}
              onFocus={() => onHighlight?.(signal)}
              onBlur={() => onHighlight?.(undefined)}
              onMouseEnter={() => onHighlight?.(signal)}
              onMouseLeave={() => onHighlight?.(undefined)}
              onClick={() => onHighlight?.(signal)}
            >
              <span className={styles.head}>
                <SeverityBadge severity={signal.severity} />
                <span className={styles.source}>{signal.source}</span>
                <time className={styles.time} dateTime={new Date(signal.time).toISOString()}>
                  {formatTime(signal.time)}
                </time>
              </span>
              <span className={styles.rule}>{signal.rule}</span>
              <span className={styles.meta}>
                {process !== undefined && <span>{process}</span>}
                {signal.user !== undefined && <span data-testid={SPIKE_TEST_IDS.signalUser}>user {signal.user}</span>}
                {peers !== undefined && <span data-testid={SPIKE_TEST_IDS.signalPeers}>{peers}</span>}
                {signal.outcome === 'failure' && <span>failed</span>}
                {isOnCulprit(signal, culprit) && <span>on the culprit</span>}
                {signal.match !== undefined && <span>matched by {signal.match}</span>}
                {signal.count !== undefined && signal.count > 1 && <span>{signal.count} times</span>}
              </span>
              {signal.output !== undefined && <span className={styles.output}>{signal.output}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: theme.spacing(0.5) }),
  none: css({ color: theme.colors.text.secondary, margin: 0 }),
  item: css({
    display: 'grid',
    gap: theme.spacing(0.25),
    width: '100%',
    textAlign: 'left',
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.secondary,
    color: theme.colors.text.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    cursor: 'pointer',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 1 },
    '&:hover': { background: theme.colors.action.hover },
  }),
  highlighted: css({ borderColor: theme.colors.primary.border, background: theme.colors.action.selected }),
  head: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  source: css({ color: theme.colors.text.secondary }),
  time: css({ color: theme.colors.text.secondary, marginLeft: 'auto', fontVariantNumeric: 'tabular-nums' }),
  rule: css({ overflowWrap: 'anywhere' }),
  meta: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
  }),
  output: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
  }),
});
