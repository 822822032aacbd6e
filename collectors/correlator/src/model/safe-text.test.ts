import { safeText } from './safe-text';

const ESC = '\u001b';
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it.each([
    ['a forged log line', 'line\nforged: INFO admin logged in', 'line forged: INFO admin logged in'],
    ['colours, removed whole', `${ESC}[31mred${ESC}[0m`, 'red'],
    [
      'an OSC title and a hyperlink',
      `${ESC}]0;title${ESC}\\a ${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`,
      'a link',
    ],
    ['the one-byte C1 CSI', '\u009b2Jclear', 'clear'],
    ['a bidi override', 'abc\u202eevil', 'abc?evil'],
    ['isolates, marks and zero-width characters', 'a\u2066b\u200fc\u200bd\u061ce', 'a?b?c?d?e'],
    ['other controls', 'a\u0000b\u007fc\u0085d', 'a?b?c?d'],
    ['line and paragraph separators, tabs, runs of spaces', ' a\u2028b\u2029c\t\td   e ', 'a b c d e'],
  ])('leaves one safe line from %s', (_name, input, expected) => {
    expect(safeText(input, 100)).toBe(expected);
  });

  it('never leaves an escape, control or reordering character', () => {
    const hostile = `${ESC}[2J${ESC}[H${ESC}[32mall clear${ESC}[0m\u202e\u2067\r\n\u0007${ESC}P1$r${ESC}\\${ESC}`;
    expect(safeText(hostile)).not.toMatch(UNSAFE);
  });

  it('caps length with an ellipsis, never inside a character', () => {
    expect(safeText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(Array.from(safeText('😀'.repeat(20), 5))).toHaveLength(5);
    expect(safeText('x'.repeat(300))).toBe('x'.repeat(300));
    expect(safeText('x'.repeat(301))).toBe(`${'x'.repeat(299)}…`);
  });
});
