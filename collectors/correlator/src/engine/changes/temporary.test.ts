import type { ChangeEvent } from '../../model/change';
import { busyHost, runEngine } from '../__fixtures__/change-run';
import { HOST, MINUTE, T0 } from '../__fixtures__/spike-host';

const HOUR = 60 * MINUTE;
const OPENED = T0 + 10 * MINUTE;

function firewall(time: number, overrides: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    kind: 'change',
    time,
    source: 'change',
    change: 'firewall',
    summary: 'open 8080/tcp for debugging',
    id: 'fw-1',
    actor: 'alice',
    host: HOST,
    ...overrides,
  };
}

/** Runs the host long enough (data time) for a 1 h window to pass. */
function run(changes: ChangeEvent[]) {
  return runEngine(busyHost('node'), changes, { temporaryChangeWindowMs: HOUR }, T0 + 2 * HOUR);
}

describe('temporary changes that stay', () => {
  it('makes a firewall change not reverted within the window an open finding on its host', () => {
    const { findings } = run([firewall(OPENED)]);
    expect(findings).toEqual([
      {
        type: 'finding',
        id: expect.stringMatching(/^fnd_[0-9a-f]{16}$/),
        kind: 'temporary-change',
        status: 'open',
        asset: { kind: 'host', name: HOST },
        change: {
          time: new Date(OPENED).toISOString(),
          kind: 'firewall',
          summary: 'open 8080/tcp for debugging',
          source: 'change',
          id: 'fw-1',
          actor: 'alice',
          entity: { 'host.name': HOST },
          temporary: true,
        },
        opened: new Date(OPENED + HOUR).toISOString(),
        closed: null,
        window_ms: HOUR,
        summary:
          'The firewall change “open 8080/tcp for debugging” by alice on web-01 at 03:10 UTC is still open after 60 min: nothing has reverted it.',
      },
    ]);
  });

  it('raises nothing for a change reverted in time, by id or by its inverse record', () => {
    expect(run([firewall(OPENED), firewall(OPENED + 20 * MINUTE, { id: 'fw-2', reverts: 'fw-1' })]).findings).toEqual(
      [],
    );
    const add = firewall(OPENED, {
      id: undefined,
      undo: { key: 'iptables|filter|INPUT|-p tcp --dport 8080 -j ACCEPT', op: 'add' },
    });
    const remove = firewall(OPENED + 20 * MINUTE, { id: undefined, undo: { key: add.undo?.key ?? '', op: 'remove' } });
    expect(run([add, remove]).findings).toEqual([]);
  });

  it('closes the finding when the revert comes after the window', () => {
    const { findings } = run([firewall(OPENED), firewall(OPENED + 90 * MINUTE, { id: 'fw-2', reverts: 'fw-1' })]);
    expect(findings.map((f) => [f.status, f.closed])).toEqual([
      ['open', null],
      ['closed', new Date(OPENED + 90 * MINUTE).toISOString()],
    ]);
    expect(findings[0]?.id).toBe(findings[1]?.id);
  });

  it('tracks access changes, not deploys or package changes', () => {
    const kinds = ['access', 'deploy', 'package'].map((change, i) => firewall(OPENED, { change, id: `c${i}` }));
    expect(run(kinds).findings.map((f) => f.change.kind)).toEqual(['access']);
  });
});
