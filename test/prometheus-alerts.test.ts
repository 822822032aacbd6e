import type { Incident } from '@lockstep/contract';
import { ALERT_RULES, CORRELATOR_JOB } from '../provisioning/src/alerts';
import type { Kind } from './scenarios/kinds';
import { buildScenario } from './scenarios/kinds';
import type { LivePrometheus } from './prometheus/live';
import { alerts, eventually, lastEvaluations, queryValue, startPrometheus } from './prometheus/live';
import type { TestService } from './service/harness';
import { push, scenarioRequests, startTestService } from './service/harness';

/**
 * A real Prometheus (Debian's package) scraping a running correlator every second and evaluating Lockstep's rule
 * file as committed — only the group's evaluation interval goes from 30 s to 1 s (see prometheus/live.ts); every
 * expression and `for` is the committed one (the correlated-incident alerts have `for: 0s`).
 */
const CORRELATED: Record<'critical' | 'high', string> = {
  critical: 'LockstepCorrelatedIncidentCritical',
  high: 'LockstepCorrelatedIncidentHigh',
};
const WAIT_MS = 20_000;

interface Stack {
  running: TestService;
  prometheus: LivePrometheus;
}

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.prometheus.stop();
  await stack?.running.dispose();
  stack = undefined;
});

/** A correlator fed `kind`/`seed` over HTTP, and a Prometheus that has scraped it since and evaluated the rules. */
async function scenarioInPrometheus(kind: Kind, seed: number): Promise<Stack> {
  // Data time stands still once the scenario is in: its incidents stay as the scenario leaves them.
  const running = await startTestService({ engine: { idle_advance_ms: 0 } });
  const prometheus = await startPrometheus(new URL(running.service.apiUrl).host);
  stack = { running, prometheus };
  await push(running.service.otlpUrl, scenarioRequests(buildScenario(kind, seed)));
  const pushed = Date.now();
  const scraped = await eventually('a scrape after the scenario', WAIT_MS, async () => {
    const seconds = await queryValue(prometheus, `timestamp(up{job="${CORRELATOR_JOB}"} == 1)`);
    return seconds !== undefined && seconds * 1000 > pushed ? seconds * 1000 : undefined;
  });
  await eventually('a rule evaluation after that scrape', WAIT_MS, async () =>
    (await lastEvaluations(prometheus)).every((time) => time > scraped) ? true : undefined,
  );
  return stack;
}

async function openCorrelated(running: TestService): Promise<Incident[]> {
  const response = await fetch(`${running.service.apiUrl}/api/v1/incidents?correlated=true&status=open`);
  return ((await response.json()) as { items: Incident[] }).items;
}

describe('Lockstep alert rules in a live Prometheus scraping a running correlator', () => {
  it('a correlated cryptominer scenario fires the correlated-incident alert of its severity', async () => {
    // The shipped example (examples/cryptominer): one open correlated incident naming xmrig, severity high.
    const { running, prometheus } = await scenarioInPrometheus('miner-starves-service', 19);
    const open = await openCorrelated(running);
    expect(open.map((incident) => incident.severity)).toEqual(['high']);
    const expected = CORRELATED.high;

    const firing = await eventually(`${expected} firing`, WAIT_MS, async () =>
      (await alerts(prometheus)).find((a) => a.labels.alertname === expected && a.state === 'firing'),
    );
    const rule = ALERT_RULES.find((r) => r.name === expected);
    expect(firing.labels).toMatchObject({ severity: rule?.severity, source: 'lockstep' });
    expect(firing.annotations.summary).toBe(rule?.summary);
    const active = (await alerts(prometheus)).map((a) => a.labels.alertname);
    expect(active).not.toContain(CORRELATED.critical);
  }, 40_000);

  it('a firewall change left open past its window fires "temporary change still open" on its host', async () => {
    const scenario = buildScenario('firewall-left-open', 19);
    const { prometheus } = await scenarioInPrometheus('firewall-left-open', 19);
    const name = 'LockstepTemporaryChangeStillOpen';
    const firing = await eventually(`${name} firing`, WAIT_MS, async () =>
      (await alerts(prometheus)).find((a) => a.labels.alertname === name && a.state === 'firing'),
    );
    const rule = ALERT_RULES.find((r) => r.name === name);
    expect(firing.labels).toMatchObject({
      severity: rule?.severity,
      source: 'lockstep',
      asset_kind: 'host',
      asset: scenario.host.name,
    });
    expect(firing.annotations.summary).toBe(`Temporary change still open after 4 h on host ${scenario.host.name}.`);
    // One change left open (the other was reverted in time): the value the description quotes.
    expect(await queryValue(prometheus, `sum(lockstep_temporary_changes_open{asset="${scenario.host.name}"})`)).toBe(1);
  }, 40_000);

  it('a host only security sees raises "asset seen by one side only" (pending through its 15 min for)', async () => {
    const scenario = buildScenario('security-only-host', 19);
    const { prometheus } = await scenarioInPrometheus('security-only-host', 19);
    const zombie = scenario.expect.unmanagedHosts?.[0] as string;
    const name = 'LockstepAssetSeenByOneSideOnly';
    const pending = await eventually(`${name} pending for ${zombie}`, WAIT_MS, async () =>
      (await alerts(prometheus)).find((a) => a.labels.alertname === name && a.labels.asset === zombie),
    );
    expect(pending.state).toBe('pending');
    expect(pending.labels).toMatchObject({ asset_kind: 'host', status: 'signals-only', source: 'lockstep' });
    // The monitored host is managed: nothing about it.
    const others = (await alerts(prometheus)).filter((a) => a.labels.asset === scenario.host.name);
    expect(others).toEqual([]);
  }, 40_000);

  it('a quiet scenario (a benign backup spike beside an unrelated sudo alert) leaves them inactive', async () => {
    const { running, prometheus } = await scenarioInPrometheus('backup-with-sudo', 19);
    expect(await openCorrelated(running)).toEqual([]);
    // Two more evaluations with the data in, then nothing correlated may be pending or firing.
    const after = Date.now() + 2_000;
    await eventually('two more rule evaluations', WAIT_MS, async () =>
      (await lastEvaluations(prometheus)).every((time) => time > after) ? true : undefined,
    );
    const active = (await alerts(prometheus)).map((a) => `${a.labels.alertname}:${a.state}`);
    for (const name of Object.values(CORRELATED)) expect(active.filter((a) => a.startsWith(`${name}:`))).toEqual([]);
    // The rules did see the scenario: Prometheus holds the correlator's count of what it took in.
    expect(await queryValue(prometheus, 'sum(lockstep_accepted_total)')).toBeGreaterThan(0);
  }, 40_000);
});
