import type { Incident } from '@lockstep/contract';
import { incident, iso, MINUTE, T0 } from '../../exporters/store/__fixtures__/records';
import { IncidentFeed } from './incident-feed';
import type { Palette } from './render';
import { formatChange, formatStatus, paletteFor, plainPalette } from './render';
import { safeText } from '../../model/safe-text';

const ESC = '\u001b';
/** Every escape sequence the view itself may print: SGR colours. */
// eslint-disable-next-line no-control-regex
const OUR_SGR = /\u001b\[(?:0|1|2|32|31|33|36|1;31)m/g;

/** Command lines, user names and rule outputs an attacker controls. */
const HOSTILE: ReadonlyArray<readonly [string, string]> = [
  ['a forged line', `xmrig\n12:00:00  RESOLVED  LOW  host web-1  culprit nothing  score 0.00`],
  ['screen clearing and colours', `${ESC}[2J${ESC}[H${ESC}[32mall clear${ESC}[0m`],
  [
    'an OSC title and hyperlink',
    `${ESC}]0;owned${ESC}\\ title and ${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
  ],
  ['C1 controls and a carriage return', `\u009b31mC1 CSI\u009d0;title\u009c and \r carriage return`],
  ['bidi overrides and a line separator', `bidi \u202eexe.txt\u202c and \u2066isolate\u2069 and \u2028line separator`],
  ['bell, backspace, delete, NUL', `bell\u0007 backspace\u0008 delete\u007f nul\u0000`],
];

function hostile(text: string): Incident {
  return incident({
    id: `inc_${text.length}`,
    status: 'open',
    end: null,
    entity: { 'host.name': text, 'service.name': text },
    culprit: { 'process.pid': 4242, 'process.executable.name': text, 'process.command_line': text },
    signals: [{ source: 'falco', rule: text, severity: 'critical', time: iso(T0), output: text }],
    summary: { ops: text, security: text, business: text },
  });
}

describe('safeText on the way to the terminal', () => {
  it.each(HOSTILE)('leaves no escape, control or reordering character: %s', (_name, text) => {
    const safe = safeText(text);
    // eslint-disable-next-line no-control-regex
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });

  it('removes escape sequences whole and keeps the words', () => {
    expect(safeText(`${ESC}[31mred${ESC}[0m and ${ESC}]0;title${ESC}\\plain`)).toBe('red and plain');
    expect(safeText('one\ntwo\tthree')).toBe('one two three');
  });

  it('cuts long values with an ellipsis, never inside a character', () => {
    expect(safeText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(Array.from(safeText('😀'.repeat(20), 5))).toHaveLength(5);
  });
});

describe('the incident lines', () => {
  const colours = paletteFor({ isTTY: true }, {});

  it.each(HOSTILE)('cannot be forged or recoloured: %s', (_name, text) => {
    for (const palette of [plainPalette, colours] as Palette[]) {
      const lines = formatChange({ kind: 'opened', incident: hostile(text) }, palette);
      // One headline and one line per audience, whatever the strings hold.
      expect(lines).toHaveLength(4);
      for (const line of lines) {
        expect(line).not.toContain('\n');
        expect(line.replace(OUR_SGR, '')).not.toContain(ESC);
        expect(line).not.toContain('\u009b');
      }
    }
  });

  it('say what opened: severity, host, culprit name and pid, score, the three one-liners', () => {
    const [head, ops, security, business] = formatChange(
      { kind: 'opened', incident: incident({ id: 'inc_1' }) },
      plainPalette,
      new Date(T0),
    );
    expect(head).toMatch(/ OPENED +HIGH +host web-1 +culprit xmrig \(pid 4242\) +score 0\.90 +inc_1$/);
    expect([ops, security, business]).toEqual([
      expect.stringMatching(/^ +ops +CPU rose\.$/),
      expect.stringMatching(/^ +security +A miner ran\.$/),
      expect.stringMatching(/^ +business +Checkout slowed\.$/),
    ]);
  });

  it('say what changed, and how long a resolved incident lasted', () => {
    const before = incident({ id: 'inc_1', status: 'open', end: null, score: 0.6, severity: 'medium' });
    const after = incident({ id: 'inc_1', status: 'open', end: null });
    const updated = formatChange({ kind: 'updated', incident: after, previous: before }, plainPalette);
    expect(updated[0]).toMatch(/ UPDATED +HIGH /);
    expect(updated[1]).toMatch(/changed +severity medium -> high, score 0\.60 -> 0\.90$/);
    const resolved = formatChange(
      { kind: 'resolved', incident: incident({ id: 'inc_1' }), previous: after },
      plainPalette,
    );
    expect(resolved[1]).toMatch(/lasted +5 min 0 s$/);
  });

  it('mark an incident below the correlated threshold, and a missing culprit', () => {
    const [head] = formatChange(
      { kind: 'opened', incident: incident({ id: 'inc_2', score: 0.3, severity: 'low', culprit: null }) },
      plainPalette,
    );
    expect(head).toMatch(/culprit unknown +score 0\.30 \(not correlated\)/);
  });

  it('count open correlated incidents by severity in the status line', () => {
    const open = [
      incident({ id: 'a', status: 'open', severity: 'critical' }),
      incident({ id: 'b', status: 'open', severity: 'high' }),
      incident({ id: 'c', status: 'open', severity: 'high' }),
      incident({ id: 'd', status: 'open', score: 0.2, severity: 'low' }),
    ];
    expect(formatStatus({ open, hosts: 3 }, plainPalette)).toMatch(
      /status +open correlated incidents 3 \(1 critical, 2 high\) · other open incidents 1 · hosts 3$/,
    );
  });

  it('are plain text without a terminal or with NO_COLOR', () => {
    expect(paletteFor({ isTTY: false }, {})).toBe(plainPalette);
    expect(paletteFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(plainPalette);
  });
});

describe('IncidentFeed', () => {
  it('reports what opened, changed and resolved since the last look, and nothing stored before it started', async () => {
    let stored: Incident[] = [incident({ id: 'old' })];
    const feed = new IncidentFeed(async () => stored);
    expect(await feed.prime()).toBe(1);
    expect(await feed.poll()).toEqual([]);

    const opened = incident({ id: 'new', status: 'open', end: null, score: 0.6, severity: 'medium' });
    stored = [...stored, opened];
    expect((await feed.poll()).map((c) => [c.kind, c.incident.id])).toEqual([['opened', 'new']]);

    // An open incident's end moves with every sample: not a change worth a line.
    stored = [stored[0] as Incident, { ...opened, end: iso(T0 + MINUTE) }];
    expect(await feed.poll()).toEqual([]);
    // Nor is a score drifting by a hundredth as the spike goes on.
    stored = [stored[0] as Incident, { ...opened, score: 0.61 }];
    expect(await feed.poll()).toEqual([]);

    const raised = { ...opened, score: 0.9, severity: 'high' as const };
    stored = [stored[0] as Incident, raised];
    expect((await feed.poll()).map((c) => c.kind)).toEqual(['updated']);
    expect(feed.open().map((i) => i.id)).toEqual(['new']);

    stored = [stored[0] as Incident, { ...raised, status: 'resolved', end: iso(T0 + 5 * MINUTE) }];
    expect((await feed.poll()).map((c) => c.kind)).toEqual(['resolved']);
    expect(feed.open()).toEqual([]);
  });

  it('shows an incident that opened and resolved between two looks as both', async () => {
    let stored: Incident[] = [];
    const feed = new IncidentFeed(async () => stored);
    await feed.prime();
    stored = [incident({ id: 'brief' })];
    expect((await feed.poll()).map((c) => c.kind)).toEqual(['opened', 'resolved']);
  });
});
