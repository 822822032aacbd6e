import { CORRELATED_SCORE } from '@lockstep/contract';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Incident } from '@lockstep/contract';
import { Agent, AGENT_DEFAULTS } from '@lockstep/agent';
import type { RunningService } from '@lockstep/correlator';
import { ConfigSchema, DEFAULT_CONFIG, registerQueryApi, silentLogger, startService } from '@lockstep/correlator';

const HOST = 'agent-e2e-host';
const BASELINE_SAMPLES = 40;

/** Hostmetrics-shaped utilization gauges for HOST: a quiet past for the detector's baseline. */
function quietPast(end: number): object {
  const points = [];
  for (let i = BASELINE_SAMPLES; i > 0; i--) {
    const time = BigInt(end - i * 1000) * 1_000_000n;
    for (const cpu of ['cpu0', 'cpu1']) {
      for (const [state, value] of [
        ['user', 0.02 + (i % 3) * 0.002],
        ['system', 0.01],
        ['idle', 0.97 - (i % 3) * 0.002],
      ] as const) {
        points.push({
          timeUnixNano: String(time),
          asDouble: value,
          attributes: [
            { key: 'cpu', value: { stringValue: cpu } },
            { key: 'state', value: { stringValue: state } },
          ],
        });
      }
    }
  }
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: HOST } }] },
        scopeMetrics: [{ metrics: [{ name: 'system.cpu.utilization', unit: '1', gauge: { dataPoints: points } }] }],
      },
    ],
  };
}

/** A Falco alert on the burner, as Falco's JSON output writes it. */
function falcoAlert(pid: number, exe: string, time: number): string {
  return JSON.stringify({
    hostname: HOST,
    output: `Error Executable launched from a temporary directory (proc_exepath=${exe} proc_pid=${pid})`,
    priority: 'Error',
    rule: 'Execution from /tmp',
    source: 'syscall',
    time: new Date(time).toISOString(),
    output_fields: {
      'evt.time': time * 1_000_000,
      'proc.pid': pid,
      'proc.exepath': exe,
      'proc.name': path.basename(exe),
      'container.id': 'host',
    },
  });
}

describe('lockstep agent feeding a running correlator', () => {
  let dir: string;
  let burner: ChildProcess;
  let service: RunningService;
  let agent: Agent;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-e2e-'));
    const config = ConfigSchema.parse({
      ...DEFAULT_CONFIG,
      data_dir: dir,
      otlp: { listen: '127.0.0.1:0' },
      api: { listen: '127.0.0.1:0', token: '' },
      // Samples come every second here; the default 30 s of lateness would hold everything back.
      engine: { ...DEFAULT_CONFIG.engine, allowed_lateness_ms: 1_500 },
    });
    service = await startService(config, {
      log: silentLogger,
      routes:
        ({ store, pipeline }) =>
        (app) =>
          registerQueryApi(app, { store, timeline: pipeline.engine }),
    });
    const posted = await fetch(`${service.otlpUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(quietPast(Date.now())),
    });
    expect(posted.status).toBe(200);
  });

  afterAll(async () => {
    await agent?.stop();
    burner?.kill('SIGKILL');
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the CPU burner started from a temp directory as the culprit once a Falco alert on it arrives', async () => {
    const binary = path.join(dir, 'burner');
    copyFileSync('/usr/bin/yes', binary);
    burner = spawn(binary, [], { stdio: 'ignore' });
    agent = new Agent(
      { ...AGENT_DEFAULTS, endpoint: service.otlpUrl, intervalSeconds: 1, hostName: HOST },
      { info: () => {}, warn: () => {} },
    );
    await agent.start();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const alert = await fetch(`${service.otlpUrl}/v1/events/falco`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: falcoAlert(burner.pid as number, binary, Date.now()),
    });
    expect(alert.status).toBe(200);

    let found: Incident | undefined;
    for (let attempt = 0; attempt < 60 && found === undefined; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const page = (await (await fetch(`${service.apiUrl}/api/v1/incidents?host=${HOST}`)).json()) as {
        items: Incident[];
      };
      found = page.items.find((i) => i.culprit?.['process.pid'] === burner.pid);
    }
    expect(found?.culprit).toMatchObject({ 'process.executable.name': 'burner', 'process.executable.path': binary });
    expect(found?.score).toBeGreaterThanOrEqual(CORRELATED_SCORE);
    expect(found?.signals.map((s) => s.source)).toContain('falco');
  }, 60_000);
});
