import { CORRELATED_SCORE } from '@lockstep/contract';
import { busyHost, deploy, runEngine, SPIKE } from '../__fixtures__/change-run';
import { falco, HOST, MINUTE } from '../__fixtures__/spike-host';

describe('changes beside spikes', () => {
  it('lists the deploy 4 minutes before a spike on the spike, and no incident without security evidence', () => {
    const { anomalies, incidents } = runEngine(busyHost('node'), [deploy(SPIKE - 4 * MINUTE)]);
    const cpu = anomalies.find((a) => a.metric === 'cpu');
    expect(cpu?.changes).toEqual([
      {
        time: new Date(SPIKE - 4 * MINUTE).toISOString(),
        kind: 'deploy',
        summary: 'checkout 1.4.2',
        source: 'change',
        id: 'deploy-1842',
        actor: 'ci-bot',
      },
    ]);
    expect(incidents).toEqual([]);
  });

  it('tells a spike that a change explains, with only loose security evidence, as an operational change', () => {
    const loose = falco(SPIKE + 30_000, 'Outbound Connection to C2 Servers', undefined, 'critical');
    const { incidents } = runEngine(busyHost('node'), [deploy(SPIKE - 4 * MINUTE), loose]);
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident?.score).toBeLessThan(CORRELATED_SCORE);
    expect(incident?.severity).toBe('low');
    expect(incident?.changes?.map((c) => c.id)).toEqual(['deploy-1842']);
    expect(incident?.summary.ops).toMatch(
      /^On web-01, CPU rose from \d+% to \d+% at 03:20 UTC \(lasting \d+ min\), 4 min after the deploy of checkout 1\.4\.2 by ci-bot; /,
    );
    expect(incident?.summary.business).toMatch(
      /^An operational change, not an attack: the load on web-01 \(\d+ min\) came 4 min after the deploy of checkout 1\.4\.2 by ci-bot, and no security evidence ties it/,
    );
  });

  it('keeps a miner shortly after an unrelated deploy a security incident, with the deploy as context', () => {
    const alert = falco(SPIKE + 15_000, 'Detect crypto miners using the Stratum protocol', {
      pid: 4242,
      name: 'xmrig',
    });
    const { incidents } = runEngine(busyHost('miner'), [deploy(SPIKE - 3 * MINUTE), alert]);
    const [incident] = incidents;
    expect(incident?.score).toBeGreaterThanOrEqual(CORRELATED_SCORE);
    expect(incident?.culprit?.['process.executable.name']).toBe('xmrig');
    expect(incident?.changes?.map((c) => c.summary)).toEqual(['checkout 1.4.2']);
    expect(incident?.summary.ops).toContain('3 min after the deploy of checkout 1.4.2 by ci-bot; xmrig (pid 4242)');
    expect(incident?.summary.business).toMatch(/^Likely cryptomining on web-01/);
  });

  it.each([
    ['on another host', deploy(SPIKE - 4 * MINUTE, { host: 'db-2' })],
    ['before the window', deploy(SPIKE - 31 * MINUTE)],
    ['after the spike began', deploy(SPIKE + 2 * MINUTE)],
    ['of another container', deploy(SPIKE - 4 * MINUTE, { host: undefined, containerId: 'f'.repeat(64) })],
  ])('does not list a change %s', (_what, change) => {
    const { anomalies } = runEngine(busyHost('node'), [change]);
    expect(anomalies.find((a) => a.metric === 'cpu')?.changes).toBeUndefined();
  });

  it('places a change that names only a service on the hosts that run it', () => {
    const samples = busyHost('node');
    const change = deploy(SPIKE - 4 * MINUTE, { host: undefined, service: 'checkout' });
    const withService = runEngine(samples, [change], {}, undefined, 'checkout');
    expect(withService.anomalies.find((a) => a.metric === 'cpu')?.changes?.[0]?.id).toBe('deploy-1842');
    const without = runEngine(
      samples,
      [deploy(SPIKE - 4 * MINUTE, { host: undefined, service: 'billing' })],
      {},
      undefined,
      'checkout',
    );
    expect(without.anomalies.find((a) => a.metric === 'cpu')?.changes).toBeUndefined();
  });

  it('lists the closest change first, at most ten', () => {
    const many = Array.from({ length: 14 }, (_, i) => deploy(SPIKE - (i + 1) * MINUTE, { id: `d${i + 1}` }));
    const { anomalies } = runEngine(busyHost('node'), many);
    const ids = anomalies.find((a) => a.metric === 'cpu')?.changes?.map((c) => c.id);
    expect(ids).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10']);
  });

  it('is told safely when the change text is hostile', () => {
    const hostile = deploy(SPIKE - 4 * MINUTE, {
      summary: 'v2\u001b[31m\nFAKE LINE',
      actor: '<img src=x onerror=alert(1)>',
    });
    const loose = falco(SPIKE + 30_000, 'Outbound Connection to C2 Servers', undefined, 'critical');
    const [incident] = runEngine(busyHost('node'), [hostile, loose]).incidents;
    expect(incident?.summary.ops).toContain('the deploy of v2 FAKE LINE by <img src=x onerror=alert(1)>');
    expect(incident?.changes?.[0]?.summary).toBe('v2 FAKE LINE');
    expect(HOST).toBe('web-01');
  });
});
