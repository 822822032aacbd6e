import { parseRetryAfter } from './backoff';

/** Outcome of one POST, as errors-as-values: the retry loop decides what to do, nothing throws. */
export type SendResult =
  | { status: 'success'; rejected: number }
  | { status: 'retryable'; reason: string; retryAfterMs?: number }
  | { status: 'failure'; reason: string };

export interface SendRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  timeoutMs: number;
  /** Aborts the request when the exporter's shutdown runs out of time. */
  signal: AbortSignal;
  nowMs: number;
}

/** OTLP/HTTP: these statuses mean "try again later"; every other non-2xx is permanent (spec, "Failures"). */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Characters of a response body looked at for partial success; OTLP answers are a few bytes. */
const MAX_RESPONSE_CHARS = 4096;

/** Records the server refused in a 200 answer (`partialSuccess.rejectedLogRecords`, an int64 as string or number). */
function rejectedIn(text: string): number {
  if (text === '') return 0;
  try {
    const parsed: unknown = JSON.parse(text);
    const partial = (parsed as { partialSuccess?: { rejectedLogRecords?: unknown } } | null)?.partialSuccess;
    const rejected = Number(partial?.rejectedLogRecords ?? 0);
    return Number.isFinite(rejected) && rejected > 0 ? rejected : 0;
  } catch {
    return 0;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/** POSTs one OTLP/JSON logs request. Network errors and timeouts are retryable: a collector restarting looks so. */
export async function sendLogs(request: SendRequest): Promise<SendResult> {
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: request.body,
      signal,
    });
    const text = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
    if (response.ok) return { status: 'success', rejected: rejectedIn(text) };
    const reason = `HTTP ${response.status} from ${request.url}`;
    if (!RETRYABLE_STATUSES.has(response.status)) return { status: 'failure', reason };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), request.nowMs);
    return retryAfterMs === undefined ? { status: 'retryable', reason } : { status: 'retryable', reason, retryAfterMs };
  } catch (error) {
    return { status: 'retryable', reason: `POST ${request.url} failed: ${describe(error)}` };
  }
}
