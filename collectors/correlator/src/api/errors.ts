/** A request the API refuses, with the sentence the client sees as `{ error }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 404 | 405,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

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
