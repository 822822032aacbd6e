import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { OtlpMetricsDecoder } from '@lockstep/correlator';
import { EVENT_FORMATS } from '@lockstep/contract';

const DIR = path.resolve(__dirname, '../collectors/otelcol');
const KINDS = ['receivers', 'processors', 'exporters', 'extensions'] as const;
type Config = Record<string, Record<string, unknown> | undefined> & {
  service: { extensions?: string[]; pipelines: Record<string, Record<string, string[] | undefined>> };
};

const known = parse(readFileSync(path.join(DIR, 'contrib-components.yaml'), 'utf8')) as Record<
  string,
  Record<string, string>
>;
const load = (file: string): Config => parse(readFileSync(path.join(DIR, file), 'utf8')) as Config;
const typeOf = (id: string): string => id.split('/')[0] as string;

describe.each(['agent.yaml', 'compose.yaml', 'gateway.yaml', 'shard.yaml'])('collector config %s', (file) => {
  const config = load(file);

  it('defines only components of the contrib distribution', () => {
    for (const kind of KINDS) {
      for (const id of Object.keys(config[kind] ?? {}))
        expect([kind, typeOf(id), known[kind]?.[typeOf(id)] !== undefined]).toEqual([kind, typeOf(id), true]);
    }
  });

  it('wires every pipeline to defined components, for metrics and logs only', () => {
    const pipelines = Object.entries(config.service.pipelines);
    expect(pipelines.length).toBeGreaterThan(0);
    for (const [name, pipeline] of pipelines) {
      expect(['metrics', 'logs']).toContain(typeOf(name));
      for (const kind of ['receivers', 'processors', 'exporters'] as const) {
        for (const id of pipeline[kind] ?? []) expect(Object.keys(config[kind] ?? {})).toContain(id);
      }
      expect(pipeline.receivers?.length).toBeGreaterThan(0);
      expect(pipeline.exporters?.length).toBeGreaterThan(0);
    }
    for (const id of config.service.extensions ?? []) expect(Object.keys(config.extensions ?? {})).toContain(id);
  });
});

describe('the agent collector config feeds what the correlator reads', () => {
  const config = load('agent.yaml');
  const receivers = config.receivers as Record<string, Record<string, unknown>>;

  it('scrapes host CPU per cpu and state and process CPU with identity and cgroup attributes', () => {
    const scrapers = receivers.hostmetrics?.scrapers as Record<
      string,
      Record<string, Record<string, { enabled: boolean }>>
    >;
    expect(scrapers.cpu).toBeDefined();
    expect(scrapers.process?.metrics?.['process.cpu.time']?.enabled).toBe(true);
    const attributes = scrapers.process?.resource_attributes ?? {};
    for (const key of [
      'process.pid',
      'process.parent_pid',
      'process.executable.name',
      'process.executable.path',
      'process.command_line',
      'process.owner',
      'process.cgroup',
    ]) {
      expect([key, attributes[key]?.enabled]).toEqual([key, true]);
    }
  });

  it('marks every tailed log with a format the correlator normalizes', () => {
    const filelogs = Object.entries(receivers).filter(([id]) => typeOf(id) === 'filelog');
    expect(filelogs.map(([id]) => id).sort()).toEqual(['filelog/audit', 'filelog/auth', 'filelog/falco']);
    for (const [, receiver] of filelogs) {
      const format = (receiver.attributes as Record<string, string>)['lockstep.format'];
      expect(EVENT_FORMATS).toContain(format);
    }
  });

  it('sends to the correlator over OTLP/HTTP', () => {
    const exporters = config.exporters as Record<string, Record<string, unknown>>;
    expect(String(exporters['otlphttp/lockstep']?.endpoint)).toMatch(/4318/);
  });

  it('gives processes a container from the process.cgroup path the process scraper reports', () => {
    const id = 'ab'.repeat(32);
    const attribute = (key: string, value: unknown): object => ({
      key,
      value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
    });
    const point = (seconds: number, at: number): object => ({
      asDouble: seconds,
      startTimeUnixNano: '1700000000000000000',
      timeUnixNano: String(BigInt(at) * 1_000_000n),
      attributes: [attribute('state', 'user')],
    });
    const request = (seconds: number, at: number): object => ({
      resourceMetrics: [
        {
          resource: {
            attributes: [
              attribute('host.name', 'node-1'),
              attribute('process.pid', 42),
              attribute('process.executable.name', 'xmrig'),
              attribute('process.cgroup', `0::/system.slice/docker-${id}.scope`),
            ],
          },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'process.cpu.time',
                  unit: 's',
                  sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [point(seconds, at)] },
                },
              ],
            },
          ],
        },
      ],
    });
    const decoder = new OtlpMetricsDecoder();
    const t0 = 1_700_000_600_000;
    decoder.decode(request(10, t0));
    const samples = decoder.decode(request(20, t0 + 10_000)).samples;
    expect(samples).toEqual([
      expect.objectContaining({ kind: 'process-cpu', process: expect.objectContaining({ pid: 42, containerId: id }) }),
    ]);
  });
});
