/** Characters that could end a string in HTML or a script if a body were ever inlined or mis-sniffed. */
const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON with `<`, `>`, `&`, U+2028 and U+2029 written as \u escapes: the same value to every JSON parser, but
 * untrusted strings (command lines, rule outputs) never appear as raw markup in a response body.
 */
export function safeJson(payload: unknown): string {
  return JSON.stringify(payload).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
