/**
 * RFC 5424 STRUCTURED-DATA: `-`, or one or more `[id param="value" ...]` elements. Values may hold `]`, spaces and
 * escaped quotes (`\"`, `\\`, `\]`), so the end is found by walking the elements, never by searching for `] `.
 */

/** Elements read at most; a real record carries a handful (timeQuality, origin, meta). */
const MAX_ELEMENTS = 64;

/** Index just past the structured data at the start of `text` (before the space or end that follows it). */
export function structuredDataEnd(text: string): number | undefined {
  if (text.startsWith('-')) return text.length === 1 || text[1] === ' ' ? 1 : undefined;
  let i = 0;
  for (let elements = 0; text[i] === '['; elements += 1) {
    if (elements >= MAX_ELEMENTS) return undefined;
    const end = elementEnd(text, i);
    if (end === undefined) return undefined;
    i = end;
  }
  if (i === 0 || (i < text.length && text[i] !== ' ')) return undefined;
  return i;
}

/** Index past the `]` closing the element that opens at `start`. */
function elementEnd(text: string, start: number): number | undefined {
  let inValue = false;
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text[i];
    if (inValue) {
      if (c === '\\') i += 1;
      else if (c === '"') inValue = false;
    } else if (c === '"') inValue = true;
    else if (c === ']') return i + 1;
  }
  return undefined;
}
