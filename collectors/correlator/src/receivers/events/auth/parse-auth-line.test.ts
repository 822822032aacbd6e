import { lines, onlySignal, skips } from '../__fixtures__/samples';
import { parseAuthLine } from './parse-auth-line';

const REFERENCE = Date.UTC(2017, 1, 22);
const SAMPLE = lines('auth/auth.log');

function sampleLine(fragment: string): string {
  const line = SAMPLE.find((l) => l.includes(fragment));
  if (!line) throw new Error(`no auth.log line with ${fragment}`);
  return line;
}

describe('parseAuthLine', () => {
  it('reads the sudo NOT in sudoers line as a high alert about the invoking user', () => {
    expect(onlySignal(parseAuthLine(sampleLine('NOT in sudoers'), { referenceTime: REFERENCE }))).toEqual({
      time: Date.UTC(2017, 1, 24, 0, 13, 2),
      source: 'auth',
      kind: 'alert',
      rule: 'sudo: user NOT in sudoers',
      severity: 'high',
      host: 'precise32',
      process: { name: 'sudo', owner: 'tsg' },
      output: 'tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
    });
  });

  it('reads a sudo command as context: the command, owned by the target user, child of sudo', () => {
    const signal = onlySignal(parseAuthLine(sampleLine('COMMAND=/bin/cat'), { referenceTime: REFERENCE }));
    expect(signal).toMatchObject({ kind: 'context', rule: 'sudo: command run', severity: 'info' });
    expect(signal.process).toEqual({
      name: 'cat',
      exePath: '/bin/cat',
      commandLine: '/bin/cat /var/log/secure',
      owner: 'root',
      parent: { name: 'sudo' },
    });
  });

  it.each([
    ['Accepted publickey', 'context', 'sshd: Accepted publickey', 'info', '10.0.2.2'],
    ['Accepted password', 'context', 'sshd: Accepted password', 'info', '192.168.33.1'],
    ['Invalid user test', 'alert', 'sshd: Invalid user', 'low', '10.0.2.2'],
    ['Failed password for root', 'alert', 'sshd: Failed password', 'low', '216.160.83.57'],
    ['Did not receive identification', 'alert', 'sshd: Did not receive identification string', 'low', '2.125.160.217'],
  ])('reads the sshd line "%s"', (fragment, kind, rule, severity, srcAddress) => {
    const signal = onlySignal(parseAuthLine(sampleLine(fragment), { referenceTime: REFERENCE }));
    expect(signal).toMatchObject({ kind, rule, severity, srcAddress, process: { name: 'sshd' } });
    expect(signal.process?.pid).toEqual(expect.any(Number));
  });

  it.each([
    [
      'Feb 22 11:47:05 localhost useradd[6995]: new user: name=apache, UID=48, GID=48, home=/usr/share/httpd, shell=/sbin/nologin',
      'useradd: new user',
      'medium',
    ],
    ['Feb 22 11:47:05 localhost groupadd[6991]: new group: name=apache, GID=48', 'groupadd: new group', 'low'],
    [
      "Feb 22 11:48:00 localhost usermod[7001]: add 'eve' to group 'sudo'",
      'usermod: user added to privileged group',
      'high',
    ],
    ["Feb 22 11:48:00 localhost usermod[7001]: add 'eve' to group 'video'", 'usermod: user added to group', 'low'],
    ["Feb 22 11:49:00 localhost userdel[7002]: delete user 'eve'", 'userdel: delete user', 'low'],
    [
      'Feb 22 11:50:00 localhost passwd[7003]: pam_unix(passwd:chauthtok): password changed for eve',
      'passwd: password changed',
      'low',
    ],
    [
      'Feb 22 11:51:00 localhost sudo: pam_unix(sudo:auth): authentication failure; logname=eve uid=1000 euid=0 tty=/dev/pts/0 ruser=eve rhost=  user=eve',
      'sudo: authentication failure',
      'medium',
    ],
    [
      'Feb 22 11:52:00 localhost sudo:      eve : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/eve ; USER=root ; COMMAND=/bin/bash',
      'sudo: incorrect password attempts',
      'medium',
    ],
    ['Feb 22 11:53:00 localhost su[7004]: FAILED SU (to root) eve on pts/0', 'su: FAILED SU', 'medium'],
    [
      'Feb 22 11:54:00 localhost sshd[7005]: error: maximum authentication attempts exceeded for root from 203.0.113.9 port 4242 ssh2 [preauth]',
      'sshd: Too many authentication failures',
      'medium',
    ],
    [
      'Feb 22 11:55:00 localhost sshd[7006]: Connection closed by authenticating user root 203.0.113.9 port 4243 [preauth]',
      'sshd: Connection closed pre-auth',
      'low',
    ],
    [
      'Feb 22 11:56:00 localhost sshd[7007]: Disconnected from invalid user admin 203.0.113.9 port 4244 [preauth]',
      'sshd: Disconnected pre-auth',
      'low',
    ],
    [
      'Feb 22 11:57:00 localhost sshd[7008]: message repeated 3 times: [ Failed password for root from 203.0.113.9 port 4245 ssh2]',
      'sshd: Failed password',
      'low',
    ],
  ])('reads %s', (line, rule, severity) => {
    expect(onlySignal(parseAuthLine(line, { referenceTime: REFERENCE }))).toMatchObject({
      kind: 'alert',
      rule,
      severity,
    });
  });

  it('reads a bare pre-auth disconnect (a health check or scanner) as context', () => {
    const line = 'Feb 22 11:58:00 localhost sshd[7009]: Connection closed by 203.0.113.9 port 4246 [preauth]';
    expect(onlySignal(parseAuthLine(line, { referenceTime: REFERENCE }))).toMatchObject({
      kind: 'context',
      rule: 'sshd: Connection closed pre-auth',
      srcAddress: '203.0.113.9',
    });
  });

  it('reads the RFC 3339 layout modern rsyslog writes, offset included', () => {
    const line =
      '2026-11-23T03:12:00.123456+01:00 Web-1 sshd[3402]: Failed password for invalid user admin from 198.51.100.7 port 50000 ssh2';
    expect(onlySignal(parseAuthLine(line))).toMatchObject({
      time: Date.UTC(2026, 10, 23, 2, 12, 0, 123),
      host: 'web-1',
      process: { pid: 3402 },
    });
  });

  it.each([
    [
      'the reference year when that is nearest',
      'Feb 21 21:54:44',
      Date.UTC(2017, 5, 1),
      Date.UTC(2017, 1, 21, 21, 54, 44),
    ],
    [
      'the next year for a February line near a December reference',
      'Feb 21 21:54:44',
      Date.UTC(2018, 11, 20),
      Date.UTC(2019, 1, 21, 21, 54, 44),
    ],
    [
      'the previous year for a December line near a January reference',
      'Dec 30 23:59:59',
      Date.UTC(2018, 0, 5),
      Date.UTC(2017, 11, 30, 23, 59, 59),
    ],
    ['a leap year for 29 February', 'Feb 29 12:00:00', Date.UTC(2021, 1, 1), Date.UTC(2020, 1, 29, 12, 0, 0)],
  ])('dates an RFC 3164 line in %s', (_label, stamp, referenceTime, expected) => {
    const line = `${stamp} localhost sshd[3402]: Accepted publickey for vagrant from 10.0.2.2 port 63673 ssh2`;
    expect(onlySignal(parseAuthLine(line, { referenceTime })).time).toBe(expected);
  });

  it('applies utcOffsetMinutes to RFC 3164 times written in local time', () => {
    const line = sampleLine('Accepted publickey');
    const utc = onlySignal(parseAuthLine(line, { referenceTime: REFERENCE })).time;
    expect(onlySignal(parseAuthLine(line, { referenceTime: REFERENCE, utcOffsetMinutes: 120 })).time).toBe(
      utc - 120 * 60_000,
    );
  });

  it('without a reference dates a line in the current year, never more than a day ahead', () => {
    const time = onlySignal(parseAuthLine(sampleLine('Accepted publickey'))).time;
    expect(time).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
    expect(new Date(time).getUTCFullYear()).toBeGreaterThanOrEqual(new Date().getUTCFullYear() - 1);
  });

  it.each([
    [
      'another program',
      'Feb 22 11:59:01 localhost CRON[7010]: pam_unix(cron:session): session opened for user root by (uid=0)',
      'auth: CRON message carries no security signal',
    ],
    [
      'an sshd message of no interest',
      'Feb 22 11:59:02 localhost sshd[7011]: Server listening on 0.0.0.0 port 22.',
      'auth: sshd message carries no security signal',
    ],
    ['a line with no syslog header', 'just some text', 'auth: invalid syslog line'],
    [
      'a date that does not exist',
      'Feb 31 11:59:02 localhost sshd[7011]: Accepted password for a from 1.2.3.4 port 1 ssh2',
      'auth: invalid RFC 3164 timestamp',
    ],
  ])('skips %s', (_label, line, reason) => {
    expect(skips(parseAuthLine(line, { referenceTime: REFERENCE }))[0]?.reason).toContain(reason);
  });
});
