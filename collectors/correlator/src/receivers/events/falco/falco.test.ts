import { jsonLines, onlySignal, skips } from '../__fixtures__/samples';
import { normalizeFalco } from './falco';

const ALERTS = jsonLines('falco/alerts.jsonl');

function sample(rule: string, containerId: string): unknown {
  const found = ALERTS.find((a) => {
    const record = a as { rule?: string; output_fields?: Record<string, unknown> };
    return record.rule === rule && record.output_fields?.['container.id'] === containerId;
  });
  if (!found) throw new Error(`no sample ${rule} ${containerId}`);
  return found;
}

describe('normalizeFalco', () => {
  it('reads the Terminal shell in container alert: container, process, user, pod, tags', () => {
    const signal = onlySignal(normalizeFalco(sample('Terminal shell in container', 'ee97d9c4186f')));
    expect(signal).toMatchObject({
      time: Date.parse('2023-05-25T13:44:05.478Z'),
      source: 'falco',
      kind: 'alert',
      rule: 'Terminal shell in container',
      severity: 'critical',
      host: 'falco-xczjd',
      containerId: 'ee97d9c4186f',
      k8sNamespace: 'default',
      k8sPod: 'kubecon',
      tags: ['container', 'mitre_execution', 'shell'],
    });
    expect(signal.process).toEqual({
      name: 'sh',
      commandLine: 'sh -c clear; (bash || ash || sh)',
      owner: 'root',
      containerId: 'ee97d9c4186f',
      parent: { name: 'runc' },
    });
    expect(signal.output).toContain('A shell was spawned in a container');
  });

  it('names the process from proc.cmdline when a rule prints only the command line', () => {
    const signal = onlySignal(normalizeFalco(sample('Contact K8S API Server From Container', '12fc4de5ccc3')));
    expect(signal.process).toMatchObject({ name: 'handler', commandLine: 'handler', containerId: '12fc4de5ccc3' });
    expect(signal.severity).toBe('low');
  });

  it('falls back to output_fields evt.time when time is unparseable (here in microseconds)', () => {
    const fake = ALERTS.find((a) => (a as { rule?: string }).rule === 'Fake rule');
    const signal = onlySignal(normalizeFalco(fake));
    expect(signal.time).toBe(1618347519000);
    expect(signal.host).toBeUndefined();
    expect(signal.process).toMatchObject({ name: 'touch', commandLine: 'touch /bin/hack', owner: 'root' });
  });

  it.each([
    ['nanoseconds as a number', 1739178940698757000, 1739178940698],
    ['nanoseconds as a string', '1739178940698757000', 1739178940698],
  ])('takes evt.time in %s when time is missing', (_label, evtTime, expected) => {
    const signal = onlySignal(
      normalizeFalco({ rule: 'R', priority: 'Warning', output_fields: { 'evt.time': evtTime } }),
    );
    expect(signal.time).toBe(expected);
  });

  it('reads every process field a deployment can add with append_output', () => {
    const record = {
      time: '2026-11-23T03:12:00.123456789Z',
      rule: 'Drop and execute new binary in container',
      priority: 'Critical',
      hostname: 'Node-7',
      output: 'x',
      output_fields: {
        'proc.pid': 4242,
        'proc.ppid': '4200',
        'proc.pid.ts': 1795403519000000000,
        'proc.ppid.ts': '1795403500000000000',
        'proc.name': 'xmrig',
        'proc.exepath': '/tmp/.x/xmrig',
        'proc.cmdline': 'xmrig -o pool:3333',
        'proc.pname': 'bash',
        'proc.pexepath': '/usr/bin/bash',
        'proc.pcmdline': 'bash -i',
        'proc.aname[2]': 'sshd',
        'proc.aname[3]': 'systemd',
        'user.name': 'www-data',
        'container.id': 'host',
      },
    };
    const signal = onlySignal(normalizeFalco(record));
    expect(signal.host).toBe('node-7');
    expect(signal.containerId).toBeUndefined();
    expect(signal.process).toEqual({
      pid: 4242,
      ppid: 4200,
      startTime: 1795403519000,
      name: 'xmrig',
      exePath: '/tmp/.x/xmrig',
      commandLine: 'xmrig -o pool:3333',
      owner: 'www-data',
      parent: { pid: 4200, startTime: 1795403500000, name: 'bash', exePath: '/usr/bin/bash', commandLine: 'bash -i' },
      ancestorNames: ['sshd', 'systemd'],
    });
  });

  it.each([
    ['a metrics snapshot', { rule: 'Falco internal: metrics snapshot', output_fields: {} }, 'internal event'],
    ['a record without rule', { priority: 'Warning', time: '2026-01-01T00:00:00Z' }, 'falco: missing rule'],
    ['a record without any time', { rule: 'R', priority: 'Warning', output_fields: {} }, 'falco: missing time'],
  ])('skips %s with a reason', (_label, record, reason) => {
    const [skip] = skips(normalizeFalco(record));
    expect(skip?.reason).toContain(reason);
  });
});
