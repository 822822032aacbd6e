import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers its n-th request (0-based); `hang` never answers until the receiver closes. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface Received {
  atMs: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Receiver {
  url: string;
  requests: Received[];
  /** Log records of every request answered 2xx, in order: what a backend actually stored. */
  stored(): unknown[];
  close(): Promise<void>;
}

interface RequestBody {
  resourceLogs?: Array<{ scopeLogs?: Array<{ logRecords?: unknown[] }> }>;
}

function recordsOf(body: unknown): unknown[] {
  const request = body as RequestBody;
  return (request.resourceLogs ?? []).flatMap((r) => (r.scopeLogs ?? []).flatMap((s) => s.logRecords ?? []));
}

/** A real OTLP/HTTP logs endpoint on loopback that decodes OTLP/JSON bodies and answers from a script. */
export async function startReceiver(answer: (index: number) => Answer): Promise<Receiver> {
  const requests: Received[] = [];
  const accepted: boolean[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = requests.length;
      requests.push({
        atMs: Date.now(),
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      const reply = answer(index);
      accepted.push(reply !== 'hang' && reply.status < 300);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/logs`,
    requests,
    stored: () => requests.flatMap((request, i) => (accepted[i] === true ? recordsOf(request.body) : [])),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: a port the OS gave out and took back. */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/logs`;
}
