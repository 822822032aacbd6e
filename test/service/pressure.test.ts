import { request } from 'node:http';
import type { SignalRecord } from '@lockstep/contract';
import { checkExposition } from '../../collectors/correlator/src/exporters/prometheus/__fixtures__/exposition-check';
import type { SqliteStore } from '@lockstep/correlator';
import { openStore } from '@lockstep/correlator';
import type { TestService } from './harness';
import { startTestService, testConfig } from './harness';
import { falcoLine, JSON_TYPE, post } from './requests';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const NDJSON = { 'content-type': 'application/x-ndjson' };

let running: TestService | undefined;
afterEach(async () => {
  await running?.dispose();
  running = undefined;
});

/** A real store whose signal writes wait until `release()`: the store falls behind on demand. */
function slowStore(dataDir: string): { store: SqliteStore; release: () => void } {
  const store = openStore(dataDir);
  const waiting: Array<() => void> = [];
  const put = store.putSignals.bind(store);
  let open = false;
  store.putSignals = ((signals: readonly SignalRecord[]) => {
    if (open) return put(signals);
    return new Promise<void>((resolve) => waiting.push(() => resolve(put(signals))));
  }) as typeof store.putSignals;
  return {
    store,
    release: () => {
      open = true;
      for (const go of waiting.splice(0)) go();
    },
  };
}

test('503 + Retry-After when the store is behind; nothing acknowledged is lost once it catches up', async () => {
  const dataDir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/lockstep-slow-`);
  const slow = slowStore(dataDir);
  running = await startTestService(
    { limits: { max_pending_store_writes: 1, retry_after_seconds: 7 } },
    { store: slow.store },
  );
  const url = `${running.service.otlpUrl}/v1/events/falco`;
  const first = post(url, falcoLine('slow-1', 1, T0), NDJSON);
  const second = post(url, falcoLine('slow-2', 2, T0), NDJSON);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const refused = await post(url, falcoLine('slow-3', 3, T0), NDJSON);
  expect(refused.status).toBe(503);
  expect(refused.headers['retry-after']).toBe('7');
  expect(refused.body.toString()).toMatch(/behind; retry later/);
  slow.release();
  expect((await first).status).toBe(200);
  expect((await second).status).toBe(200);
  const hosts = (await running.service.store.listSignals({ limit: 10 })).items.map((s) => s.entity['host.name']);
  expect(hosts.sort()).toEqual(['slow-1', 'slow-2']);
  (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
});

test('429 + Retry-After when the bytes of requests in flight pass the budget', async () => {
  running = await startTestService({ limits: { max_in_flight_bytes: 64 * 1024, retry_after_seconds: 3 } });
  const url = new URL(`${running.service.otlpUrl}/v1/events/falco`);
  // A slow upload has sent 60 kB of its body (the budget is charged what arrived) and pauses.
  const line = falcoLine('held', 1, T0);
  const body = `${line}\n${' '.repeat(60_000 - line.length - 1)}`;
  const held = new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...NDJSON, 'content-length': String(body.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 59_000));
    setTimeout(() => req.end(body.slice(59_000)), 300);
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const refused = await post(url.href, falcoLine('refused', 2, T0).padEnd(10_000, ' '), NDJSON);
  expect(refused.status).toBe(429);
  expect(refused.headers['retry-after']).toBe('3');
  expect(await held).toBe(200);
  // Once the held request is done, the budget is free again.
  expect((await post(url.href, falcoLine('after', 3, T0), NDJSON)).status).toBe(200);
});

test('100k distinct hostile host names: answered 200, /metrics stays small and valid', async () => {
  running = await startTestService({ metrics: { max_host_series: 10 }, engine: { idle_advance_ms: 0 } });
  const hostile = (i: number): string => `h"\\\n${i}} 1\n# TYPE x gauge`;
  for (let part = 0; part < 4; part++) {
    const resources = [];
    for (let i = part * 25_000; i < (part + 1) * 25_000; i++) {
      resources.push({
        resource: { attributes: [{ key: 'host.name', value: { stringValue: hostile(i) } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'system.cpu.utilization',
                gauge: { dataPoints: [{ timeUnixNano: String(T0 * 1e6), asDouble: 0.5 }] },
              },
            ],
          },
        ],
      });
    }
    const answer = await post(
      `${running.service.otlpUrl}/v1/metrics`,
      JSON.stringify({ resourceMetrics: resources }),
      JSON_TYPE,
    );
    expect(answer.status).toBe(200);
  }
  const text = await (await fetch(`${running.service.apiUrl}/metrics`)).text();
  expect(checkExposition(text)).toEqual([]);
  // Only the unmanaged-asset gauge names hosts (all of these are seen by metrics only), at most
  // metrics.max_host_series of them, each escaped as a label value.
  const named = text.split('\n').filter((line) => line.includes('h\\"'));
  expect(named.every((line) => line.startsWith('lockstep_unmanaged_asset{'))).toBe(true);
  expect(named.length).toBeLessThanOrEqual(10);
  expect(text.split('\n').length).toBeLessThan(1000);
}, 60_000);

test('testConfig leaves the defaults it is not told to change', () => {
  const config = testConfig('/tmp/x', { limits: { max_body_bytes: 5 } });
  expect(config.limits.max_body_bytes).toBe(5);
  expect(config.limits.max_in_flight_bytes).toBe(128 << 20);
});
