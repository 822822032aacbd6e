import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent } from './agent';
import { AGENT_DEFAULTS } from './config';

type KeyValue = { key: string; value: Record<string, unknown> };
type Json = Record<string, unknown>;

/** A stand-in OTLP/HTTP receiver that keeps every JSON request body by path (the correlator is tested elsewhere). */
function startReceiver(): Promise<{ server: Server; url: string; bodies: Map<string, Json[]> }> {
  const bodies = new Map<string, Json[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const list = bodies.get(request.url ?? '') ?? [];
      list.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
      bodies.set(request.url ?? '', list);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies }),
    ),
  );
}

function attribute(attributes: KeyValue[], key: string): unknown {
  const value = attributes.find((a) => a.key === key)?.value;
  if (value === undefined) return undefined;
  if ('intValue' in value) return Number(value.intValue);
  return value.stringValue ?? value.arrayValue;
}

describe('the agent on this machine', () => {
  let dir: string;
  let burner: ChildProcess;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const messages: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-agent-'));
    const binary = path.join(dir, 'burner');
    copyFileSync('/usr/bin/yes', binary); // `yes` into /dev/null keeps one core busy
    burner = spawn(binary, [], { stdio: 'ignore' });
    receiver = await startReceiver();
    const authLog = path.join(dir, 'auth.log');
    writeFileSync(authLog, `Mar  1 12:00:00 h sshd[1]: Invalid user x from 10.0.0.1\n${'x'.repeat(70 * 1024)}\n`);
    const agent = new Agent(
      {
        ...AGENT_DEFAULTS,
        endpoint: receiver.url,
        intervalSeconds: 1,
        hostName: 'agent-test-host',
        tail: [{ path: authLog, format: 'auth', fromStart: true }],
        stateDir: path.join(dir, 'state'),
        statusEverySeconds: 1,
      },
      { info: (m) => messages.push(m), warn: (m) => messages.push(m) },
    );
    await agent.start();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await agent.stop();
    await agent.stop(); // safe twice
  }, 20_000);

  afterAll(() => {
    burner.kill('SIGKILL');
    receiver.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the burner under its own process resource, with a rising process.cpu.time', () => {
    const requests = receiver.bodies.get('/v1/metrics') ?? [];
    const points: number[] = [];
    let resource: KeyValue[] | undefined;
    for (const body of requests) {
      for (const rm of body.resourceMetrics as Json[]) {
        const attributes = (rm.resource as Json).attributes as KeyValue[];
        if (attribute(attributes, 'process.pid') !== burner.pid) continue;
        resource = attributes;
        for (const sm of rm.scopeMetrics as Json[]) {
          for (const metric of sm.metrics as Json[]) {
            if (metric.name !== 'process.cpu.time') continue;
            const dataPoints = (metric.sum as Json).dataPoints as Json[];
            const user = dataPoints.find((p) => attribute(p.attributes as KeyValue[], 'state') === 'user');
            if (user) points.push(user.asDouble as number);
          }
        }
      }
    }
    expect(resource).toBeDefined();
    const attributes = resource as KeyValue[];
    expect(attribute(attributes, 'process.executable.name')).toBe('burner');
    expect(attribute(attributes, 'process.executable.path')).toBe(path.join(dir, 'burner'));
    expect(attribute(attributes, 'process.parent_pid')).toBe(process.pid);
    expect(attribute(attributes, 'host.name')).toBe('agent-test-host');
    expect(Date.parse(attribute(attributes, 'process.creation.time') as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points[points.length - 1] as number).toBeGreaterThan(points[0] as number);
  });

  it('sends host CPU per cpu and state under the host resource, without any process.pid', () => {
    const requests = receiver.bodies.get('/v1/metrics') ?? [];
    const hostResources = requests
      .flatMap((body) => body.resourceMetrics as Json[])
      .filter((rm) => attribute((rm.resource as Json).attributes as KeyValue[], 'process.pid') === undefined);
    const metric = hostResources
      .flatMap((rm) => (rm.scopeMetrics as Json[]).flatMap((sm) => sm.metrics as Json[]))
      .find((m) => m.name === 'system.cpu.time');
    const states = new Set(
      ((metric?.sum as Json).dataPoints as Json[]).map((p) => attribute(p.attributes as KeyValue[], 'state')),
    );
    expect(states).toEqual(new Set(['user', 'nice', 'system', 'idle', 'wait', 'interrupt', 'softirq', 'steal']));
  });

  it('reports the temp-directory indicator once, as a security_rule log record on the burner', () => {
    const records = (receiver.bodies.get('/v1/logs') ?? [])
      .flatMap((body) => body.resourceLogs as Json[])
      .flatMap((rl) => (rl.scopeLogs as Json[]).flatMap((sl) => sl.logRecords as Json[]))
      .filter((r) => attribute(r.attributes as KeyValue[], 'process.pid') === burner.pid);
    expect(records.map((r) => attribute(r.attributes as KeyValue[], 'security_rule.name'))).toEqual([
      'Execution from writable temp directory',
    ]);
  });

  it('sends a tailed line once, as a log record marked with its format (not also down the indicators path)', () => {
    const tailed = (receiver.bodies.get('/v1/logs') ?? [])
      .flatMap((body) => body.resourceLogs as Json[])
      .flatMap((rl) => (rl.scopeLogs as Json[]).flatMap((sl) => sl.logRecords as Json[]))
      .filter((r) => attribute(r.attributes as KeyValue[], 'lockstep.format') !== undefined);
    expect(
      tailed.map((r) => [attribute(r.attributes as KeyValue[], 'lockstep.format'), (r.body as Json).stringValue]),
    ).toEqual([['auth', 'Mar  1 12:00:00 h sshd[1]: Invalid user x from 10.0.0.1']]);
  });

  it('counts what became of tailed lines in its own metrics and its status line, a line too long as lost', () => {
    const points = (receiver.bodies.get('/v1/metrics') ?? [])
      .flatMap((body) => body.resourceMetrics as Json[])
      .flatMap((rm) => (rm.scopeMetrics as Json[]).flatMap((sm) => sm.metrics as Json[]))
      .filter((m) => m.name === 'lockstep.agent.tail.lines')
      .flatMap((m) => (m.sum as Json).dataPoints as Json[]);
    const latest = new Map<string, number>();
    for (const point of points)
      latest.set(attribute(point.attributes as KeyValue[], 'outcome') as string, Number(point.asInt ?? point.asDouble));
    expect(Object.fromEntries(latest)).toEqual({ sent: 1, refused: 0, too_long: 1 });
    expect(messages).toContainEqual(
      expect.stringMatching(/^status: tailed 1 file · lines sent 1 · lost 1 \(refused 0, too long 1\)/),
    );
  });
});
