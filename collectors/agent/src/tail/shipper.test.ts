import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { TAIL_SCOPE, TallyingExporter, tailProcessor } from './delivery';
import { PositionStore } from './positions';
import type { Tail } from './shipper';
import { TailShipper } from './shipper';
import { newFileStats, tailStatusLine } from './stats';
import { FileTailer } from './tailer';

type Json = Record<string, unknown>;

/**
 * An OTLP/HTTP logs receiver that answers what the test says (200, or a failure status) and keeps the bodies of the
 * records it acknowledged — the lines that count as delivered.
 */
function startReceiver(): Promise<{
  server: Server;
  url: string;
  delivered: string[];
  attributes: Array<Record<string, unknown>>;
  answer: { status: number };
}> {
  const delivered: string[] = [];
  const attributes: Array<Record<string, unknown>> = [];
  const answer = { status: 200 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (answer.status !== 200) {
        response.writeHead(answer.status).end('no');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
      for (const rl of body.resourceLogs as Json[]) {
        for (const sl of rl.scopeLogs as Json[]) {
          for (const record of sl.logRecords as Json[]) {
            delivered.push((record.body as Json).stringValue as string);
            const pairs = record.attributes as Array<{ key: string; value: Json }>;
            attributes.push(Object.fromEntries(pairs.map(({ key, value }) => [key, value.stringValue])));
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ server, url, delivered, attributes, answer });
    }),
  );
}

describe('TailShipper through the SDK and a real OTLP/HTTP exporter', () => {
  let dir: string;
  let file: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let provider: LoggerProvider;
  let store: PositionStore;
  let tail: Tail;
  let shipper: TailShipper;
  let now: number;
  const messages: string[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.server.close());

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-ship-'));
    file = path.join(dir, 'events.json');
    writeFileSync(file, '');
    receiver.delivered.length = 0;
    receiver.attributes.length = 0;
    receiver.answer.status = 200;
    messages.length = 0;
    now = 0;
    // A short export deadline: the exporter's own retries of a 503 end within it.
    const exporter = new TallyingExporter(new OTLPLogExporter({ url: `${receiver.url}/v1/logs`, timeoutMillis: 800 }));
    const processor = tailProcessor(exporter);
    provider = new LoggerProvider({ resource: resourceFromAttributes({ 'host.name': 'h' }), processors: [processor] });
    const flush = async (): Promise<ReturnType<TallyingExporter['take']>> => {
      await processor.forceFlush();
      return exporter.take();
    };
    const log = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(`warn: ${m}`) };
    store = await PositionStore.open(path.join(dir, 'state'), log);
    tail = { tailer: new FileTailer(file), format: 'falco', stats: newFileStats(file, 'falco') };
    shipper = new TailShipper([tail], provider.getLogger(TAIL_SCOPE), flush, store, log, () => now);
    await shipper.round(); // the first poll: the end of the (empty) file
  });
  afterEach(async () => {
    await tail.tailer.close();
    await provider.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each line as a record marked with its format, and commits the position once acknowledged', async () => {
    appendFileSync(file, '{"n":1}\n{"n":2}\n');
    await shipper.round();
    expect(receiver.delivered).toEqual(['{"n":1}', '{"n":2}']);
    expect(receiver.attributes).toEqual([
      { 'lockstep.format': 'falco', 'log.file.path': file },
      { 'lockstep.format': 'falco', 'log.file.path': file },
    ]);
    expect(store.get(file)?.offset).toBe(16);
    expect(tail.stats).toMatchObject({ sent: 2, refused: 0, retries: 0 });
  });

  it('keeps the lines while the receiver fails, commits nothing, and delivers each once when it is back', async () => {
    appendFileSync(file, '{"n":1}\n');
    receiver.answer.status = 503;
    await shipper.round();
    expect(shipper.failing).toBe(true);
    expect(store.get(file)?.offset).toBe(0);
    expect(messages.filter((m) => m.startsWith('warn: cannot deliver'))).toHaveLength(1);
    appendFileSync(file, '{"n":2}\n');
    receiver.answer.status = 200;
    await shipper.round(); // within the backoff: nothing is tried
    expect(receiver.delivered).toEqual([]);
    now = 1_000;
    await shipper.round(); // the kept poll, once
    await shipper.round(); // then what was written meanwhile
    expect(receiver.delivered).toEqual(['{"n":1}', '{"n":2}']);
    expect(store.get(file)?.offset).toBe(16);
    expect(tail.stats).toMatchObject({ sent: 2, retries: 1 });
    expect(messages.some((m) => /delivering tailed lines again/.test(m))).toBe(true);
  }, 15_000);

  it('drops and counts lines refused for good (404: no OTLP logs there), says so once, and moves on', async () => {
    receiver.answer.status = 404;
    appendFileSync(file, '{"n":1}\n');
    await shipper.round();
    appendFileSync(file, '{"n":2}\n');
    await shipper.round();
    expect(tail.stats).toMatchObject({ sent: 0, refused: 2 });
    expect(store.get(file)?.offset).toBe(16);
    expect(shipper.failing).toBe(false);
    const warnings = messages.filter((m) => m.startsWith('warn: the OTLP receiver refused'));
    expect(warnings).toEqual([expect.stringMatching(/refused 1 lines .*HTTP 404.*\/v1\/logs/)]);
    expect(tailStatusLine([tail.stats], shipper.failing)).toMatch(/lines sent 0 · lost 2 \(refused 2, too long 0\)/);
  });
});
