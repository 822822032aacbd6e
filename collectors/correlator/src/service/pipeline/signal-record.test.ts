import type { Signal } from '../../model/signal';
import { foldSignals, toSignalRecord } from './signal-record';

const T0 = Date.UTC(2026, 10, 23, 3, 0, 0);

function alert(overrides: Partial<Signal> = {}): Signal {
  return {
    time: T0,
    source: 'falco',
    kind: 'alert',
    rule: 'Terminal shell in container',
    severity: 'medium',
    host: 'web-1',
    process: { pid: 42, name: 'bash', exePath: '/bin/bash' },
    ...overrides,
  } as Signal;
}

describe('foldSignals', () => {
  it('folds an alert storm on one process into one record with a count and the last time', () => {
    const storm = Array.from({ length: 500 }, (_, i) => alert({ time: T0 + i * 100 }));
    const records = foldSignals(storm);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: toSignalRecord(storm[0] as Signal).id,
      count: 500,
      time: '2026-11-23T03:00:00.000Z',
      last_time: '2026-11-23T03:00:49.900Z',
    });
  });

  it('keeps apart alerts of other rules, processes, hosts and sources', () => {
    const records = foldSignals([
      alert(),
      alert({ rule: 'Read sensitive file' }),
      alert({ process: { pid: 43, name: 'bash', exePath: '/bin/bash' } }),
      alert({ host: 'web-2' }),
      alert({ source: 'tetragon' }),
      alert({ time: T0 + 5 }),
    ]);
    expect(records.map((r) => r.count ?? 1)).toEqual([2, 1, 1, 1, 1]);
  });

  it('stores a single alert as it came, without a count', () => {
    const [record] = foldSignals([alert()]);
    expect(record).toEqual(toSignalRecord(alert()));
    expect(record?.count).toBeUndefined();
  });
});
