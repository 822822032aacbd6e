/**
 * The one rule for text from the outside (command lines, user names, host names, paths, rule outputs, error
 * messages quoting them) on its way to a person: a summary, a log line, a terminal. Whatever it holds, the result
 * is one line that cannot forge another, recolour a screen, set a window title or reorder what is shown:
 *
 * - escape sequences are removed whole (CSI `ESC [ ... m`, OSC/DCS/SOS/PM/APC strings up to BEL or ST, any other
 *   two-character escape), so no `[31m` debris is left either;
 * - whitespace, line breaks and tabs included, collapses to one space, and the ends are trimmed;
 * - every other control character (C0, DEL, C1) and every Unicode format character that hides or reorders text
 *   (bidi marks, embeddings, overrides and isolates, the Arabic letter mark, zero-width characters) becomes `?`,
 *   so the reader sees that something was there;
 * - text longer than `max` characters (code points, never half of one) is cut, its last kept one being `…`.
 */

/* eslint-disable no-control-regex */
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]P^_X]|[\u009d\u0090\u009e\u009f\u0098])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
const WHITESPACE = /\s+/g;
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/** Longest text shown by default: a command line or a message quoted back, long enough to recognise. */
const SAFE_TEXT_MAX = 300;

export function safeText(text: string, max = SAFE_TEXT_MAX): string {
  const clean = text.replace(ESCAPE_SEQUENCE, '').replace(WHITESPACE, ' ').replace(UNSAFE, '?').trim();
  if (clean.length <= max) return clean;
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
