/**
 * An error that answers a request with a chosen HTTP status and a sentence for the client, thrown by the
 * receivers (bad input, pressure) and the query API (bad parameters, unknown ids) alike. Anything else reaching the
 * error handler is a fault inside the correlator and is answered 500 with INTERNAL_ERROR_MESSAGE.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Seconds for a Retry-After header (429/503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const BAD_REQUEST = 400;
export const NOT_FOUND = 404;
export const METHOD_NOT_ALLOWED = 405;
export const PAYLOAD_TOO_LARGE = 413;
export const UNSUPPORTED_MEDIA_TYPE = 415;
export const TOO_MANY_REQUESTS = 429;
export const INTERNAL_ERROR = 500;
export const SERVICE_UNAVAILABLE = 503;

/** The one answer to a fault inside the correlator: its cause goes to the log, never to the client. */
export const INTERNAL_ERROR_MESSAGE = 'The correlator failed on this request; its log has the details.';

/** Longest piece of client input quoted back in an error message. */
const MAX_QUOTED = 40;

/**
 * Client input quoted in a message: JSON-escaped (no raw control characters or quotes can break a log line or
 * the sentence) and cut short so a megabyte of junk does not come back as a megabyte of error.
 */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return JSON.stringify(cut);
}
