import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { readTimeline, type AnomalyRecord } from '../../common/read-frames';
import { timelineFrames } from '../../panel/testing/fixtures';
import { hostileStrings, injectedElements } from '../../panel/testing/hostile';
import { AnomaliesTable, SignalsTable } from './Evidence';
import { EXPLORER_TEST_IDS as ID } from './testIds';

const fmt = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

function timeline(s = hostileStrings(2)) {
  const result = readTimeline(timelineFrames(s));
  if (!result.ok) {
    throw new Error(result.error);
  }
  return result.value;
}

describe('SignalsTable', () => {
  it('shows source, rule, severity, time, process, user, source, destination, match, count and output, as text', () => {
    const s = hostileStrings(2);
    const { container } = render(<SignalsTable signals={timeline(s).incidents[0]?.signals ?? []} formatTime={fmt} />);
    const rows = within(screen.getByTestId(ID.evidenceSignals)).getAllByRole('row');
    expect(rows.map((r) => Array.from((r as HTMLTableRowElement).cells).map((c) => c.textContent))).toEqual([
      ['Time', 'Severity', 'Source', 'Rule', 'Process', 'User', 'Source', 'Destination', 'Match', 'Count', 'Output'],
      [
        '12:21:00last 12:23:00',
        'Critical',
        'falco',
        s.rule,
        `${s.name}, pid 4242`,
        '',
        '',
        '',
        'process',
        '3',
        s.output,
      ],
      [
        '12:22:00',
        'Medium',
        'auditd',
        `${s.rule} (audit)`,
        `${s.parent}, pid 4000`,
        `${s.owner}failed`,
        '203.0.113.9:4242',
        '[2001:db8::5]:22',
        'container',
        '1',
        '',
      ],
    ]);
    expect(injectedElements(container)).toEqual([]);
  });
});

describe('AnomaliesTable', () => {
  it('lists each spike with its processes by share', () => {
    const { container } = render(<AnomaliesTable anomalies={timeline().anomalies} formatTime={fmt} />);
    const rows = within(screen.getByTestId(ID.evidenceAnomalies)).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      `CPU an-112:20:0012:30:0010%90%82% ${hostileStrings(2).name}, pid 424210% nginx, pid 100`
    );
    expect(rows[2]).toHaveTextContent('still open');
    expect(injectedElements(container)).toEqual([]);
  });

  it('shows an open spike’s contributors so far, a group with its instance count, and says when none accounts', () => {
    const open: AnomalyRecord = {
      id: 'a',
      start: 0,
      metric: 'cpu',
      contributors: [{ process: { name: 'xmrig', pid: 4242 }, share: 0.9, instances: 12 }],
    };
    render(<AnomaliesTable anomalies={[open, { ...open, id: 'b', end: 5, contributors: [] }]} formatTime={fmt} />);
    const rows = within(screen.getByTestId(ID.evidenceAnomalies)).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('still open');
    expect(rows[1]).toHaveTextContent('90% xmrig, pid 4242, 12 instances');
    expect(rows[2]).toHaveTextContent('no process accounts for the rise');
  });
});
