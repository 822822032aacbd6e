import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadBody {
  data: string | Uint8Array;
  /** Points or events the body carries; counted once the server accepts it. */
  units: number;
}

export interface LoadOptions {
  url: string;
  contentType: string;
  bodies: readonly LoadBody[];
  /** Requests in flight at once, like an exporter's sending queue consumers. */
  concurrency: number;
  /** performance.now() after which no new request starts: every phase ends on time on a slow machine. */
  deadline: number;
  /** Called after each accepted body (e.g. to advance a progress line or sample memory). */
  onAccepted?: (index: number) => void;
}

export interface LoadResult {
  requests: number;
  units: number;
  elapsedMs: number;
  /** 429/503 answers (the service pushing back); the body was sent again after a short pause. */
  pushedBack: number;
  /** Other non-2xx answers and network errors; those bodies are not counted. */
  errors: number;
  firstError?: string;
}

/** A pushed-back body is retried after this long, or the server's Retry-After if shorter: the aim is the ceiling. */
const PUSH_BACK_PAUSE_MS = 200;
const MAX_PUSH_BACKS_PER_BODY = 20;

function post(
  agent: Agent,
  url: URL,
  contentType: string,
  data: string | Uint8Array,
): Promise<{ status: number; text: string; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(data) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8').slice(0, 300),
            ...(retryAfter ? { retryAfter } : {}),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Posts `bodies` in order over keep-alive connections, `concurrency` at a time, until done or the deadline. */
export async function postAll(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const url = new URL(options.url);
  const result: LoadResult = { requests: 0, units: 0, elapsedMs: 0, pushedBack: 0, errors: 0 };
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < options.bodies.length && performance.now() < options.deadline) {
      const index = next;
      next += 1;
      const body = options.bodies[index]!;
      for (let attempt = 0; attempt <= MAX_PUSH_BACKS_PER_BODY; attempt += 1) {
        result.requests += 1;
        try {
          const answer = await post(agent, url, options.contentType, body.data);
          if (answer.status >= 200 && answer.status < 300) {
            result.units += body.units;
            options.onAccepted?.(index);
          } else if (answer.status === 429 || answer.status === 503) {
            result.pushedBack += 1;
            if (attempt === MAX_PUSH_BACKS_PER_BODY) {
              result.errors += 1;
              result.firstError ??= `HTTP ${answer.status} ${MAX_PUSH_BACKS_PER_BODY + 1} times for one body`;
              break;
            }
            const asked = Number(answer.retryAfter ?? '0') * 1000;
            await new Promise((resolve) =>
              setTimeout(resolve, Math.min(PUSH_BACK_PAUSE_MS, asked || PUSH_BACK_PAUSE_MS)),
            );
            continue;
          } else {
            result.errors += 1;
            result.firstError ??= `HTTP ${answer.status}: ${answer.text}`;
          }
        } catch (error) {
          result.errors += 1;
          result.firstError ??= String(error);
        }
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
}
