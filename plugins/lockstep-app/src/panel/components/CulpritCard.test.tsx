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

describe('the culprit card: changes before the spike and the business service', () => {
  const deploy = {
    time: at(16),
    kind: 'deploy',
    summary: 'checkout 1.4.2',
    source: 'change',
    actor: 'ci-bot',
    id: 'd-1',
  };

  it('lists the changes closest first and the business terms of the catalogue, cost included', () => {
    render(
      <CulpritCard
        incident={{
          ...incident({ pid: 4242, name: 'xmrig' }),
          changes: [deploy, { time: at(5), kind: 'package', summary: 'nodejs 18 → 20', source: 'dpkg' }],
          business: {
            service: 'checkout',
            name: 'Online order processing',
            tier: 1,
            owner: 'Payments',
            dataClasses: ['PCI', 'PII'],
            costPerHour: 12000,
            estimatedCost: 2800,
          },
        }}
        anomalies={[]}
        formatTime={fmt}
      />
    );
    expect(screen.getByTestId(ID.business)).toHaveTextContent(
      'Business service Online order processing · tier 1 · owner Payments · PCI, PII · about 2,800 lost so far (12,000 per hour)'
    );
    expect(screen.getAllByTestId(ID.change).map((li) => li.textContent)).toEqual([
      `${fmt(at(16))} deploy checkout 1.4.2 by ci-bot (change)`,
      `${fmt(at(5))} package nodejs 18 → 20 (dpkg)`,
    ]);
  });

  it('shows the changes of a spike no incident ties (an operational change), and nothing without any', () => {
    const { rerender } = render(
      <CulpritCard
        anomalies={[{ ...spike({ process: { pid: 1, name: 'node' }, share: 0.9 }), changes: [deploy] }]}
        formatTime={fmt}
      />
    );
    expect(screen.getByTestId(ID.noCulprit)).toBeInTheDocument();
    expect(screen.getByTestId(ID.changes)).toHaveTextContent('deploy checkout 1.4.2 by ci-bot');
    rerender(<CulpritCard anomalies={[spike({ process: { pid: 1, name: 'node' }, share: 0.9 })]} formatTime={fmt} />);
    expect(screen.queryByTestId(ID.changes)).toBeNull();
    expect(screen.queryByTestId(ID.business)).toBeNull();
  });

  it('renders hostile change and business text as text', () => {
    const s = hostileStrings(5);
    const { container } = render(
      <CulpritCard
        incident={{
          ...incident(null),
          changes: [{ time: at(16), kind: 'deploy', summary: s.summary, source: 'change', actor: s.owner }],
          business: { service: 'x', name: s.name, owner: s.host, dataClasses: [s.rule] },
        }}
        anomalies={[]}
        formatTime={fmt}
      />
    );
    expect(screen.getByTestId(ID.change)).toHaveTextContent(s.summary);
    expect(screen.getByTestId(ID.change)).toHaveTextContent(s.owner);
    expect(screen.getByTestId(ID.business)).toHaveTextContent(s.name);
    expect(injectedElements(container)).toEqual([]);
  });
});
