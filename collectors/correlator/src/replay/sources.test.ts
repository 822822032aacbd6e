import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileSource } from './sources';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lockstep-sources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One hostmetrics cpu scrape of a host with `cpus` cores: 8 states each, one JSON line of about 200 bytes a point. */
function cpuScrape(cpus: number, time: number): string {
  const dataPoints = Array.from({ length: cpus }, (_, cpu) =>
    ['user', 'system', 'idle', 'interrupt', 'nice', 'softirq', 'steal', 'wait'].map((state) => ({
      attributes: [
        { key: 'cpu', value: { stringValue: `cpu${cpu}` } },
        { key: 'state', value: { stringValue: state } },
      ],
      startTimeUnixNano: '1700000000000000000',
      timeUnixNano: `${time}000000`,
      asDouble: 12345.67,
    })),
  ).flat();
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: 'big-1' } }] },
        scopeMetrics: [
          {
            metrics: [
              { name: 'system.cpu.time', unit: 's', sum: { dataPoints, aggregationTemporality: 2, isMonotonic: true } },
            ],
          },
        ],
      },
    ],
  });
}

describe('FileSource.open', () => {
  it('reads JSON lines whose first line is longer than the bytes it sniffs (a 64-core host scrape)', async () => {
    const file = path.join(dir, 'metrics.jsonl');
    const lines = [cpuScrape(64, 1_700_000_010_000), cpuScrape(64, 1_700_000_020_000)];
    expect(lines[0]?.length).toBeGreaterThan(64 * 1024);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const source = await FileSource.open(file);
    expect(source.format).toBe('otlp-metrics');
    for await (const batch of source.batches()) void batch;
    expect(source.stats.lines).toBe(2);
    expect(source.stats.malformed).toBe(0);
  });

  it('still reads a pretty-printed JSON document whole', async () => {
    const file = path.join(dir, 'metrics.json');
    writeFileSync(file, JSON.stringify(JSON.parse(cpuScrape(64, 1_700_000_010_000)), null, 2));
    const source = await FileSource.open(file);
    expect(source.format).toBe('otlp-metrics');
  });
});
