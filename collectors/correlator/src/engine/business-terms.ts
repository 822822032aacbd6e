import type { Business } from '@lockstep/contract';
import { safeText as clean } from '../model/safe-text';

const NAME_LIMIT = 96;
const CLASS_LIMIT = 32;
const MS_PER_HOUR = 3_600_000;

/** `Online order processing (tier 1, in PCI and PII scope, owned by Payments)`. */
export function businessName(business: Business): string {
  const details: string[] = [];
  if (business.tier !== undefined) details.push(`tier ${business.tier}`);
  const classes = (business.data_classes ?? []).map((c) => clean(c, CLASS_LIMIT));
  if (classes.length > 0) details.push(`in ${listOf(classes)} scope`);
  if (business.owner !== undefined) details.push(`owned by ${clean(business.owner, NAME_LIMIT)}`);
  const name = clean(business.name, NAME_LIMIT);
  return details.length === 0 ? name : `${name} (${details.join(', ')})`;
}

/** cost_per_hour × the incident's duration, in whole currency units; undefined without a cost. */
export function estimatedCost(business: Business | null | undefined, spanMs: number): number | undefined {
  if (business?.cost_per_hour === undefined) return undefined;
  return Math.round((business.cost_per_hour * Math.max(0, spanMs)) / MS_PER_HOUR);
}

/** ` Estimated cost so far: 2,800 (12,000 per hour).`, or '' without a cost. */
export function costSentence(business: Business | null | undefined, spanMs: number, open: boolean): string {
  const cost = estimatedCost(business, spanMs);
  if (cost === undefined || business?.cost_per_hour === undefined) return '';
  const rate = wholeNumber(business.cost_per_hour);
  return ` Estimated cost${open ? ' so far' : ''}: ${wholeNumber(cost)} (${rate} per hour).`;
}

/**
 * `12000` as `12,000`: rounded to a whole number, thousands grouped as en-US writes them. Not Intl.NumberFormat:
 * constructing one pages in ICU's locale data, about 7 MiB resident for the rest of the process's life (at module
 * load, with or without a catalogue), for the one number format the service writes.
 */
export function wholeNumber(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function listOf(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
