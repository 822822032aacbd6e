import type { Anomaly } from '@lockstep/contract';
import { anomaly, incident, iso, MINUTE, T0 } from '../../exporters/store/__fixtures__/records';
import { formatChange, plainPalette } from './render';
import { SpikeFeed } from './spike-feed';
import { formatSpike } from './spike-lines';

const ESC = '\u001b';

function open(share: number, extra: Partial<Anomaly> = {}): Anomaly {
  return anomaly({
    id: 'an_1',
    end: null,
    contributors: [
      { process: { 'process.pid': 4242, 'process.executable.name': 'xmrig' }, share, instances: 6 },
      { process: { 'process.pid': 12, 'process.executable.name': 'node' }, share: 1 - share },
    ],
    ...extra,
  });
}

describe('the spike lines of the live view', () => {
  it('show an open spike with the processes behind it so far, groups with their instance count', () => {
    const [head, processes] = formatSpike({ kind: 'opened', anomaly: open(0.91) }, plainPalette, new Date(T0));
    expect(head).toMatch(/ SPIKE +host web-1 +CPU 10% -> 90% +since \d\d:\d\d:\d\d +an_1$/);
    expect(processes).toMatch(/^ +so far +xmrig \(pid 4242, 6 instances\) 91% · node \(pid 12\) 9%$/);
  });

  it('say how long an ended spike lasted, with its final contributors', () => {
    const ended = anomaly({ id: 'an_1', end: iso(T0 + 4 * MINUTE + 10_000) });
    const [head, processes] = formatSpike({ kind: 'ended', anomaly: ended }, plainPalette);
    expect(head).toMatch(/ SPIKE END +host web-1 +CPU 10% -> 90% +lasted 4 min 10 s/);
    expect(processes).toMatch(/processes +xmrig \(pid 4242\) 80%$/);
    const none = formatSpike({ kind: 'opened', anomaly: open(0.5, { contributors: [] }) }, plainPalette);
    expect(none[1]).toContain('no process accounts for the rise yet');
  });

  it('cannot be forged or recoloured by a hostile process name or host', () => {
    const hostile = `xmrig\n12:00:00  SPIKE END  host web-1${ESC}[2J${ESC}]0;owned\u0007\u202e`;
    const lines = formatSpike(
      {
        kind: 'opened',
        anomaly: open(0.9, {
          entity: { 'host.name': hostile },
          contributors: [{ process: { 'process.executable.name': hostile }, share: 0.9 }],
        }),
      },
      plainPalette,
    );
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(line).not.toContain(ESC);
      expect(line).not.toContain('\u202e');
    }
  });
});

describe('SpikeFeed', () => {
  it('reports a spike opening, a material change of its contributors, and its end — not every measurement', async () => {
    let listing: Anomaly[] = [];
    const feed = new SpikeFeed(async () => listing);
    await feed.prime();
    listing = [open(0.6)];
    expect((await feed.poll()).map((c) => c.kind)).toEqual(['opened']);
    listing = [open(0.61, { peak: 0.93 })];
    expect(await feed.poll()).toEqual([]);
    listing = [open(0.8)];
    const [updated] = await feed.poll();
    expect(updated?.kind).toBe('updated');
    expect(updated?.anomaly.contributors[0]?.share).toBe(0.8);
    listing = [{ ...open(0.8), end: iso(T0 + 5 * MINUTE) }];
    expect((await feed.poll()).map((c) => c.kind)).toEqual(['ended']);
    expect(await feed.poll()).toEqual([]);
  });

  it('does not replay what the store already held when the view started', async () => {
    const feed = new SpikeFeed(async () => [open(0.7), anomaly({ id: 'an_old' })]);
    await feed.prime();
    expect(await feed.poll()).toEqual([]);
  });
});

describe('an incident whose culprit is a group', () => {
  it('names the instance the evidence is about and how many there are', () => {
    const grouped = incident({
      id: 'inc_1',
      culprit: { 'process.pid': 4242, 'process.executable.name': 'xmrig', instances: 12 },
    });
    const [head] = formatChange({ kind: 'opened', incident: grouped }, plainPalette);
    expect(head).toMatch(/culprit xmrig \(pid 4242, one of 12 instances\) +score/);
  });
});
