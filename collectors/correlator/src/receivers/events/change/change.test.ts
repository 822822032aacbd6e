import { MALFORMED_REASON, skips } from '../__fixtures__/samples';
import { normalizeChange } from './change';

const T = '2026-11-23T03:08:00Z';

describe('change JSON lines', () => {
  it('reads every field of a deploy', () => {
    expect(
      normalizeChange({
        time: T,
        service: 'checkout',
        host: 'Web-7',
        kind: 'deploy',
        summary: 'checkout 1.4.2',
        id: 'deploy-1842',
        actor: 'ci-bot',
      }),
    ).toEqual([
      {
        kind: 'change',
        time: Date.parse(T),
        source: 'change',
        change: 'deploy',
        summary: 'checkout 1.4.2',
        host: 'web-7',
        service: 'checkout',
        id: 'deploy-1842',
        actor: 'ci-bot',
      },
    ]);
  });

  it.each([
    [1795403280000, Date.parse(T)],
    [1795403280, Date.parse(T)],
    ['2026-11-23T03:08:00', Date.parse(T)],
    ['2026-11-23T04:08:00+01:00', Date.parse(T)],
  ])('reads time %j', (time, ms) => {
    const [change] = normalizeChange({ time, host: 'h', kind: 'config', summary: 's' });
    expect(change).toMatchObject({ time: ms });
  });

  it('reads a revert and normalizes a container id', () => {
    const [change] = normalizeChange({
      time: T,
      container: 'containerd://' + 'AB'.repeat(32),
      kind: 'firewall',
      summary: 'close 8080',
      reverts: 'fw-1',
    });
    expect(change).toMatchObject({ containerId: 'ab'.repeat(32), reverts: 'fw-1', change: 'firewall' });
  });

  it.each([
    [[1, 2], /not an object/],
    [{ host: 'h', kind: 'deploy', summary: 's' }, /missing or invalid time/],
    [{ time: T, host: 'h', kind: 'Deploy Now', summary: 's' }, /invalid kind/],
    [{ time: T, host: 'h', kind: 'deploy' }, /missing summary/],
    [{ time: T, kind: 'deploy', summary: 's' }, /missing host, service or container/],
  ])('refuses %j naming the field', (record, reason) => {
    const [skip] = skips(normalizeChange(record));
    expect(skip?.reason).toMatch(reason);
    expect(skip?.reason).toMatch(MALFORMED_REASON);
  });
});
