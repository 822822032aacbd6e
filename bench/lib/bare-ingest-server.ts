/**
 * The baseline of the ingest benchmark: a bare node:http server that reads each request body and parses it the
 * cheapest way the format allows — JSON.parse for OTLP/JSON, a generic protobuf decode for OTLP/protobuf, split on
 * newlines + JSON.parse per line for raw Falco events — and does nothing else. Whatever the service adds on top
 * (validation, normalization, the engine, the store) is the ratio the benchmark reports.
 *
 * Run as a child process: prints {"url": ...} on stdout when listening; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeMetricsRequest } from './otlp-metrics-proto';

function parse(path: string, contentType: string, body: Buffer): number {
  if (path === '/v1/events/falco') {
    let events = 0;
    for (const line of body.toString('utf8').split('\n')) {
      if (line.length > 0 && JSON.parse(line) !== undefined) events += 1;
    }
    return events;
  }
  if (contentType.startsWith('application/x-protobuf')) return decodeMetricsRequest(body) === null ? 0 : 1;
  return JSON.parse(body.toString('utf8')) === undefined ? 0 : 1;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      parse(req.url ?? '', req.headers['content-type'] ?? '', Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch (error) {
      res.writeHead(400).end(String(error));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
