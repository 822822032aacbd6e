import React from 'react';
import { render, screen } from '@testing-library/react';
import type { AnomalyRecord, IncidentRecord } from '../../common/read-frames';
import { SPIKE_TEST_IDS as ID } from '../testIds';
import { at } from '../testing/fixtures';
import { hostileStrings, injectedElements } from '../testing/hostile';
import { CulpritCard } from './CulpritCard';

const fmt = (ms: number): string => new Date(ms).toISOString();

function incident(culprit: IncidentRecord['culprit'], end?: number): IncidentRecord {
  return {
    id: 'inc_1',
    status: end === undefined ? 'open' : 'resolved',
    severity: 'critical',
    score: 0.9,
    start: at(20),
    end,
    host: 'web-1',
    culprit,
    signals: [],
    anomalies: ['an_1'],
    summary: { ops: 'o', security: 's', business: 'b' },
  };
}

/** The spike as the correlator reports it: the group represented by the instance the evidence names. */
function spike(contributor: AnomalyRecord['contributors'][number], end?: number): AnomalyRecord {
  return { id: 'an_1', start: at(20), end, metric: 'cpu', contributors: [contributor] };
}

describe('the culprit card of a culprit that stands for many instances', () => {
  const miner = { pid: 4242, name: 'xmrig', path: '/tmp/.x/xmrig', instances: 12 };

  it('says how many instances there are and which one the evidence names', () => {
    render(
      <CulpritCard
        incident={incident(miner, at(30))}
        anomalies={[spike({ process: miner, share: 0.97, instances: 12 }, at(30))]}
        formatTime={fmt}
      />
    );
    expect(screen.getByTestId(ID.culpritInstances)).toHaveTextContent(
      '12 instances of this executable and lineage (a process restarted with a new pid, or a pool); pid 4242 is the one the evidence names'
    );
    expect(screen.getByTestId(ID.culpritShare)).toHaveTextContent(/^97% of the CPU rise$/);
  });

  it('shows the share measured so far while the spike is open, whichever instance represents the group there', () => {
    const other = { ...miner, pid: 5151 };
    render(
      <CulpritCard
        incident={incident(miner)}
        anomalies={[spike({ process: other, share: 0.64, instances: 7 })]}
        formatTime={fmt}
      />
    );
    expect(screen.getByTestId(ID.culpritShare)).toHaveTextContent(/^64% of the CPU rise so far$/);
  });

  it('shows no instance count for a single process, and no share for a process the spike does not list', () => {
    const single = { pid: 4242, name: 'xmrig' };
    render(
      <CulpritCard
        incident={incident(single)}
        anomalies={[spike({ process: { pid: 99, name: 'node' }, share: 0.5 })]}
        formatTime={fmt}
      />
    );
    expect(screen.queryByTestId(ID.culpritInstances)).toBeNull();
    expect(screen.getByTestId(ID.culpritShare)).toHaveTextContent(/^unknown$/);
  });

  it('renders a hostile name as text', () => {
    const s = hostileStrings(3);
    const hostile = { pid: 4242, name: s.name, path: s.path, instances: 3 };
    const { container } = render(
      <CulpritCard
        incident={incident(hostile)}
        anomalies={[spike({ process: hostile, share: 0.9, instances: 3 })]}
        formatTime={fmt}
      />
    );
    expect(screen.getByTestId(ID.culpritName)).toHaveTextContent(s.name);
    expect(screen.getByTestId(ID.culpritInstances)).toHaveTextContent('3 instances');
    expect(injectedElements(container)).toEqual([]);
  });
});
