import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** POSTs a body with exact headers (fetch would add or refuse some, e.g. a Content-Encoding it did not apply). */
export function post(url: string, body: Buffer | string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const JSON_TYPE = { 'content-type': 'application/json' };
export const PROTOBUF_TYPE = { 'content-type': 'application/x-protobuf' };

/** A falco alert line on `host` for pid `pid`, at `time` (epoch ms). */
export function falcoLine(host: string, pid: number, time: number): string {
  return JSON.stringify({
    time: new Date(time).toISOString(),
    rule: 'Detect crypto miners using the Stratum protocol',
    priority: 'Critical',
    output: `Crypto miner started (proc.pid=${pid})`,
    hostname: host,
    output_fields: { 'proc.pid': pid, 'proc.name': 'xmrig', 'proc.exepath': '/tmp/xmrig', 'user.name': 'www-data' },
  });
}

/** An OTLP/JSON metrics request: one host's system.cpu.utilization gauge point. */
export function utilizationRequest(host: string, time: number, value: number): string {
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: host } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'system.cpu.utilization',
                unit: '1',
                gauge: {
                  dataPoints: [
                    {
                      timeUnixNano: String(time * 1e6),
                      asDouble: value,
                      attributes: [{ key: 'state', value: { stringValue: 'user' } }],
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  });
}
