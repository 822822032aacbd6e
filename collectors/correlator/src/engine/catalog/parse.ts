import type { Document } from 'yaml';
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { Catalog } from './catalog';
import { CatalogSchema } from './schema';

/** A catalogue that cannot be used: each problem names the line and the key. */
export class CatalogError extends Error {}

/** Problems quoted in one error: enough to fix a file in one go, few enough to read. */
const MAX_PROBLEMS = 10;

/**
 * Reads a service catalogue (YAML text). Throws CatalogError naming `source`, the line and the key of each
 * problem: YAML syntax, duplicate keys, unknown keys, wrong types, missing fields.
 */
export function parseCatalog(text: string, source: string): Catalog {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, MAX_PROBLEMS).map((error) => {
      const line = error.linePos?.[0].line;
      const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return `${line === undefined ? '' : `line ${line}: `}${message}`;
    });
    throw new CatalogError(`service catalogue ${source} is not valid YAML:\n  ${problems.join('\n  ')}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const parsed = CatalogSchema.safeParse(value ?? {}, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => describe(issue, doc, lines));
    throw new CatalogError(`service catalogue ${source} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return new Catalog(parsed.data.services);
}

function describe(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    return `${at(lineOf(doc, lines, path, key))}${keyName([...path, key])}: unknown key`;
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const line = missing ? lineOf(doc, lines, path.slice(0, -1)) : lineOf(doc, lines, path);
  return `${at(line)}${keyName(path)}: ${missing ? 'is required' : issue.message}`;
}

/** `services[2].match.service`. */
function keyName(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function at(line: number | undefined): string {
  return line === undefined ? '' : `line ${line}: `;
}

/** The line of the node at `path` (of its key when `key` is given), or of the nearest node above it. */
function lineOf(
  doc: Document,
  lines: LineCounter,
  path: ReadonlyArray<string | number>,
  key?: string,
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (depth === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lines.linePos(range[0]).line;
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return undefined;
}
