import type { Params } from '../where';

/**
 * The store's queries are written with `@name` parameters (the SQLite dialect's, shared with `Where`); PostgreSQL
 * numbers them. Each name becomes one `$n`, however often it appears, and every value is bound, never spliced.
 */
export interface Bound {
  text: string;
  values: unknown[];
}

const NAMED = /@([A-Za-z_][A-Za-z0-9_]*)/g;

export function bindNamed(sql: string, params: Params): Bound {
  const order = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(NAMED, (_match, name: string) => {
    let index = order.get(name);
    if (index === undefined) {
      if (!Object.hasOwn(params, name)) throw new Error(`query parameter @${name} has no value`);
      const value = params[name];
      values.push(typeof value === 'string' ? pgText(value) : value);
      index = values.length;
      order.set(name, index);
    }
    return `$${index}`;
  });
  return { text, values };
}

/**
 * PostgreSQL text cannot hold NUL, which untrusted names may carry (a host.name from the wire). Indexed columns and
 * the filters that compare with them go through this injective escape (`\` doubled, NUL as `\0`), so equal names
 * stay equal and different names stay different; `fromPgText` undoes it for names read back. The JSON bodies need
 * neither: JSON.stringify writes NUL as `\u0000`.
 */
export function pgText(value: string): string {
  // Nearly every name has none of the characters concerned: one scan of a plain character class says so.
  if (!NEEDS_ESCAPE.test(value)) return value;
  const text = LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATE_ALL, '\uFFFD') : value;
  return text.includes('\\') || text.includes('\u0000')
    ? text.replaceAll('\\', '\\\\').replaceAll('\u0000', '\\0')
    : text;
}

/**
 * Half a UTF-16 surrogate pair has no UTF-8 form: the driver would send U+FFFD in its place, and PostgreSQL's JSON
 * refuses it outright. It becomes U+FFFD here, for columns and filters alike, so the two still compare equal.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');
/** Any character pgText may change: a backslash, NUL, or a surrogate (paired or not). */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const NEEDS_ESCAPE = /[\\\u0000\uD800-\uDFFF]/;

export function fromPgText(value: string): string {
  return value.includes('\\') ? value.replace(/\\(\\|0)/g, (_m, c: string) => (c === '0' ? '\u0000' : '\\')) : value;
}

/** `pgText` for a column value that may be absent. */
export function pgTextOrNull(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : pgText(String(value));
}
