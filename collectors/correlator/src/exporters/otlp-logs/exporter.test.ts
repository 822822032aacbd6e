import type { Answer, Receiver } from './__fixtures__/receiver';
import { startReceiver, unusedUrl } from './__fixtures__/receiver';
import { MINER_ATTRIBUTES, minerIncident, numbered } from './__fixtures__/incident';
import type { IncidentLogExporterOptions } from './exporter';
import { IncidentLogExporter } from './exporter';
import type { ExportStats } from './exporter';

const OK: Answer = { status: 200 };
const UNAVAILABLE: Answer = { status: 503 };

let receiver: Receiver | undefined;
let exporter: IncidentLogExporter | undefined;

afterEach(async () => {
  await exporter?.shutdown(100);
  await receiver?.close();
  exporter = undefined;
  receiver = undefined;
});

function exporterFor(url: string, overrides: Partial<IncidentLogExporterOptions> = {}): IncidentLogExporter {
  exporter = new IncidentLogExporter({
    endpoint: url,
    headers: { authorization: 'Bearer s3cret' },
    timeoutMs: 1000,
    queueSize: 100,
    maxBatch: 10,
    retry: { maxAttempts: 3, initialBackoffMs: 40, maxBackoffMs: 200 },
    shutdownTimeoutMs: 2000,
    ...overrides,
  });
  return exporter;
}

/** Polls until `done()` holds; the exporter works in the background, so tests wait on what it reports. */
async function until(done: () => boolean, timeoutMs = 4000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Attr = { key: string; value: Record<string, unknown> };
type Record_ = { attributes: Attr[]; body: { stringValue: string }; severityNumber: number; timeUnixNano: string };

function attrs(record: unknown): Record<string, unknown> {
  return Object.fromEntries((record as Record_).attributes.map((a) => [a.key, Object.values(a.value)[0]]));
}

function recordsIn(body: unknown): unknown[] {
  return (body as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: unknown[] }> }> }).resourceLogs[0]!
    .scopeLogs[0]!.logRecords;
}

function settled(stats: ExportStats): number {
  return stats.sent + stats.failed + stats.dropped;
}

describe('IncidentLogExporter', () => {
  it('posts an OTLP/JSON logs request that a real receiver decodes into the incident attributes', async () => {
    receiver = await startReceiver(() => OK);
    const out = exporterFor(receiver.url);
    out.export(minerIncident());
    await until(() => out.stats().sent === 1);

    const request = receiver.requests[0]!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer s3cret');
    const body = request.body as { resourceLogs: Array<{ resource: { attributes: Attr[] } }> };
    expect(attrs(body.resourceLogs[0]!.resource)['service.name']).toBe('lockstep-correlator');
    const [record] = receiver.stored();
    expect(attrs(record)).toEqual(MINER_ATTRIBUTES);
    expect((record as Record_).severityNumber).toBe(21);
    expect((record as Record_).timeUnixNano).toBe(`${Date.parse('2026-11-23T03:20:30.000Z')}000000`);
    expect(out.stats()).toEqual({ queued: 0, sent: 1, failed: 0, dropped: 0, retries: 0 });
  });

  it('sends the incidents of one tick together, up to max_batch per request', async () => {
    receiver = await startReceiver(() => OK);
    const out = exporterFor(receiver.url, { maxBatch: 4 });
    for (let i = 0; i < 10; i += 1) out.export(numbered(i));
    await until(() => out.stats().sent === 10);
    expect(receiver.requests.map((r) => recordsIn(r.body).length)).toEqual([4, 4, 2]);
    expect(receiver.stored().map((r) => attrs(r)['lockstep.incident.id'])).toEqual(
      Array.from({ length: 10 }, (_, i) => numbered(i).id),
    );
  });

  it('retries a batch answered 503 twice after backing off, and delivers it once', async () => {
    receiver = await startReceiver((index) => (index < 2 ? UNAVAILABLE : OK));
    const out = exporterFor(receiver.url, { random: () => 0 });
    out.export(minerIncident());
    await until(() => out.stats().sent === 1);

    expect(receiver.requests).toHaveLength(3);
    expect(receiver.stored()).toHaveLength(1);
    const [first, second, third] = receiver.requests.map((r) => r.atMs);
    // Equal jitter with random() = 0 waits half the schedule: 20 ms, then 40 ms.
    expect(second! - first!).toBeGreaterThanOrEqual(19);
    expect(third! - second!).toBeGreaterThanOrEqual(39);
    expect(out.stats()).toEqual({ queued: 0, sent: 1, failed: 0, dropped: 0, retries: 2 });
  });

  it('waits as long as Retry-After asks before retrying', async () => {
    receiver = await startReceiver((index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : OK));
    const out = exporterFor(receiver.url, { retry: { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 5000 } });
    out.export(minerIncident());
    await until(() => out.stats().sent === 1);
    expect(receiver.requests[1]!.atMs - receiver.requests[0]!.atMs).toBeGreaterThanOrEqual(990);
  });

  it('gives up after max_attempts on a receiver that always fails, counting the records as failed', async () => {
    receiver = await startReceiver(() => UNAVAILABLE);
    const errors: string[] = [];
    const out = exporterFor(receiver.url, { onError: (message) => errors.push(message) });
    out.export(numbered(1));
    out.export(numbered(2));
    await until(() => out.stats().failed === 2);
    expect(receiver.requests).toHaveLength(3);
    expect(out.stats()).toEqual({ queued: 0, sent: 0, failed: 2, dropped: 0, retries: 2 });
    expect(errors).toEqual([expect.stringContaining('gave up on 2 incident records after 3 attempts: HTTP 503')]);
  });

  it('does not retry a permanent error', async () => {
    receiver = await startReceiver(() => ({ status: 400, body: '{"message":"bad"}' }));
    const out = exporterFor(receiver.url);
    out.export(minerIncident());
    await until(() => out.stats().failed === 1);
    expect(receiver.requests).toHaveLength(1);
    expect(out.stats().retries).toBe(0);
  });

  it('counts records refused in a partial success as failed, the rest as sent', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: '{"partialSuccess":{"rejectedLogRecords":"1"}}' }));
    const out = exporterFor(receiver.url);
    for (let i = 0; i < 3; i += 1) out.export(numbered(i));
    await until(() => settled(out.stats()) === 3);
    expect(out.stats()).toMatchObject({ sent: 2, failed: 1 });
  });

  it('retries an unreachable endpoint a bounded number of times, then counts the batch as failed', async () => {
    const errors: string[] = [];
    const out = exporterFor(await unusedUrl(), { onError: (message) => errors.push(message) });
    out.export(minerIncident());
    await until(() => out.stats().failed === 1);
    expect(out.stats()).toEqual({ queued: 0, sent: 0, failed: 1, dropped: 0, retries: 2 });
    expect(errors[0]).toMatch(/after 3 attempts: POST http:\/\/127\.0\.0\.1:\d+\/v1\/logs failed/);
  });

  it('times out an attempt the receiver never answers', async () => {
    receiver = await startReceiver(() => 'hang');
    const out = exporterFor(receiver.url, {
      timeoutMs: 100,
      retry: { maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 10 },
    });
    out.export(minerIncident());
    await until(() => out.stats().failed === 1, 2000);
    expect(receiver.requests).toHaveLength(2);
  });

  it('never blocks the caller: a stuck backend costs counted drops of the oldest records, not time', async () => {
    receiver = await startReceiver(() => 'hang');
    const out = exporterFor(receiver.url, { queueSize: 5, maxBatch: 5, timeoutMs: 5000 });
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) out.export(numbered(i));
    const elapsedMs = performance.now() - started;
    await until(() => receiver!.requests.length === 1);
    for (let i = 20; i < 2020; i += 1) out.export(numbered(i));

    expect(elapsedMs).toBeLessThan(50);
    const ids = recordsIn(receiver.requests[0]!.body).map((r) => attrs(r)['lockstep.incident.id']);
    // The full queue kept the newest five of the first burst.
    expect(ids).toEqual([15, 16, 17, 18, 19].map((i) => numbered(i).id));
    // Five in flight, five waiting; everything else pushed out and counted.
    expect(out.stats()).toEqual({ queued: 10, sent: 0, failed: 0, dropped: 2010, retries: 0 });
  });

  it('flushes what is queued on shutdown, is safe to call twice, and drops exports after it', async () => {
    receiver = await startReceiver(() => OK);
    const out = exporterFor(receiver.url);
    for (let i = 0; i < 25; i += 1) out.export(numbered(i));
    await Promise.all([out.shutdown(), out.shutdown()]);
    expect(receiver.stored()).toHaveLength(25);
    out.export(numbered(99));
    expect(out.stats()).toEqual({ queued: 0, sent: 25, failed: 0, dropped: 1, retries: 0 });
  });

  it('ends shutdown within its timeout against a stuck backend, counting what was not delivered', async () => {
    receiver = await startReceiver(() => 'hang');
    const out = exporterFor(receiver.url, { maxBatch: 2, timeoutMs: 10_000 });
    for (let i = 0; i < 5; i += 1) out.export(numbered(i));
    await until(() => receiver!.requests.length === 1);
    const started = Date.now();
    await out.shutdown(150);
    expect(Date.now() - started).toBeLessThan(1000);
    // The two in flight were cut off (failed); the three never tried are dropped.
    expect(out.stats()).toEqual({ queued: 0, sent: 0, failed: 2, dropped: 3, retries: 0 });
  });

  it('ends shutdown during a long backoff instead of waiting it out', async () => {
    receiver = await startReceiver(() => ({ status: 503, headers: { 'retry-after': '30' } }));
    const out = exporterFor(receiver.url, { retry: { maxAttempts: 5, initialBackoffMs: 10, maxBackoffMs: 60_000 } });
    out.export(minerIncident());
    await until(() => receiver!.requests.length === 1);
    const started = Date.now();
    await out.shutdown(100);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(out.stats()).toMatchObject({ queued: 0, failed: 1 });
  });
});
