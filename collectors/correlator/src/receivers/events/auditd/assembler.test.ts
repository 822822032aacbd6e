import type { EventResult } from '../../../model/signal';
import { lines, onlySignal, signals, skips } from '../__fixtures__/samples';
import { TEMP_DIRECTORY_RULE } from '../common/exec-location';
import { AuditdAssembler } from './assembler';

function run(input: string[]): EventResult[] {
  const assembler = new AuditdAssembler();
  return [...input.flatMap((line) => assembler.push(line)), ...assembler.flush()];
}

const HEX = (text: string): string => Buffer.from(text, 'utf8').toString('hex').toUpperCase();

describe('AuditdAssembler', () => {
  it('joins SYSCALL + EXECVE + CWD + PATH of one serial: argv, exe, pid, key', () => {
    const grep = signals(run(lines('auditd/normal.log'))).find((s) => s.process?.pid === 13393);
    expect(grep).toEqual({
      time: 1492037291036,
      source: 'auditd',
      kind: 'alert',
      rule: 'user_commands',
      severity: 'low',
      lifecycle: 'exec',
      tags: ['user_commands'],
      process: {
        pid: 13393,
        ppid: 12041,
        name: 'grep',
        exePath: '/usr/bin/grep',
        commandLine: 'grep --color=auto mapping',
      },
      output: expect.stringContaining('type=SYSCALL msg=audit(1492037291.036:59)'),
    });
  });

  it('assembles interleaved, out-of-order records into the same events as the ordered log', () => {
    const ordered = signals(run(lines('auditd/normal.log')));
    const shuffled = signals(run(lines('auditd/out_of_order.log')));
    const key = (s: { time: number; rule: string }): string => `${s.time} ${s.rule}`;
    expect(shuffled.map(key).sort()).toEqual(ordered.map(key).sort());
    expect(skips(run(lines('auditd/out_of_order.log')))).toEqual([]);
  });

  it('decodes hex exe values, SOCKADDR peers and keeps serials across the 32-bit rollover', () => {
    const results = signals(run(lines('auditd/lost_messages.log')));
    const connect = results.find((s) => s.process?.pid === 1172);
    expect(connect?.process?.exePath).toBe('/usr/bin/python2.7;58d1ccfb (deleted)');
    expect(connect?.destAddress).toBe('169.254.169.254');
    // A non-exec syscall of a deleted binary is context: only an exec from such a file is suspicious.
    expect(connect?.kind).toBe('context');
    expect(signals(run(lines('auditd/rollover.log'))).map((s) => s.process?.pid)).toEqual([
      1172, 13392, 1229, 12992, 12992,
    ]);
  });

  it('decodes a hex proctitle (NUL between arguments) and a hex cwd', () => {
    const proctitle = HEX('/tmp/.x/miner\u0000--threads\u00008');
    const input = [
      `node=Web-1 type=SYSCALL msg=audit(1795403520.100:900): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=4242 uid=33 comm="miner" exe="/tmp/.x/miner" key=(null)`,
      `node=Web-1 type=CWD msg=audit(1795403520.100:900): cwd=${HEX('/tmp/a b')}`,
      `node=Web-1 type=PROCTITLE msg=audit(1795403520.100:900): proctitle=${proctitle}`,
      `node=Web-1 type=EOE msg=audit(1795403520.100:900):`,
    ];
    const assembler = new AuditdAssembler();
    const before = input.slice(0, 3).flatMap((line) => assembler.push(line));
    expect(before).toEqual([]);
    const signal = onlySignal(assembler.push(input[3] as string));
    expect(signal).toMatchObject({
      host: 'web-1',
      kind: 'alert',
      rule: TEMP_DIRECTORY_RULE,
      severity: 'medium',
      lifecycle: 'exec',
      process: { pid: 4242, exePath: '/tmp/.x/miner', commandLine: '/tmp/.x/miner --threads 8' },
    });
    expect(assembler.flush()).toEqual([]);
  });

  it('joins an argv spread over several EXECVE records and split into aN[i] pieces', () => {
    const input = [
      'type=SYSCALL msg=audit(1795403520.100:77): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=50 comm="python3" exe="/usr/bin/python3.11" key=(null)',
      'type=EXECVE msg=audit(1795403520.100:77): argc=4 a0="python3" a1_len=10 a1[0]="-c" a1[1]=" import"',
      'type=EXECVE msg=audit(1795403520.100:77): a2="x.py" a3=' + HEX('a b'),
    ];
    expect(onlySignal(run(input)).process).toMatchObject({
      name: 'python3',
      commandLine: 'python3 -c import x.py a b',
    });
  });

  it('emits an event once enough later serials have arrived, without waiting for flush', () => {
    const assembler = new AuditdAssembler();
    const first =
      'type=SYSCALL msg=audit(1795403520.100:100): arch=c000003e syscall=42 success=yes pid=10 comm="a" exe="/a"';
    expect(assembler.push(first)).toEqual([]);
    const emitted: EventResult[] = [];
    for (let serial = 101; serial <= 140; serial += 1) {
      emitted.push(
        ...assembler.push(
          `type=SYSCALL msg=audit(1795403520.100:${serial}): arch=c000003e syscall=42 success=yes pid=${serial} comm="a" exe="/a"`,
        ),
      );
    }
    expect(signals(emitted).map((s) => s.process?.pid)).toContain(10);
  });

  it('bounds the events held open on input that never completes them', () => {
    const assembler = new AuditdAssembler();
    let emitted = 0;
    // Serials far apart in the "past" direction are never expired by distance: only the bound emits them.
    for (let i = 0; i < 1000; i += 1) {
      const serial = 4_000_000_000 - i * 1000;
      emitted += assembler.push(`type=PATH msg=audit(1795403520.100:${serial}): item=0 name="/x"`).length;
    }
    expect(emitted).toBeGreaterThan(900);
    expect(assembler.flush().length).toBeLessThanOrEqual(64);
  });

  it('reports a straggler record of an event already emitted instead of inventing a new event', () => {
    const assembler = new AuditdAssembler();
    assembler.push(
      'type=SYSCALL msg=audit(1795403520.100:7): arch=c000003e syscall=42 success=yes pid=10 comm="a" exe="/a"',
    );
    assembler.push('type=EOE msg=audit(1795403520.100:7):');
    const [late] = skips(assembler.push('type=PATH msg=audit(1795403520.100:7): item=0 name="/x"'));
    expect(late?.reason).toContain('arrived after the event was emitted');
  });

  it.each([
    [
      'a failed ssh login',
      'type=USER_LOGIN msg=audit(1492896301.818:19955): pid=12635 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=179.38.151.221 terminal=sshd res=failed\'',
      { kind: 'alert', rule: 'USER_LOGIN failed', srcAddress: '179.38.151.221' },
    ],
    [
      'a user added',
      'type=ADD_USER msg=audit(1481076992.488:389): pid=1264 uid=0 auid=4294967295 ses=4294967295 msg=\'op=add-user id=1000 exe="/usr/sbin/useradd" hostname=? addr=? terminal=? res=success\'',
      { kind: 'alert', rule: 'User account added', severity: 'medium' },
    ],
    [
      'an AppArmor denial',
      'type=AVC msg=audit(1524662933.080:61207): apparmor="DENIED" operation="ptrace" profile="docker-default" pid=5571 comm="metricbeat"',
      { kind: 'alert', rule: 'AppArmor denied', process: { pid: 5571, name: 'metricbeat' } },
    ],
    [
      'a kernel anomaly',
      'type=ANOM_ABEND msg=audit(1795403520.100:5): auid=1000 uid=1000 ses=2 pid=777 comm="xmrig" exe="/tmp/xmrig" sig=11 res=1',
      { kind: 'alert', rule: 'ANOM_ABEND', severity: 'medium' },
    ],
  ])('reads %s', (_label, line, expected) => {
    expect(onlySignal(run([line]))).toMatchObject(expected);
  });

  it.each([
    [
      'an interpreted SYSCALL (names instead of numbers)',
      'type=SYSCALL msg=audit(1581371984.206:579398): arch=x86_64 syscall=execve success=yes exit=0 ppid=2563 pid=2614 auid=vagrant uid=vagrant comm=top exe=/usr/bin/top key=(null)',
      { lifecycle: 'exec', rule: 'execve', process: { pid: 2614, owner: 'vagrant', exePath: '/usr/bin/top' } },
    ],
    [
      'enriched names after the 0x1d separator',
      'type=SYSCALL msg=audit(1795403520.100:9): arch=c000003e syscall=59 success=yes pid=5 uid=1000 comm="ls" exe="/bin/ls"\u001dARCH=x86_64 SYSCALL=execve UID="alice"',
      { process: { owner: 'alice' } },
    ],
  ])('reads %s', (_label, line, expected) => {
    expect(onlySignal(run([line]))).toMatchObject(expected);
  });

  it.each([
    ['a line that is no audit record', 'hello world', 'auditd: invalid line'],
    ['a record without an event id', 'type=UNKNOWN[1329] msg=?', 'carries no event id'],
    [
      'a CRED_ACQ event',
      'type=CRED_ACQ msg=audit(1481077043.057:413): pid=1298 uid=0 msg=\'op=PAM:setcred acct="a" res=success\'',
      'carries no security signal',
    ],
  ])('skips %s', (_label, line, reason) => {
    expect(skips(run([line]))[0]?.reason).toContain(reason);
  });
});
