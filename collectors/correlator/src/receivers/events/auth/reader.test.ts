import { lines, onlySignal, sampleLine, signals, skips } from '../__fixtures__/samples';
import type { Signal } from '../../../model/signal';
import { AuthLogReader, parseAuthLine } from './reader';

/** fail2ban's sshd test log (2004-2005 lines) and the others carry no year: read them near their own time. */
const F2B = { referenceTime: Date.UTC(2005, 3, 1) };
const BEATS = { referenceTime: Date.UTC(2017, 1, 22) };

type Fields = Pick<Signal, 'rule' | 'user' | 'srcAddress' | 'srcPort' | 'outcome'>;

/** The fields people search by, exactly: absent ones must be absent. */
function fields(signal: Signal): Fields {
  const out: Fields = { rule: signal.rule };
  for (const key of ['user', 'srcAddress', 'srcPort', 'outcome'] as const) {
    if (signal[key] !== undefined) (out as Record<string, unknown>)[key] = signal[key];
  }
  return out;
}

function read(line: string, options = F2B): Fields {
  return fields(onlySignal(parseAuthLine(line, options)));
}

describe('AuthLogReader on real sshd lines (fail2ban test log)', () => {
  const file = 'auth/fail2ban/sshd';
  it.each<[string, Fields]>([
    [
      'Failed password for invalid user ROOT from 194.117.26.69',
      { rule: 'sshd: Failed password', user: 'ROOT', srcAddress: '194.117.26.69', srcPort: 50273, outcome: 'failure' },
    ],
    [
      '14:34:11 belka sshd[31603]',
      { rule: 'sshd: Failed password', user: 'ROOT', srcAddress: 'aaaa:bbbb:cccc:1234::1:1', outcome: 'failure' },
    ],
    [
      'Failed publickey for invalid user graysky from 127.0.0.1',
      { rule: 'sshd: Failed publickey', user: 'graysky', srcAddress: '127.0.0.1', srcPort: 37954, outcome: 'failure' },
    ],
    [
      'Failed hostbased for dan from 127.0.0.1 port 45785 ssh2: RSA',
      { rule: 'sshd: Failed hostbased', user: 'dan', srcAddress: '127.0.0.1', srcPort: 45785, outcome: 'failure' },
    ],
    [
      'Failed password for user from 127.0.0.1 port 20000 ssh1: ruser from 1.2.3.4',
      { rule: 'sshd: Failed password', user: 'user', srcAddress: '127.0.0.1', srcPort: 20000, outcome: 'failure' },
    ],
    [
      'Failed keyboard-interactive for <invalid username> from 205.186.180.55',
      { rule: 'sshd: Failed keyboard-interactive', srcAddress: '205.186.180.55', srcPort: 42742, outcome: 'failure' },
    ],
    [
      'Invalid user ftp from 192.0.2.2 port 37220',
      { rule: 'sshd: Invalid user', user: 'ftp', srcAddress: '192.0.2.2', srcPort: 37220, outcome: 'failure' },
    ],
    [
      'ROOT LOGIN REFUSED FROM ::ffff:1.2.3.4',
      { rule: 'sshd: Root login refused', user: 'root', srcAddress: '1.2.3.4', outcome: 'failure' },
    ],
    [
      'User root from 46.45.128.3 not allowed because listed in DenyUsers',
      { rule: 'sshd: User not allowed', user: 'root', srcAddress: '46.45.128.3', outcome: 'failure' },
    ],
    [
      'PAM: Authentication failure for test-ipv6 from',
      {
        rule: 'sshd: PAM authentication failure',
        user: 'test-ipv6',
        srcAddress: '2606:2800:220:1:248:1893:25c8:1946',
        outcome: 'failure',
      },
    ],
    [
      'PAM: authentication error for james from example.com via 192.168.1.201',
      { rule: 'sshd: PAM authentication failure', user: 'james', srcAddress: 'example.com', outcome: 'failure' },
    ],
    [
      'for illegal user kernelitshell from 10.215.4.227',
      {
        rule: 'sshd: PAM authentication failure',
        user: 'kernelitshell',
        srcAddress: '10.215.4.227',
        outcome: 'failure',
      },
    ],
    [
      'maximum authentication attempts exceeded for root from 61.0.0.1',
      {
        rule: 'sshd: Too many authentication failures',
        user: 'root',
        srcAddress: '61.0.0.1',
        srcPort: 49940,
        outcome: 'failure',
      },
    ],
    [
      'Disconnecting invalid user admin 192.0.2.117 port 44004: Change of username',
      {
        rule: 'sshd: Change of username refused',
        user: 'admin',
        srcAddress: '192.0.2.117',
        srcPort: 44004,
        outcome: 'failure',
      },
    ],
    [
      'Connection closed by authenticating user root 192.0.2.10 port 46038 [preauth]',
      {
        rule: 'sshd: Connection closed pre-auth',
        user: 'root',
        srcAddress: '192.0.2.10',
        srcPort: 46038,
        outcome: 'failure',
      },
    ],
    [
      "Bad protocol version identification 'dummy string' from 192.0.2.1' from 69.61.56.115 port 31778",
      { rule: 'sshd: Bad protocol version identification', srcAddress: '69.61.56.115', srcPort: 31778 },
    ],
    [
      'Unable to negotiate with 192.0.2.1 port 55419: no matching cipher found.',
      { rule: 'sshd: Unable to negotiate', srcAddress: '192.0.2.1', srcPort: 55419 },
    ],
    [
      'Did not receive identification string from 192.0.2.5 port 35836',
      { rule: 'sshd: Did not receive identification string', srcAddress: '192.0.2.5', srcPort: 35836 },
    ],
    [
      'refused connect from _U2FsdGVkX19P3BCJmFBHhjLza8BcMH06WCUVwttMHpE=_@::ffff:218.249.210.161',
      { rule: 'sshd: Connection refused', srcAddress: '218.249.210.161', outcome: 'failure' },
    ],
    [
      'error: Received disconnect from 10.0.0.1 port 7736:3: com.jcraft.jsch.JSchException: Auth fail [preauth]',
      { rule: 'sshd: Disconnected pre-auth', srcAddress: '10.0.0.1', srcPort: 7736, outcome: 'failure' },
    ],
    [
      'Accepted publickey for git from 192.0.2.1 port 57904 ssh2',
      { rule: 'sshd: Accepted publickey', user: 'git', srcAddress: '192.0.2.1', srcPort: 57904, outcome: 'success' },
    ],
    [
      '<38>1 2019-07-08T17:40:16.954167-04:00 hostname.example.com sshd 57915',
      {
        rule: 'sshd: Failed unknown',
        user: 'redmond',
        srcAddress: '192.0.2.1',
        srcPort: 59197,
        outcome: 'failure',
      },
    ],
  ])('reads "%s"', (fragment, expected) => {
    expect(read(sampleLine(file, fragment))).toEqual(expected);
  });

  it.each<[string, string, string]>([
    [
      'takes the address sshd wrote, not the one inside the user name',
      'Failed password for invalid user test from 10.10.1.2 port 55555 ssh2 from 127.0.0.1 port 58946 ssh2',
      '127.0.0.1',
    ],
    [
      'takes the last address of a pre-auth close whose user name holds another',
      'Connection closed by authenticating user test 127.0.0.1 port 12345 192.0.2.11 port 46039 [preauth]',
      '192.0.2.11',
    ],
    [
      'reads a user name that is itself "from <addr>"',
      'Failed password for invalid user from 10.10.1.1 from 127.0.0.1',
      '127.0.0.1',
    ],
  ])('%s', (_label, fragment, address) => {
    const signal = onlySignal(parseAuthLine(sampleLine(file, fragment), F2B));
    expect(signal.srcAddress).toBe(address);
    expect(signal.outcome).toBe('failure');
  });

  it('keeps the injected text as the user name, whole', () => {
    const line = sampleLine(file, 'Connection closed by authenticating user test 127.0.0.1 port 12345');
    expect(onlySignal(parseAuthLine(line, F2B)).user).toBe('test 127.0.0.1 port 12345');
  });

  it('dates the RFC 5424 line by its own offset and reads host, program and pid from the header', () => {
    const signal = onlySignal(parseAuthLine(sampleLine(file, 'isSynced="0"'), F2B));
    expect(signal).toMatchObject({
      time: Date.UTC(2019, 6, 8, 21, 40, 17, 954),
      host: 'hostname.example.com',
      process: { name: 'sshd', pid: 55555 },
      srcAddress: '192.0.2.2',
    });
  });

  it('gives a line that names no address the address an earlier line of the same sshd process wrote', () => {
    const reader = new AuthLogReader();
    const connection = sampleLine(file, 'Connection from 115.249.163.77 port 51353 on 127.0.0.1 port 22');
    expect(skips(reader.read(connection, F2B))).toHaveLength(1);
    const next = 'Feb 12 04:09:21 localhost sshd[26713]: Disconnecting: Too many authentication failures [preauth]';
    expect(fields(onlySignal(reader.read(next, F2B)))).toEqual({
      rule: 'sshd: Too many authentication failures',
      srcAddress: '115.249.163.77',
      srcPort: 51353,
      outcome: 'failure',
    });
  });

  it('turns a bare pre-auth close into a failure only in a session that already failed', () => {
    const reader = new AuthLogReader();
    const [disconnecting, close] = [
      'Nov 23 21:50:19 sshd[8148]: Disconnecting: Too many authentication failures for root [preauth]',
      'Nov 23 21:50:37 sshd[8148]: Connection closed by 61.0.0.1 [preauth]',
    ];
    expect(onlySignal(reader.read(disconnecting, F2B)).user).toBe('root');
    expect(fields(onlySignal(reader.read(close, F2B)))).toEqual({
      rule: 'sshd: Connection closed pre-auth',
      user: 'root',
      srcAddress: '61.0.0.1',
      outcome: 'failure',
    });
    const bare = sampleLine(file, 'Connection closed by 192.0.2.212 [preauth]');
    expect(onlySignal(new AuthLogReader().read(bare, F2B))).toMatchObject({
      kind: 'context',
      srcAddress: '192.0.2.212',
    });
  });

  it('carries no user, port or failure of one peer to another peer logged under the same pid', () => {
    const reader = new AuthLogReader();
    reader.read(
      'Jan  1 00:00:01 host sshd[9]: Failed password for invalid user oracle from 198.51.100.5 port 5000 ssh2',
      F2B,
    );
    const other = reader.read(
      'Jan  1 00:00:02 host sshd[9]: Received disconnect from 198.51.100.6: 11: Bye Bye [preauth]',
      F2B,
    );
    expect(fields(onlySignal(other))).toEqual({
      rule: 'sshd: Disconnected pre-auth',
      srcAddress: '198.51.100.6',
      outcome: 'failure',
    });
    const close = reader.read('Jan  1 00:00:03 host sshd[9]: Connection closed by 198.51.100.7 [preauth]', F2B);
    expect(onlySignal(close)).toMatchObject({ kind: 'context', srcAddress: '198.51.100.7' });
    const pam = reader.read(
      'Jan  1 00:00:04 host sshd[9]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.8',
      F2B,
    );
    expect(fields(onlySignal(pam))).toEqual({
      rule: 'sshd: authentication failure',
      srcAddress: '198.51.100.8',
      outcome: 'failure',
    });
  });

  it('raises an alert for nearly every line fail2ban flags, reading the file in order as sshd wrote it', () => {
    // fail2ban's annotation `# failJSON: { ... "match": true ... }` stands above each line it flags.
    const all = lines(file);
    const reader = new AuthLogReader();
    let flagged = 0;
    const missed: string[] = [];
    for (let i = 0; i < all.length; i += 1) {
      const line = all[i] as string;
      if (line.startsWith('#')) continue;
      const alerted = signals(reader.read(line, F2B)).some((s) => s.kind === 'alert');
      if (!/^# failJSON: .*"match": true/.test(all[i - 1] ?? '')) continue;
      flagged += 1;
      if (!alerted) missed.push(line);
    }
    expect(flagged).toBeGreaterThan(90);
    // Not alerts on purpose: what only fail2ban's ddos mode flags (a bare pre-auth close or reset, which health
    // checks write too, and the socket reset after a scanner's banner), and the `Accepted` line fail2ban flags for
    // the failed attempts before it (each of those already raised its own alert).
    expect(missed.filter((line) => !/\[preauth\]$|: Accepted password for /.test(line))).toEqual([]);
    expect(missed.length).toBeLessThanOrEqual(Math.floor(flagged * 0.1));
  });
});

describe('AuthLogReader on PAM, dropbear, BSD and RHEL lines', () => {
  it.each<[string, string, Fields]>([
    [
      'auth/fail2ban/pam-generic',
      'pop(pam_unix)[4920]',
      { rule: 'pop: authentication failure', user: 'mailuser', srcAddress: '192.168.10.3', outcome: 'failure' },
    ],
    [
      'auth/fail2ban/pam-generic',
      'vsftpd: pam_unix(vsftpd:auth)',
      { rule: 'vsftpd: authentication failure', user: 'an8767', srcAddress: 'www3.google.com', outcome: 'failure' },
    ],
    [
      'auth/fail2ban/pam-generic',
      'proftpd: (pam_unix)',
      { rule: 'proftpd: authentication failure', user: 'mark', srcAddress: '66.232.129.62', outcome: 'failure' },
    ],
    [
      'auth/fail2ban/dropbear',
      "Bad password attempt for 'root' from 1.2.3.4:60588",
      {
        rule: 'dropbear: Bad password attempt',
        user: 'root',
        srcAddress: '1.2.3.4',
        srcPort: 60588,
        outcome: 'failure',
      },
    ],
    [
      'auth/fail2ban/dropbear',
      'login attempt for nonexistent user from ::ffff:198.51.100.215:60495',
      {
        rule: 'dropbear: Login attempt for nonexistent user',
        srcAddress: '198.51.100.215',
        srcPort: 60495,
        outcome: 'failure',
      },
    ],
    [
      'auth/fail2ban/dropbear',
      'Max auth tries reached',
      {
        rule: 'dropbear: Max auth tries reached',
        user: 'root',
        srcAddress: '1.2.3.4',
        srcPort: 60588,
        outcome: 'failure',
      },
    ],
    [
      'auth/fail2ban/dropbear',
      '[825] Jul 10 23:53:52 Bad password',
      {
        rule: 'dropbear: Bad password attempt',
        user: 'root',
        srcAddress: '1.2.3.4',
        srcPort: 52289,
        outcome: 'failure',
      },
    ],
    [
      'auth/fail2ban/bsd-syslog-plain.txt',
      'Failed keyboard-interactive/pam',
      {
        rule: 'sshd: Failed keyboard-interactive/pam',
        user: 'oracle',
        srcAddress: '192.0.2.100',
        srcPort: 48856,
        outcome: 'failure',
      },
    ],
    [
      'auth/secure-rhel7.log',
      'PAM 2 more authentication failures',
      { rule: 'sshd: authentication failure', user: 'root', srcAddress: '116.31.116.27', outcome: 'failure' },
    ],
    [
      'auth/secure-rhel7.log',
      'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=116.31.116.27',
      { rule: 'sshd: authentication failure', user: 'root', srcAddress: '116.31.116.27', outcome: 'failure' },
    ],
  ])('%s: reads "%s"', (file, fragment, expected) => {
    expect(read(sampleLine(file, fragment), BEATS)).toEqual(expected);
  });

  it('reads a dropbear line without a host field as dropbear on no host', () => {
    const signal = onlySignal(parseAuthLine(sampleLine('auth/fail2ban/dropbear', 'dropbear[1252]'), F2B));
    expect(signal.host).toBeUndefined();
    expect(signal.process).toEqual({ name: 'dropbear', pid: 1252 });
  });

  it('reads the ISO time without a zone as UTC, and with one by its offset', () => {
    const [noZone, withZone] = lines('auth/timestamp.log').map((line) => parseAuthLine(line));
    expect(skips(noZone ?? [])[0]?.reason).toBe('auth: sudo message carries no security signal');
    expect(skips(withZone ?? [])[0]?.reason).toBe('auth: pam message carries no security signal');
  });
});

/*
 * Single lines of the shapes issue #12 names (userdel, useradd failures, usermod, gpasswd, pam_faillock, unix_chkpwd,
 * pam_unix with user=, sshd-session, sshd-auth, login, su), as the programs write them; several are the lines Elastic's
 * system integration tests quote (elastic/integrations, Elastic License 2.0). They are quoted here one by one; no
 * file of those tests is copied into the fixtures.
 */
describe('AuthLogReader on account management and privilege lines', () => {
  it.each<[string, Fields & { severity?: string }]>([
    [
      "Oct 14 16:49:59 dlig userdel[1619336]: delete user 'jce'",
      { rule: 'userdel: delete user', user: 'jce', outcome: 'success' },
    ],
    [
      "Oct 11 09:10:48 plinode useradd[25494]: failed adding user 'aol', exit code: 4",
      { rule: 'useradd: failed adding user', user: 'aol', outcome: 'failure' },
    ],
    [
      "Oct 19 12:54:40 plielk0 usermod[7730]: change user 'acris' expiration from '2001-01-01' to '2243-10-16'",
      { rule: 'usermod: account changed', user: 'acris', outcome: 'success' },
    ],
    [
      "2026-05-17T18:04:01.000000+00:00 host12345 usermod[5678902]: add 'testuser' to shadow group 'shadow'",
      { rule: 'usermod: user added to privileged group', user: 'testuser', outcome: 'success' },
    ],
    [
      '2026-05-17T18:02:03.000000+00:00 host12345 gpasswd[3456789]: user alice added by root to group sudo',
      { rule: 'gpasswd: user added to privileged group', user: 'alice', outcome: 'success' },
    ],
    [
      '2026-05-17T18:00:01.000000+00:00 host12345 sshd[1234567]: pam_faillock(sshd:auth): Consecutive login failures for user test account temporarily locked',
      { rule: 'sshd: account locked', user: 'test', outcome: 'failure' },
    ],
    [
      '2026-05-17T18:01:02.000000+00:00 host12345 unix_chkpwd[2345678]: password check failed for user (testuser)',
      { rule: 'unix_chkpwd: password check failed', user: 'testuser', outcome: 'failure' },
    ],
    [
      'Mar 15 10:30:01 webserver sshd[12345]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=10.0.0.5  user=admin',
      { rule: 'sshd: authentication failure', user: 'admin', srcAddress: '10.0.0.5', outcome: 'failure' },
    ],
    [
      'Jun  2 19:08:43 host.name sudo[654321]: pam_unix(sudo:auth): authentication failure; logname=bob uid=1117 euid=0 tty=/dev/pts/1 ruser=alice rhost= user=root',
      { rule: 'sudo: authentication failure', user: 'root', outcome: 'failure' },
    ],
    [
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ',
      { rule: 'sshd: authentication failure', srcAddress: '218.188.2.4', outcome: 'failure' },
    ],
    [
      '2026-08-04T17:40:12 sshd-session[1893]: Connection closed by authenticating user root 139.19.117.130 port 35736 [preauth]',
      {
        rule: 'sshd: Connection closed pre-auth',
        user: 'root',
        srcAddress: '139.19.117.130',
        srcPort: 35736,
        outcome: 'failure',
      },
    ],
    [
      'Jul  8 10:24:30 dragon-zord sshd-auth[12354]: Failed password for admin from 203.0.113.15 port 51801 ssh2',
      { rule: 'sshd: Failed password', user: 'admin', srcAddress: '203.0.113.15', srcPort: 51801, outcome: 'failure' },
    ],
    [
      "Sep 28 11:15:41 ubu login[5200]: FAILED LOGIN (1) on '/dev/tty1' FOR 'mjones', Authentication failure",
      { rule: 'login: FAILED LOGIN', user: 'mjones', outcome: 'failure' },
    ],
    [
      'Sep 28 11:16:02 ubu login[5201]: FAILED LOGIN SESSION FROM tty1 FOR mjones, Authentication failure',
      { rule: 'login: FAILED LOGIN', user: 'mjones', outcome: 'failure' },
    ],
    [
      "Sep 28 11:16:03 ubu login[5202]: TOO MANY LOGIN TRIES (5) on '/dev/tty1' from '192.0.2.44' FOR 'root'",
      { rule: 'login: TOO MANY LOGIN TRIES', user: 'root', srcAddress: '192.0.2.44', outcome: 'failure' },
    ],
    [
      'Sep 28 14:20:03 alma su[6200]: FAILED SU (to root) jsmith on pts/2',
      { rule: 'su: FAILED SU', user: 'root', outcome: 'failure' },
    ],
    [
      'Feb 24 00:13:02 precise32 sudo:      tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
      { rule: 'sudo: user NOT in sudoers', user: 'tsg', outcome: 'failure' },
    ],
  ])('reads %s', (line, expected) => {
    expect(read(line, BEATS)).toEqual(expected);
  });

  it('names the sshd-session process by its own tag and pid', () => {
    const line =
      '2026-09-08T14:20:01.123456+09:00 host sshd-session[77]: Accepted password for bob from 1.2.3.4 port 1 ssh2';
    expect(onlySignal(parseAuthLine(line)).process).toEqual({ name: 'sshd-session', pid: 77 });
  });

  it('counts a repeated message as one signal with its count', () => {
    const line =
      'Feb 22 11:57:00 localhost sshd[7008]: message repeated 3 times: [ Failed password for root from 203.0.113.9 port 4245 ssh2]';
    expect(onlySignal(parseAuthLine(line, BEATS))).toMatchObject({ count: 3, user: 'root', srcAddress: '203.0.113.9' });
  });
});
