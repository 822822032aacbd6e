import { z } from 'zod';

/**
 * The service catalogue's YAML (docs/design.md "Service catalogue"): what each service means to the business. Keys
 * are snake_case; unknown keys are errors, so a typo never silently drops a field.
 */

const MAX_PATTERN = 256;
const MAX_TEXT = 200;
/** A catalogue larger than this is not a list of services a person wrote. */
export const MAX_ENTRIES = 10_000;

const pattern = z
  .string({ error: 'must be a glob pattern (text such as "checkout" or "web-*")' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_PATTERN, { error: `must be at most ${MAX_PATTERN} characters` });
const text = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` });

export const MATCH_KEYS = ['service', 'host', 'container_name', 'k8s_namespace'] as const;

const MatchSchema = z
  .strictObject({
    service: pattern.optional(),
    host: pattern.optional(),
    container_name: pattern.optional(),
    k8s_namespace: pattern.optional(),
  })
  .refine((match) => MATCH_KEYS.some((key) => match[key] !== undefined), {
    error: `must name at least one of ${MATCH_KEYS.join(', ')}`,
  });

export const CatalogEntrySchema = z.strictObject({
  match: MatchSchema,
  name: text('the service name people use, such as "Online order processing"'),
  /** The entry's key in `business.service`; by default the `match.service` pattern, else the name. */
  id: text('a short key for the service').optional(),
  tier: z
    .number({ error: 'must be a whole number from 1 (most critical) to 9' })
    .int({ error: 'must be a whole number from 1 (most critical) to 9' })
    .min(1, { error: 'must be a whole number from 1 (most critical) to 9' })
    .max(9, { error: 'must be a whole number from 1 (most critical) to 9' })
    .optional(),
  owner: text('the owning team').optional(),
  data_classes: z
    .array(text('a data class such as PCI or PII'), { error: 'must be a list such as [PCI, PII]' })
    .max(20, { error: 'must list at most 20 classes' })
    .optional(),
  cost_per_hour: z
    .number({ error: 'must be a number of currency units lost per hour, such as 12000' })
    .nonnegative({ error: 'must not be negative' })
    .max(1e12, { error: 'must be at most 1e12' })
    .optional(),
});

export const CatalogSchema = z.strictObject({
  services: z
    .array(CatalogEntrySchema, { error: 'must be a list of services' })
    .max(MAX_ENTRIES, { error: `must list at most ${MAX_ENTRIES} services` }),
});

export type CatalogEntry = z.output<typeof CatalogEntrySchema>;
