import type { EventResult } from '../../../model/signal';
import { lines, onlySignal, signals } from '../__fixtures__/samples';
import { AUDIT_IDLE_MS, AuditdAssembler } from './assembler';

function run(input: string[]): EventResult[] {
  const assembler = new AuditdAssembler();
  return [...input.flatMap((line) => assembler.push(line)), ...assembler.flush()];
}

const AUDITBEAT = lines('auditd/auditbeat.log');
const SERIAL = (n: number): string[] => AUDITBEAT.filter((line) => line.includes(`:${n}):`));

describe('audit keys, peers and accounts as the kernel and PAM write them', () => {
  it('reads the double-prefixed key="key=user_commands" as the key user_commands (as auditbeat does)', () => {
    const signal = onlySignal(run(SERIAL(8972)));
    expect(signal).toMatchObject({ kind: 'alert', rule: 'user_commands', tags: ['user_commands'], lifecycle: 'exec' });
  });

  it('reads key=(null) as no key: the event is context, not an alert', () => {
    const line =
      'type=SYSCALL msg=audit(1795403520.100:7): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=9 comm="ls" exe="/bin/ls" key=(null)';
    const signal = onlySignal(run([line]));
    expect(signal.kind).toBe('context');
    expect(signal.tags).toBeUndefined();
  });

  it('reads a quoted key as that key, and hex keys joined by 0x01 as each of them', () => {
    const quoted = onlySignal(
      run([
        `type=SYSCALL msg=audit(1795403520.100:8): arch=c000003e syscall=2 success=yes pid=9 comm="cat" exe="/bin/cat" key="sshd_config"`,
      ]),
    );
    expect(quoted.tags).toEqual(['sshd_config']);
    const hex = Buffer.from('exec\u000164bit').toString('hex').toUpperCase();
    const several = onlySignal(
      run([
        `type=SYSCALL msg=audit(1795403520.100:9): arch=c000003e syscall=59 success=yes pid=9 comm="x" exe="/x" key=${hex}`,
      ]),
    );
    expect(several.tags).toEqual(['exec', '64bit']);
  });

  it("stores an accept()'s socket peer as the source, with its port", () => {
    const signal = onlySignal(run(SERIAL(8832)));
    expect(signal).toMatchObject({ rule: 'net', srcAddress: '72.83.230.100', srcPort: 58140 });
    expect(signal.destAddress).toBeUndefined();
  });

  it("stores a connect()'s socket peer as the destination", () => {
    const connect = signals(run(lines('auditd/lost_messages.log'))).find((s) => s.process?.pid === 1172);
    expect(connect).toMatchObject({ destAddress: '169.254.169.254', destPort: 80 });
    expect(connect?.srcAddress).toBeUndefined();
  });

  it("stores no peer for a bind(): its address is this host's own", () => {
    const bind = [
      'type=SYSCALL msg=audit(1795403520.100:10): arch=c000003e syscall=49 success=yes exit=0 pid=9 comm="nc" exe="/bin/nc" key=(null)',
      'type=SOCKADDR msg=audit(1795403520.100:10): saddr=0200115CC0A800010000000000000000',
    ];
    const signal = onlySignal(run(bind));
    expect(signal.srcAddress).toBeUndefined();
    expect(signal.destAddress).toBeUndefined();
  });

  it('reads an i386 socketcall(accept) peer as the source', () => {
    const socketcall = [
      'type=SYSCALL msg=audit(1795403520.100:11): arch=40000003 syscall=102 success=yes exit=5 a0=5 a1=bfa0 pid=9 comm="httpd" exe="/usr/sbin/httpd" key=(null)',
      'type=SOCKADDR msg=audit(1795403520.100:11): saddr=0200E31C4853E6640000000000000000',
    ];
    expect(onlySignal(run(socketcall)).srcAddress).toBe('72.83.230.100');
  });

  it('reads a failed login: the client address, no account for sshd\'s "(invalid user)", the outcome', () => {
    const signal = onlySignal(run([AUDITBEAT[0] as string]));
    expect(signal).toMatchObject({ rule: 'USER_LOGIN failed', srcAddress: '179.38.151.221', outcome: 'failure' });
    expect(signal.user).toBeUndefined();
  });

  it("keeps a quoted account that holds a ' whole, and the fields after it", () => {
    const line =
      'type=USER_AUTH msg=audit(1795403520.100:12): pid=11312 uid=0 auid=0 ses=62 msg=\'op=PAM:authentication acct="o\'brien" exe="/bin/su" hostname=? addr=203.0.113.5 terminal=/dev/pts/0 res=failed\'';
    expect(onlySignal(run([line]))).toMatchObject({ user: "o'brien", srcAddress: '203.0.113.5', outcome: 'failure' });
  });
});

describe('AuditdAssembler.flushIdle', () => {
  const head = SERIAL(8832).slice(0, 2);

  it(`emits an incomplete event once its records stopped coming for ${AUDIT_IDLE_MS} ms, not before`, () => {
    const assembler = new AuditdAssembler();
    for (const line of head) expect(assembler.push(line, 10_000)).toEqual([]);
    expect(assembler.flushIdle(10_000 + AUDIT_IDLE_MS - 1)).toEqual([]);
    expect(assembler.pending).toBe(1);
    expect(onlySignal(assembler.flushIdle(10_000 + AUDIT_IDLE_MS))).toMatchObject({ srcAddress: '72.83.230.100' });
    expect(assembler.pending).toBe(0);
  });

  it('waits from the last record of the event, not the first', () => {
    const assembler = new AuditdAssembler();
    assembler.push(head[0] as string, 10_000);
    assembler.push(head[1] as string, 11_500);
    expect(assembler.flushIdle(10_000 + AUDIT_IDLE_MS)).toEqual([]);
    expect(signals(assembler.flushIdle(11_500 + AUDIT_IDLE_MS))).toHaveLength(1);
  });
});
