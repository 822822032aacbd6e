import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventForwarder } from './forwarder';
import { FileTailer } from './tailer';

describe('FileTailer', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-tail-'));
    file = path.join(dir, 'auth.log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts at the end like tail -F, then returns only complete new lines', async () => {
    writeFileSync(file, 'old line\n');
    const tailer = new FileTailer(file);
    expect(await tailer.poll()).toEqual([]);
    appendFileSync(file, 'one\ntw');
    expect(await tailer.poll()).toEqual(['one']);
    appendFileSync(file, 'o\n');
    expect(await tailer.poll()).toEqual(['two']);
    await tailer.close();
  });

  it('reads from the start when asked, and waits for a file that does not exist yet', async () => {
    const tailer = new FileTailer(file, { fromStart: true });
    expect(await tailer.poll()).toEqual([]);
    writeFileSync(file, 'first\nsecond\n');
    expect(await tailer.poll()).toEqual(['first', 'second']);
    await tailer.close();
  });

  it('reads all of a file created after the agent started', async () => {
    const tailer = new FileTailer(file);
    expect(await tailer.poll()).toEqual([]);
    writeFileSync(file, 'created later\n');
    expect(await tailer.poll()).toEqual(['created later']);
    await tailer.close();
  });

  it('survives rotation: the rest of the old file first, then the new file from its start, no duplicates', async () => {
    writeFileSync(file, '');
    const tailer = new FileTailer(file);
    await tailer.poll();
    appendFileSync(file, 'a\n');
    expect(await tailer.poll()).toEqual(['a']);
    appendFileSync(file, 'b\n'); // written just before logrotate renames the file
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'c\n');
    expect(await tailer.poll()).toEqual(['b', 'c']);
    appendFileSync(file, 'd\n');
    expect(await tailer.poll()).toEqual(['d']);
    await tailer.close();
  });

  it('survives truncation in place (copytruncate)', async () => {
    writeFileSync(file, '');
    const tailer = new FileTailer(file);
    await tailer.poll();
    appendFileSync(file, 'before truncation, a long line\n');
    expect(await tailer.poll()).toEqual(['before truncation, a long line']);
    truncateSync(file, 0);
    appendFileSync(file, 'after\n');
    expect(await tailer.poll()).toEqual(['after']);
    await tailer.close();
  });
});

describe('EventForwarder', () => {
  let server: Server;
  let url: string;
  const received: string[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          response.writeHead(503, { 'retry-after': '1' }).end();
          return;
        }
        received.push(...body.trim().split('\n'));
        response.writeHead(request.url === '/v1/events/bad' ? 400 : 200).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    received.length = 0;
    failuresLeft = 0;
  });

  it('sends lines in order and keeps them through a 503 until it may retry (Retry-After)', async () => {
    let now = 0;
    const forwarder = new EventForwarder(`${url}/v1/events/auth`, {}, () => now);
    forwarder.push(['l1', 'l2']);
    failuresLeft = 1;
    await forwarder.flush();
    expect(received).toEqual([]);
    expect(forwarder.pending).toBe(2);
    now = 500; // Retry-After: 1 s has not passed
    await forwarder.flush();
    expect(forwarder.snapshot().failures).toBe(1);
    now = 1_000;
    forwarder.push(['l3']);
    await forwarder.flush();
    expect(received).toEqual(['l1', 'l2', 'l3']);
    expect(forwarder.snapshot()).toEqual({ sent: 3, dropped: 0, failures: 1 });
  });

  it('does not resend lines the correlator refused as bad (4xx)', async () => {
    const forwarder = new EventForwarder(`${url}/v1/events/bad`);
    forwarder.push(['x']);
    await forwarder.flush();
    expect(forwarder.pending).toBe(0);
    expect(forwarder.snapshot().dropped).toBe(1);
  });

  it('keeps lines while the correlator is unreachable', async () => {
    const forwarder = new EventForwarder('http://127.0.0.1:9/v1/events/auth');
    forwarder.push(['kept']);
    await forwarder.flush();
    expect(forwarder.pending).toBe(1);
    expect(forwarder.snapshot().failures).toBe(1);
  });
});
