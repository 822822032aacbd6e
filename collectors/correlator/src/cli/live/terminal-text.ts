/**
 * Text from the outside (command lines, user names, host names, rule outputs, summaries quoting them) on its way to
 * a terminal. Escape sequences are removed whole, so `ESC[31m` cannot recolour the screen and an OSC title or
 * hyperlink cannot be set; every other control character, and the Unicode controls that reorder or break lines
 * (bidi overrides and isolates, line and paragraph separators), becomes `?`; line breaks and tabs become spaces, so
 * one value can never start a line of its own. Long values are cut to `max` characters with an ellipsis.
 */

/* eslint-disable no-control-regex */
// CSI (ESC [ or the one-byte C1 CSI) with parameters and a final byte; OSC, DCS, SOS, PM and APC strings up to BEL
// or ST (or the end of the text); any other two-character escape.
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]P^_X]|[\u009d\u0090\u009e\u009f\u0098])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
const LINE_BREAK = /[\t\n\v\f\r]+/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

export function terminalText(text: string, max = 300): string {
  const clean = text.replace(ESCAPE_SEQUENCE, '').replace(LINE_BREAK, ' ').replace(CONTROL, '?');
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
