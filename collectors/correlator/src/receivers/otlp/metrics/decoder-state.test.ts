import type { ProcessCpuSample } from '../../../model/samples';
import { DecoderState } from './decoder-state';
import { OtlpMetricsDecoder } from './decoder';
import { SeriesStore } from './series-store';
import { PRUNE_EVERY_MS, SAME_SCRAPE_MS, SERIES_IDLE_MS } from './timing';
import type { Json } from '../__fixtures__/builders';
import {
  cpuTimePoints,
  metricsRequest,
  processCpuTime,
  processResource,
  resourceMetrics,
  SECOND,
  sum,
  T0,
} from '../__fixtures__/builders';

const INTERVAL = 10 * SECOND;

function hostScrape(time: number, busySeconds: number): Json {
  const points = cpuTimePoints(time, { cpu0: { user: busySeconds, idle: time / 1000 - busySeconds } });
  return metricsRequest(resourceMetrics({ 'host.name': 'h' }, [sum('system.cpu.time', points)]));
}

function processScrape(time: number, cpuSeconds: number): Json {
  return metricsRequest(
    resourceMetrics(processResource(7, 'p', { 'host.name': 'h' }), [
      processCpuTime(time, T0 - 1, { user: cpuSeconds }),
    ]),
  );
}

describe('decoder state', () => {
  it.each([
    ['kept without a prune', false, 1],
    ['forgotten after prune(now) past the idle limit', true, 0],
  ])('a series is %s', (_label, prune, expected) => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(hostScrape(T0, 0));
    if (prune) decoder.prune(T0 + SERIES_IDLE_MS + 1);
    expect(decoder.decode(hostScrape(T0 + INTERVAL, 1)).samples).toHaveLength(expected);
  });

  it('prunes on its own as data time advances, so a silent series does not linger', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(processScrape(T0, 1));
    let time = T0;
    for (; time <= T0 + SERIES_IDLE_MS + 2 * PRUNE_EVERY_MS; time += INTERVAL)
      decoder.decode(hostScrape(time, (time - T0) / 2000));
    // The process comes back after its state was dropped: a first point again, no rate from the stale value.
    expect(decoder.decode(processScrape(time, 500)).samples.filter((s) => s.kind === 'process-cpu')).toEqual([]);
  });

  it('recovers from a bogus future timestamp instead of ignoring the series until the data catches up', () => {
    const decoder = new OtlpMetricsDecoder();
    const yearMs = 365 * 24 * 3600 * SECOND;
    decoder.decode(hostScrape(T0, 0));
    decoder.decode(processScrape(T0, 1));
    decoder.decode(hostScrape(T0 + yearMs, 5));
    decoder.decode(processScrape(T0 + yearMs, 5));
    decoder.decode(hostScrape(T0 + INTERVAL, 1));
    decoder.decode(processScrape(T0 + INTERVAL, 2));
    const kinds = decoder
      .decode(
        metricsRequest(
          ...[hostScrape(T0 + 2 * INTERVAL, 2), processScrape(T0 + 2 * INTERVAL, 3)].flatMap(
            (r) => r.resourceMetrics as Json[],
          ),
        ),
      )
      .samples.map((s) => [s.kind, s.time]);
    expect(kinds).toEqual([
      ['host-cpu', T0 + 2 * INTERVAL],
      ['process-cpu', T0 + 2 * INTERVAL],
    ]);
  });

  it('drops a second sample of one entity within the same scrape window', () => {
    const state = new DecoderState();
    expect(state.claimSample('host\u0000h', T0)).toBe(true);
    expect(state.claimSample('host\u0000h', T0 + SAME_SCRAPE_MS - 1)).toBe(false);
    expect(state.claimSample('host\u0000h', T0 + SAME_SCRAPE_MS)).toBe(true);
    expect(state.claimSample('host\u0000other', T0)).toBe(true);
  });

  it('hands out one ProcessRef per unchanged process, and a new one when anything about it changes', () => {
    const decoder = new OtlpMetricsDecoder();
    const scrape = (time: number, cpu: number, owner = 'www-data'): ProcessCpuSample | undefined =>
      decoder
        .decode(
          metricsRequest(
            resourceMetrics(processResource(7, 'p', { 'host.name': 'h', 'process.owner': owner }), [
              processCpuTime(time, T0 - 1, { user: cpu }),
            ]),
          ),
        )
        .samples.find((s): s is ProcessCpuSample => s.kind === 'process-cpu');
    scrape(T0, 1);
    const first = scrape(T0 + INTERVAL, 2);
    const second = scrape(T0 + 2 * INTERVAL, 3);
    const changed = scrape(T0 + 3 * INTERVAL, 4, 'root');
    expect(first?.process).toEqual({
      pid: 7,
      ppid: 1,
      name: 'p',
      exePath: '/usr/bin/p',
      commandLine: '/usr/bin/p --serve',
      owner: 'www-data',
      startTime: T0 - 1,
    });
    // The same object: samples waiting in the engine's lateness window share it instead of each holding a copy.
    expect(second?.process).toBe(first?.process);
    expect(changed?.process).toEqual({ ...first?.process, owner: 'root' });
    expect(first?.process.owner).toBe('www-data');
  });

  it('refuses new series once full instead of evicting live ones', () => {
    const store = new SeriesStore<{ touched: number }>(2);
    expect(store.set('a', { touched: 1 })).toBe(true);
    expect(store.set('b', { touched: 2 })).toBe(true);
    expect(store.set('c', { touched: 3 })).toBe(false);
    expect(store.set('a', { touched: 4 })).toBe(true);
    store.prune(3);
    expect(store.size).toBe(1);
    expect(store.get('a')).toEqual({ touched: 4 });
  });
});
