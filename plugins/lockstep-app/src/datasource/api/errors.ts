import { isFetchError, type FetchError } from '@grafana/runtime';

/**
 * What went wrong talking to the correlator, told apart so the health check and the panels can say what to do:
 * - `unreachable`  Grafana's data proxy could not reach it (network, DNS, wrong port, timeout);
 * - `auth`         it refused the token;
 * - `not-lockstep` something answered, but not the Lockstep query API (a wrong URL or path);
 * - `refused`      it refused the query and said why (4xx with its `{ error }` sentence);
 * - `failed`       it failed inside (5xx).
 */
export type LockstepErrorKind = 'unreachable' | 'auth' | 'not-lockstep' | 'refused' | 'failed';

export class LockstepError extends Error {
  constructor(
    readonly kind: LockstepErrorKind,
    message: string,
    readonly status?: number
  ) {
    super(message);
    this.name = 'LockstepError';
  }
}

/** What Grafana's data proxy answers when the correlator sent 401: it turns it into 400 with this text. */
const PROXY_AUTH_FAILED = 'Authentication to data source failed';
/** Statuses of Grafana's data proxy when it cannot reach or hear back from the target. */
const PROXY_UNREACHABLE = new Set([502, 503, 504]);

interface ErrorBody {
  /** The API's sentence; for a non-JSON body Grafana's backendSrv puts the status text here instead. */
  error?: unknown;
  message?: unknown;
  /** The raw text of a non-JSON body (set by backendSrv). */
  response?: unknown;
}

/**
 * The correlator's own `{ error: "sentence" }` (backendSrv copies it to `message`), or undefined when the body came
 * from something else: a non-JSON page (backendSrv keeps it in `response`) or another server's JSON error, such as
 * `{ message: "Route GET:/x not found", error: "Not Found", statusCode: 404 }`.
 */
function apiSentence(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  const body = data as ErrorBody;
  const ours = body.response === undefined && (body.message === undefined || body.message === body.error);
  return ours && typeof body.error === 'string' && body.error !== '' ? body.error : undefined;
}

function mentionsProxyAuth(data: unknown): boolean {
  if (typeof data === 'string') {
    return data.includes(PROXY_AUTH_FAILED);
  }
  const body = (data ?? {}) as ErrorBody;
  return [body.message, body.response, body.error].some((v) => typeof v === 'string' && v.includes(PROXY_AUTH_FAILED));
}

function fromFetchError(error: FetchError, url: string): LockstepError {
  const { status } = error;
  const sentence = apiSentence(error.data);
  if (status === 401 || (status === 400 && mentionsProxyAuth(error.data))) {
    return new LockstepError(
      'auth',
      `The correlator at ${url} refused the API token: enter the token set as api.token in its configuration ` +
        '(or reset the token here if the correlator runs without one).',
      status
    );
  }
  // The correlator's own sentence wins over any reading of the status (it answers 503 itself while draining).
  if (sentence !== undefined) {
    return status >= 500
      ? new LockstepError('failed', `The correlator failed to answer: ${sentence}`, status)
      : new LockstepError('refused', `The correlator refused the query: ${sentence}`, status);
  }
  if (status <= 0 || PROXY_UNREACHABLE.has(status)) {
    const why =
      status > 0 ? ` (the data proxy answered ${status}${error.statusText ? ` ${error.statusText}` : ''})` : '';
    return new LockstepError(
      'unreachable',
      `Grafana could not reach the correlator at ${url}${why}: check that it is running and that the URL's host ` +
        "and port are the correlator's API listener, reachable from the Grafana server.",
      status
    );
  }
  return new LockstepError(
    'not-lockstep',
    `${url} answered ${status}, but not as a Lockstep correlator: set the URL to the correlator's API ` +
      'address, such as http://correlator:8480, without a path.',
    status
  );
}

/** Any failure of a request to the correlator as a LockstepError with a sentence that says what to do. */
export function toLockstepError(error: unknown, url: string): LockstepError {
  if (error instanceof LockstepError) {
    return error;
  }
  if (isFetchError(error)) {
    return fromFetchError(error, url);
  }
  // Not even the data proxy answered: the browser lost Grafana itself.
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return new LockstepError(
    'unreachable',
    `The request for the correlator at ${url} got no answer from Grafana${detail}: check the connection to Grafana.`
  );
}
