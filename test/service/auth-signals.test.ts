import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SignalRecord } from '@lockstep/contract';
import type { TestService } from './harness';
import { startTestService } from './harness';
import { post } from './requests';

/*
 * auth and audit lines through the running service: the syslog year comes from the service's clock at receipt, the
 * signals keep user, addresses, ports and outcome through the store and /api/v1/signals, and an audit event whose
 * records stop coming becomes a signal on the service's tick, without waiting for unrelated lines.
 */

const SAMPLES = path.join(__dirname, '../../collectors/correlator/src/receivers/events/__fixtures__/samples');
/** The service's clock: 2 January, so a 31 December line belongs to the year before. */
let now = Date.UTC(2027, 0, 2, 8, 0, 0);
const TICK_MS = 20;
const TEXT = { 'content-type': 'text/plain' };

let running: TestService;

beforeAll(async () => {
  running = await startTestService({ engine: { idle_advance_ms: 0 } }, { getNow: () => now, tickMs: TICK_MS });
});

afterAll(async () => {
  await running.dispose();
});

async function signalsWhere(query: string): Promise<SignalRecord[]> {
  const answer = await fetch(`${running.service.apiUrl}/api/v1/signals?${query}`);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { items: SignalRecord[] }).items;
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the service');
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
}

describe('auth and audit signals through the service', () => {
  it('keeps the address sshd wrote, the user the client sent, the port and the outcome, searchable by address', async () => {
    const fail2ban = readFileSync(path.join(SAMPLES, 'auth/fail2ban/sshd'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('redbamboo') || line.includes('srv sshd[1300]'));
    expect(fail2ban).toHaveLength(5);
    const answer = await post(`${running.service.otlpUrl}/v1/events/auth`, fail2ban.join('\n'), TEXT);
    expect(answer.status).toBe(200);
    const injected = await signalsWhere('source.address=192.0.2.11');
    const rows = injected.map((s) => [s['user.name'], s['source.port'], s['event.outcome']]);
    expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['test 127.0.0.1', 46039, 'failure'],
      ['test 127.0.0.1 port 12345', 46039, 'failure'],
    ]);
    const local = await signalsWhere(
      'source.address=127.0.0.1&user.name=test%20from%2010.10.1.2%20port%2055555%20ssh2',
    );
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({ rule: 'sshd: Failed password', 'source.port': 58946 });
  });

  it('dates a line that carries no year by the service clock at receipt, not by the newest event seen', async () => {
    const line = 'Dec 31 23:59:01 edge-1 sshd[9]: Failed password for root from 198.51.100.200 port 22 ssh2';
    expect((await post(`${running.service.otlpUrl}/v1/events/auth`, line, TEXT)).status).toBe(200);
    const [signal] = await signalsWhere('source.address=198.51.100.200');
    expect(signal?.time).toBe('2026-12-31T23:59:01.000Z');
  });

  it('emits an audit event whose records stopped coming once it has waited the idle time', async () => {
    const accept = readFileSync(path.join(SAMPLES, 'auditd/auditbeat.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes(':8832):') && !line.startsWith('type=EOE'));
    expect((await post(`${running.service.otlpUrl}/v1/events/auditd`, accept.join('\n'), TEXT)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5 * TICK_MS));
    expect(await signalsWhere('source.address=72.83.230.100')).toEqual([]);
    now += 2_000;
    const [signal] = await until(async () => {
      const found = await signalsWhere('source.address=72.83.230.100');
      return found.length > 0 ? found : undefined;
    });
    expect(signal).toMatchObject({ source: 'auditd', rule: 'net', 'source.port': 58140 });
  });
});
