import { readFileSync } from 'node:fs';
import type { ChangeEvent } from '../../../model/change';
import { busyHost, runEngine } from '../../../engine/__fixtures__/change-run';
import { HOST, MINUTE, T0 } from '../../../engine/__fixtures__/spike-host';
import { changes, signalFile, signals, skips } from '../__fixtures__/samples';
import { AuditdAssembler } from './assembler';
import { undoKey } from './netfilter';

function assemble(lines: readonly string[]) {
  const assembler = new AuditdAssembler();
  return [...lines.flatMap((line) => assembler.push(line)), ...assembler.flush()];
}

const SAMPLE = readFileSync(signalFile('auditd/netfilter-cfg.log'), 'utf8')
  .split('\n')
  .filter((line) => line.length > 0);

/** The hex proctitle auditd writes for a command line (NUL between the arguments). */
function proctitle(command: string): string {
  return Buffer.from(command.split(' ').join('\u0000'), 'utf8').toString('hex').toUpperCase();
}

/** An event of the nft back-end as the 2023 sample has it, at `seconds`, for `command` (run through sudo by uid 1001). */
function nftEvent(seconds: number, serial: number, op: string, command: string, node = HOST): string[] {
  const header = `node=${node} type=%s msg=audit(${seconds}.390:${serial}):`;
  return [
    `${header.replace('%s', 'NETFILTER_CFG')} table=filter:31 family=2 entries=1 op=${op} pid=5704 subj=unconfined comm="iptables"`,
    `${header.replace('%s', 'SYSCALL')} arch=c000003e syscall=46 success=yes exit=304 a0=3 a1=7ffc80659110 a2=0 a3=7ffc806590fc items=0 ppid=5703 pid=5704 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts2 ses=108 comm="iptables" exe="/usr/sbin/xtables-nft-multi" subj=unconfined key=(null)`,
    `${header.replace('%s', 'PROCTITLE')} proctitle=${proctitle(command)}`,
    `${header.replace('%s', 'EOE')}`,
  ];
}

describe('auditd NETFILTER_CFG records as firewall changes', () => {
  it('reads the real sample: a legacy table replace, an nft-backed restore and an iptables -A, each beside its signal', () => {
    const results = assemble(SAMPLE);
    expect(changes(results)).toEqual([
      {
        kind: 'change',
        time: 1605810940198,
        source: 'auditd',
        change: 'firewall',
        summary:
          'iptables-restore --noflush --verbose --wait 10 --wait-interval 50000 (table filter (ipv4, 281 entries) replaced)',
        actor: 'root',
        temporary: false,
      },
      {
        kind: 'change',
        time: 1678209535152,
        source: 'auditd',
        change: 'firewall',
        summary:
          'iptables-restore (nftables table filter (ipv4) unregistered; nftables chain registered in filter (ipv4))',
        actor: 'uid 1001',
        temporary: false,
      },
      {
        kind: 'change',
        time: 1678209784390,
        source: 'auditd',
        change: 'firewall',
        summary:
          'sudo /usr/sbin/iptables -A OUTPUT -d 10.100.249.64 -j DROP (nftables rule registered in filter (ipv4))',
        actor: 'uid 1001',
        undo: { op: 'add', key: 'ipv4 filter OUTPUT -d 10.100.249.64 -j DROP' },
      },
    ]);
    // The processes' own syscalls stay signals (context) as before.
    expect(signals(results).map((s) => [s.kind, s.process?.name])).toEqual([
      ['context', 'iptables-restor'],
      ['context', 'iptables-restor'],
      ['context', 'iptables'],
    ]);
  });

  it("skips a table the kernel registered (a module loaded) and keeps the host auditd's node names", () => {
    const registration = assemble(['type=NETFILTER_CFG msg=audit(1481076984.827:17): table=filter family=2 entries=0']);
    expect(changes(registration)).toEqual([]);
    expect(skips(registration)[0]?.reason).toMatch(/table registration/);
    const [change] = changes(assemble(nftEvent(1678209784, 9, 'nft_register_rule', 'iptables -I INPUT 1 -j ACCEPT')));
    expect(change?.host).toBe(HOST);
    expect(change?.undo).toEqual({ op: 'add', key: 'ipv4 filter INPUT -j ACCEPT' });
  });

  it.each([
    [
      'iptables -A INPUT -p tcp --dport 8080 -j ACCEPT',
      { op: 'add', key: 'ipv4 filter INPUT -p tcp --dport 8080 -j ACCEPT' },
    ],
    ['iptables -w 5 -t nat -I PREROUTING 2 -p tcp -j DNAT', { op: 'add', key: 'ipv4 nat PREROUTING -p tcp -j DNAT' }],
    ['/usr/sbin/ip6tables -D INPUT -s ::1 -j ACCEPT', { op: 'remove', key: 'ipv6 filter INPUT -s ::1 -j ACCEPT' }],
    [
      'xtables-nft-multi iptables -D OUTPUT -d 10.0.0.1 -j DROP',
      { op: 'remove', key: 'ipv4 filter OUTPUT -d 10.0.0.1 -j DROP' },
    ],
    [
      'nft add element inet filter allow { 10.0.0.5 }',
      { op: 'add', key: 'nft element inet filter allow { 10.0.0.5 }' },
    ],
    [
      'nft delete element inet filter allow { 10.0.0.5 }',
      { op: 'remove', key: 'nft element inet filter allow { 10.0.0.5 }' },
    ],
  ])('keys %s', (command, key) => {
    expect(undoKey(command)).toEqual(key);
  });

  it.each([
    'iptables -D INPUT 3',
    'iptables -F INPUT',
    'iptables -P INPUT DROP',
    'iptables-restore --noflush',
    'nft -f /etc/nftables.conf',
    'nft delete rule inet filter input handle 7',
    'ls -l',
  ])('has no undo key for %s (nothing names the rule it adds or removes)', (command) => {
    expect(undoKey(command)).toBeUndefined();
  });

  it('keeps hostile text in the command as data: the summary is capped, not interpreted', () => {
    const command = `iptables -A INPUT -m comment --comment <script>alert(1)</script>\u001b[31m -j ACCEPT`;
    const [change] = changes(assemble(nftEvent(1678209784, 11, 'nft_register_rule', command)));
    expect(change?.summary.startsWith(command)).toBe(true);
    expect(change?.undo?.op).toBe('add');
  });
});

describe('an iptables rule opened through auditd and its inverse record', () => {
  const HOUR = 60 * MINUTE;
  const OPENED = T0 + 10 * MINUTE;
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const add = 'sudo /usr/sbin/iptables -A INPUT -p tcp --dport 8080 -j ACCEPT';
  const remove = 'sudo /usr/sbin/iptables -D INPUT -p tcp --dport 8080 -j ACCEPT';
  const run = (lines: string[]) =>
    runEngine(
      busyHost('node'),
      changes(assemble(lines)) as ChangeEvent[],
      { temporaryChangeWindowMs: HOUR },
      T0 + 2 * HOUR,
    );

  it('becomes an open finding when nothing removes it within the window', () => {
    const { findings } = run(nftEvent(seconds(OPENED), 100, 'nft_register_rule', add));
    expect(findings.map((f) => [f.status, f.asset, f.change.source, f.change.actor])).toEqual([
      ['open', { kind: 'host', name: HOST }, 'auditd', 'uid 1001'],
    ]);
    expect(findings[0]?.summary).toContain('-A INPUT -p tcp --dport 8080 -j ACCEPT');
  });

  it('raises nothing when the inverse iptables -D arrives in time, and a restore is never tracked', () => {
    const lines = [
      ...nftEvent(seconds(OPENED), 100, 'nft_register_rule', add),
      ...nftEvent(seconds(OPENED + 20 * MINUTE), 101, 'nft_unregister_rule', remove),
      ...nftEvent(seconds(OPENED + 21 * MINUTE), 102, 'nft_register_chain', 'iptables-restore'),
    ];
    expect(run(lines).findings).toEqual([]);
  });
});

/** Lines of the go-libaudit samples beside this file (real audit.log records). */
function sampleLine(file: string, contains: string): string {
  const line = readFileSync(signalFile(`auditd/${file}`), 'utf8')
    .split('\n')
    .find((l) => l.includes(contains));
  if (line === undefined) throw new Error(`no line with ${contains} in ${file}`);
  return line;
}

describe('auditd CONFIG_CHANGE, account and sudo records as changes', () => {
  it('reads an audit rule added (CONFIG_CHANGE) as a config change, never temporary', () => {
    const line = sampleLine('audit-rhel7.log', 'type=CONFIG_CHANGE msg=audit(1492749467.018:1209)');
    expect(changes(assemble([line]))).toEqual([
      {
        kind: 'change',
        time: 1492749467018,
        source: 'auditd',
        change: 'config',
        summary: 'audit rule added (key "pam")',
        temporary: false,
      },
    ]);
  });

  it('reads a user and a group added as access changes beside their alerts, keyed for the inverse record', () => {
    const results = assemble([
      sampleLine('audit-rhel7.log', 'type=ADD_GROUP msg=audit(1481076992.414:385)'),
      sampleLine('audit-rhel7.log', 'type=ADD_USER msg=audit(1481076992.488:389)'),
    ]);
    expect(changes(results).map((c) => [c.change, c.summary, c.actor, c.undo])).toEqual([
      ['access', 'group added id 1000 by groupadd', 'root', { op: 'add', key: 'group id 1000' }],
      ['access', 'user account added id 1000 by useradd', 'root', { op: 'add', key: 'user id 1000' }],
    ]);
    expect(signals(results).map((s) => s.rule)).toEqual(['Group added', 'User account added']);
  });

  it('reads sudo running something else (USER_CMD) as no change, and sudo running iptables as a firewall change', () => {
    const other = sampleLine('audit-rhel7.log', 'type=USER_CMD msg=audit(1481077231.363:475)');
    expect(changes(assemble([other]))).toEqual([]);
    const cmd = Buffer.from('/usr/sbin/iptables -A INPUT -p tcp --dport 8080 -j ACCEPT').toString('hex').toUpperCase();
    const sudo = other.replace(/cmd=[0-9A-F]+/, `cmd=${cmd}`);
    expect(changes(assemble([sudo]))).toEqual([
      {
        kind: 'change',
        time: 1481077231363,
        source: 'auditd',
        change: 'firewall',
        summary: 'sudo /usr/sbin/iptables -A INPUT -p tcp --dport 8080 -j ACCEPT',
        actor: 'uid 1000',
        undo: { op: 'add', key: 'ipv4 filter INPUT -p tcp --dport 8080 -j ACCEPT' },
      },
    ]);
  });

  it('undoes both reports of one rule (sudo and the kernel) with one iptables -D', () => {
    const seconds = Math.floor((T0 + 10 * MINUTE) / 1000);
    const command = 'iptables -A INPUT -p tcp --dport 8080 -j ACCEPT';
    const cmd = (c: string) => Buffer.from(c).toString('hex').toUpperCase();
    const sudo = (s: number, serial: number, c: string) =>
      `node=${HOST} type=USER_CMD msg=audit(${s}.100:${serial}): pid=1382 uid=1000 auid=1000 ses=3 msg='cwd="/root" cmd=${cmd(c)} terminal=pts/0 res=success'`;
    const lines = [
      sudo(seconds, 1, command),
      ...nftEvent(seconds, 2, 'nft_register_rule', command),
      sudo(seconds + 600, 3, command.replace('-A', '-D')),
      ...nftEvent(seconds + 600, 4, 'nft_unregister_rule', command.replace('-A', '-D')),
    ];
    const found = runEngine(
      busyHost('node'),
      changes(assemble(lines)) as ChangeEvent[],
      { temporaryChangeWindowMs: 60 * MINUTE },
      T0 + 2 * 60 * MINUTE,
    );
    expect(found.findings).toEqual([]);
  });
});
