import { z } from 'zod';
import { IsoTimeSchema } from '@lockstep/contract';
import { parseIsoMillis } from '../model/time';

/**
 * Query parameters arrive as strings. Each parser here carries one sentence ("must be …") that the error
 * reply prefixes with the parameter's name, and OpenAPI metadata describing the value a client sends.
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Longer than any host, container id, service or pod name: past this it is a mistake or an attack. */
const MAX_NAME = 256;
/** The store's cursors are ~40 characters; this leaves room without accepting junk by the megabyte. */
const MAX_CURSOR = 512;
const EPOCH_MS = /^\d{1,15}$/;

/** JSON Schema keywords for the documented value, merged over the generated `{ type: 'string' }`. */
interface ParamMeta {
  description: string;
  [keyword: string]: unknown;
}

/** A string parameter turned into a value by `parse`, which returns undefined for anything it refuses. */
function param<T>(message: string, parse: (raw: string) => T | undefined, meta: ParamMeta) {
  return z
    .string({ error: message })
    .transform((raw, ctx) => {
      const value = parse(raw);
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message, input: raw });
        return z.NEVER;
      }
      return value;
    })
    .meta(meta);
}

/** A contract enum as a parameter, with an error that lists the accepted values. */
export function oneOf<T extends Readonly<Record<string, string>>>(source: z.ZodEnum<T>, description: string) {
  return z.enum(source.enum, { error: `must be one of ${source.options.join(', ')}` }).meta({ description });
}

export const timeParam = (description: string) =>
  param(
    'must be epoch milliseconds or an ISO-8601 time with a zone, such as 2026-03-01T12:00:00Z',
    (raw) => {
      if (EPOCH_MS.test(raw)) return Number(raw);
      return IsoTimeSchema.safeParse(raw).success ? parseIsoMillis(raw) : undefined;
    },
    {
      description: `${description} Epoch ms (1772366400000) or ISO-8601 with Z or an offset (2026-03-01T12:00:00Z).`,
      anyOf: [
        { type: 'string', pattern: EPOCH_MS.source },
        { type: 'string', format: 'date-time' },
      ],
    },
  );

export const nameParam = (description: string) =>
  z
    .string({ error: `must be 1 to ${MAX_NAME} characters` })
    .min(1)
    .max(MAX_NAME)
    .meta({ description });

/** A whole number from 1 to `max` (at most 4 digits). */
const countParam = (max: number, description: string) =>
  param(
    `must be a whole number from 1 to ${max}`,
    (raw) => (/^\d{1,4}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : undefined),
    { description, type: 'integer', minimum: 1, maximum: max },
  );

export const limitParam = countParam(MAX_LIMIT, 'Items per page, newest first.').default(DEFAULT_LIMIT);

/** Names a variable query lists at most: past this a dropdown is unusable; narrow by host or range instead. */
export const MAX_ENTITIES = 1000;

export const entityLimitParam = countParam(MAX_ENTITIES, 'Names at most (default and largest: 1000).').default(
  MAX_ENTITIES,
);

export const cursorParam = z
  .string({ error: "must be the 'next' value of a previous page, unchanged" })
  .min(1)
  .max(MAX_CURSOR)
  .meta({ description: 'The `next` value of the previous page; omit for the first page.' });

export const minScoreParam = param(
  'must be a number from 0 to 1, such as 0.5',
  (raw) => (/^(?:0|1|0?\.\d{1,6}|1\.0{1,6})$/.test(raw) ? Number(raw) : undefined),
  { description: 'Only incidents scoring at least this (0.5 = correlated).', type: 'number', minimum: 0, maximum: 1 },
);

export const correlatedParam = param(
  "must be 'true' (the API filters by a minimum score; omit it for every incident)",
  (raw) => (raw === 'true' ? true : undefined),
  { description: 'Shorthand for min_score=0.5: only correlated incidents.', enum: ['true'] },
);

const DURATION = /^(\d{1,12})(ms|s|m|h|d)?$/;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };
const MIN_STEP_MS = 1000;
/** A year of buckets at most; the store separately refuses ranges that would make too many. */
const MAX_STEP_MS = 366 * DAY_MS;

export const stepParam = param(
  'must be a duration from 1s to 366d: milliseconds, or a number with ms, s, m, h or d (such as 5m)',
  (raw) => {
    const match = DURATION.exec(raw);
    if (!match) return undefined;
    const ms = Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
    return ms >= MIN_STEP_MS && ms <= MAX_STEP_MS ? ms : undefined;
  },
  {
    description: 'Bucket width of the per-step figures (default 1h): milliseconds, or 30s, 15m, 1h, 1d.',
    pattern: DURATION.source,
  },
);
