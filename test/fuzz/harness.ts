/**
 * Sends fuzz inputs to a real `lockstep serve` (startService: SQLite store, pipeline, engine, both listeners) in
 * process: through fastify's `inject` (no sockets, thousands of inputs a second: `npm run fuzz`), or over loopback
 * HTTP (under jest, whose module sandbox cannot load inject's ESM dependencies). Each answer is judged: a 500,
 * an exception out of the request, or an answer slower than HANG_MS is a finding; everything else (200, 400, 413,
 * 415, 503 while the store catches up) is the service doing its job.
 */
import fc from 'fast-check';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningService } from '@lockstep/correlator';
import { ConfigSchema, DEFAULT_CONFIG, silentLogger, startService } from '@lockstep/correlator';
import type { FuzzInput, FuzzTarget } from './inputs';
import { inputsFor, wireBody } from './inputs';

/** An answer slower than this is counted as a hang (in process, a request costs well under a millisecond). */
export const HANG_MS = 2_000;

export interface Finding {
  kind: 'crash' | 'hang' | '500';
  detail: string;
  input: string;
}

export interface TargetReport {
  name: string;
  tried: number;
  crashes: number;
  hangs: number;
  errors500: number;
  statuses: Record<number, number>;
  elapsedMs: number;
  findings: Finding[];
}

export type Transport = 'inject' | 'http';

export interface FuzzService {
  service: RunningService;
  transport: Transport;
  close(): Promise<void>;
}

interface Answer {
  statusCode: number;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(base: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function startFuzzService(transport: Transport): Promise<FuzzService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-fuzz-'));
  const config = ConfigSchema.parse({
    ...DEFAULT_CONFIG,
    data_dir: dataDir,
    otlp: { listen: '127.0.0.1:0' },
    api: { listen: '127.0.0.1:0', token: '' },
  });
  const service = await startService(config, { log: silentLogger });
  return {
    service,
    transport,
    close: async () => {
      agent.destroy();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function describe(input: FuzzInput): string {
  const text = input.body.toString('latin1');
  return `${input.gzip ? 'gzip ' : ''}${input.body.length} bytes: ${JSON.stringify(text.slice(0, 300))}`;
}

/** Sends one input; returns the status, or a finding. */
export async function send(
  { service, transport }: FuzzService,
  target: FuzzTarget,
  input: FuzzInput,
): Promise<{ status: number; finding?: Finding }> {
  const started = performance.now();
  const headers: Record<string, string> = { 'content-type': target.contentType };
  if (input.gzip) headers['content-encoding'] = 'gzip';
  try {
    const response =
      transport === 'inject'
        ? await service.apps.otlp.inject({ method: 'POST', url: target.url, headers, payload: wireBody(input) })
        : await post(service.otlpUrl, target.url, headers, wireBody(input));
    const elapsed = performance.now() - started;
    if (response.statusCode >= 500 && response.statusCode !== 503) {
      return {
        status: response.statusCode,
        finding: {
          kind: '500',
          detail: `${response.statusCode} ${response.body.slice(0, 300)}`,
          input: describe(input),
        },
      };
    }
    if (elapsed > HANG_MS) {
      return {
        status: response.statusCode,
        finding: { kind: 'hang', detail: `answered after ${elapsed.toFixed(0)} ms`, input: describe(input) },
      };
    }
    return { status: response.statusCode };
  } catch (error) {
    return {
      status: 0,
      finding: {
        kind: 'crash',
        detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
        input: describe(input),
      },
    };
  }
}

/**
 * Tries `runs` inputs (or as many as fit in `budgetMs`) on one target with fast-check; `seed` makes a run
 * reproducible. Findings are collected, not thrown, so a long run reports every kind it found.
 */
export async function fuzzTarget(
  service: FuzzService,
  target: FuzzTarget,
  options: { runs: number; seed?: number; budgetMs?: number; onProgress?: (report: TargetReport) => void },
): Promise<TargetReport> {
  const report: TargetReport = {
    name: target.name,
    tried: 0,
    crashes: 0,
    hangs: 0,
    errors500: 0,
    statuses: {},
    elapsedMs: 0,
    findings: [],
  };
  const started = performance.now();
  const deadline = options.budgetMs === undefined ? Number.POSITIVE_INFINITY : started + options.budgetMs;
  const arbitrary = inputsFor(target);
  // fast-check draws the inputs; batches keep its per-run bookkeeping small on long runs.
  const batch = Math.min(options.runs, 5_000);
  let seed = options.seed ?? Date.now();
  while (report.tried < options.runs && performance.now() < deadline) {
    const inputs = fc.sample(arbitrary, { numRuns: Math.min(batch, options.runs - report.tried), seed });
    seed += 1;
    for (const input of inputs) {
      const { status, finding } = await send(service, target, input);
      report.tried += 1;
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (finding) {
        if (finding.kind === 'crash') report.crashes += 1;
        else if (finding.kind === 'hang') report.hangs += 1;
        else report.errors500 += 1;
        if (report.findings.length < 5) report.findings.push(finding);
      }
      if (performance.now() >= deadline) break;
    }
    report.elapsedMs = performance.now() - started;
    options.onProgress?.(report);
  }
  report.elapsedMs = performance.now() - started;
  return report;
}
