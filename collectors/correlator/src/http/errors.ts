/**
 * An error that answers a request with a chosen HTTP status and a message for the client. Receivers throw
 * these for bad input; anything else reaching the error handler is a bug and is answered 500.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Seconds for a Retry-After header (429/503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const BAD_REQUEST = 400;
export const PAYLOAD_TOO_LARGE = 413;
export const UNSUPPORTED_MEDIA_TYPE = 415;
export const TOO_MANY_REQUESTS = 429;
export const SERVICE_UNAVAILABLE = 503;
