import type { EventFormat } from '@lockstep/contract';
import { EVENT_FORMATS } from '@lockstep/contract';

/**
 * Label values of the ingest counters. Fixed lists, never text from a request, so the number of series stays
 * what it is whatever senders do.
 */
export type Receiver = 'otlp_metrics' | 'otlp_logs' | `events_${EventFormat}`;
export const RECEIVERS: readonly Receiver[] = [
  'otlp_metrics',
  'otlp_logs',
  ...EVENT_FORMATS.map((format): Receiver => `events_${format}`),
];

/**
 * Why received items were not used: unreadable (a time no Date can hold included), of a kind Lockstep does not
 * read, not a security signal, or dated too far after the correlator's clock or before their host's newest data.
 */
export const REJECT_REASONS = ['malformed', 'unsupported', 'not_security', 'future', 'past'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Why accepted items were dropped later: behind the engine's watermark. */
export const DROP_REASONS = ['late'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Why whole requests were refused, by the status they got. */
export const REFUSAL_REASONS = [
  'bad_request',
  'too_large',
  'unsupported_media_type',
  'throttled',
  'unavailable',
  'internal_error',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The refusal reason of an HTTP status. */
export function refusalReason(status: number): RefusalReason {
  switch (status) {
    case 413:
      return 'too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'throttled';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'bad_request';
  }
}
