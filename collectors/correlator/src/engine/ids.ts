import { createHash } from 'node:crypto';

/**
 * Deterministic ids: the same data gives the same ids in `lockstep replay` and in the service, so an
 * incident can be looked up by the id a replay printed. 16 hex digits keep collisions out of reach for the
 * number of incidents one deployment ever holds.
 */
export function stableId(prefix: string, ...parts: Array<string | number>): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
  return `${prefix}_${hash}`;
}
