import { isSyslogLine, parseSyslogLine } from './syslog';

const RECEIVED = Date.UTC(2026, 0, 2, 8, 0, 0);

describe('parseSyslogLine', () => {
  it.each<[string, string, object]>([
    [
      'RFC 3164 with host and pid',
      'Feb 22 16:45:20 slave22 sshd[2738]: Failed password',
      { host: 'slave22', program: 'sshd', pid: 2738, message: 'Failed password' },
    ],
    [
      'RFC 3164 without a host field',
      'Nov 23 21:50:19 sshd[8148]: Disconnecting: Too many',
      { program: 'sshd', pid: 8148, message: 'Disconnecting: Too many' },
    ],
    [
      'a bracketed tag without host',
      'Mar  3 00:17:22 [sshd]: User root from x',
      { program: 'sshd', message: 'User root from x' },
    ],
    ['a bracketed tag without colon', 'Jun 25 23:53:34 [sshd] User root', { program: 'sshd', message: 'User root' }],
    [
      'a program name with a space (macOS)',
      'Jul  1 09:01:05 calvisitor-10-105-160-95 Microsoft Word[14463]: error',
      { host: 'calvisitor-10-105-160-95', program: 'Microsoft Word', pid: 14463, message: 'error' },
    ],
    [
      'an ISO time without zone and no host (journalctl short-iso)',
      '2026-08-04T17:40:12 sshd-session[1893]: Connection closed',
      { program: 'sshd-session', pid: 1893, message: 'Connection closed', time: Date.UTC(2026, 7, 4, 17, 40, 12) },
    ],
    [
      'an ISO time with a +01:30 offset',
      '2019-06-14T13:01:15.412+01:30 localhost pam: user nobody logged out.',
      { host: 'localhost', program: 'pam', time: Date.UTC(2019, 5, 14, 11, 31, 15, 412) },
    ],
    [
      'RFC 5424 with structured data holding brackets and quotes',
      '<38>1 2019-07-08T17:40:17.954167-04:00 hostname.example.com sshd 55555 - [timeQuality tzKnown="1" isSynced="0"][xxx@123 test="[brackets] \\"q\\""] Failed unknown',
      {
        host: 'hostname.example.com',
        program: 'sshd',
        pid: 55555,
        message: 'Failed unknown',
        time: Date.UTC(2019, 6, 8, 21, 40, 17, 954),
      },
    ],
    [
      'RFC 5424 with nil host, app and procid',
      '<30>1 2023-09-28T12:10:12.175599+02:00 - - - - - Stopped target Default.',
      { program: '', message: 'Stopped target Default.' },
    ],
    [
      'journald copies of pid and time before the message',
      'Jul 10 23:53:52 fail2ban-test dropbear[825]: [825] Jul 10 23:53:52 Bad password attempt',
      { program: 'dropbear', pid: 825, message: 'Bad password attempt' },
    ],
    [
      'the Solaris message id',
      'Mar 29 05:59:23 dusky sshd[20878]: [ID 800047 auth.info] Failed keyboard-interactive',
      { host: 'dusky', message: 'Failed keyboard-interactive' },
    ],
    [
      'an RFC 3164 PRI',
      '<38>Feb 22 16:45:20 slave22 sshd[2738]: x',
      { host: 'slave22', program: 'sshd', message: 'x' },
    ],
  ])('reads %s', (_label, line, expected) => {
    expect(parseSyslogLine(line, { receivedAt: RECEIVED })).toMatchObject(expected);
  });

  it.each([
    ['a December line received on 2 January is last year', 'Dec 31 23:59:59', Date.UTC(2025, 11, 31, 23, 59, 59)],
    ['a January line received on 2 January is this year', 'Jan  2 07:59:00', Date.UTC(2026, 0, 2, 7, 59, 0)],
    ['a line up to a day ahead of the receiver (clock skew) is this year', 'Jan  3 06:00:00', Date.UTC(2026, 0, 3, 6)],
    ['a line more than a day ahead of the receiver is last year', 'Jan  5 00:00:00', Date.UTC(2025, 0, 5)],
    ['29 February takes the latest leap year before receipt', 'Feb 29 12:00:00', Date.UTC(2024, 1, 29, 12)],
  ])('%s', (_label, stamp, expected) => {
    const entry = parseSyslogLine(`${stamp} host sshd[1]: x`, {
      receivedAt: RECEIVED,
      referenceTime: Date.UTC(2030, 0),
    });
    expect('time' in entry && entry.time).toBe(expected);
  });

  it('dates a yearless line near the reference time when nothing says when it was received (replay)', () => {
    const entry = parseSyslogLine('Feb 21 21:54:44 host sshd[1]: x', { referenceTime: Date.UTC(2018, 11, 20) });
    expect('time' in entry && entry.time).toBe(Date.UTC(2019, 1, 21, 21, 54, 44));
  });

  it('reads the receiving time from the clock it is given when the caller gives none', () => {
    const entry = parseSyslogLine('Dec 31 23:00:00 host sshd[1]: x', {}, () => RECEIVED);
    expect('time' in entry && entry.time).toBe(Date.UTC(2025, 11, 31, 23));
  });

  it.each([
    ['no header', 'just some text', 'auth: invalid syslog line'],
    ['a date that does not exist', 'Feb 31 11:59:02 host sshd[1]: x', 'auth: invalid RFC 3164 timestamp'],
    [
      'unterminated structured data',
      '<38>1 2019-07-08T17:40:17Z h sshd 1 - [x a="b] msg',
      'auth: invalid RFC 5424 structured data',
    ],
    ['a nil RFC 5424 timestamp', '<38>1 - h sshd 1 - - msg', 'auth: invalid RFC 5424 timestamp'],
  ])('refuses %s with a reason', (_label, line, reason) => {
    expect(parseSyslogLine(line)).toMatchObject({ skipped: true, reason: expect.stringContaining(reason) });
  });

  it('recognizes every header it reads, and nothing else, for replay', () => {
    expect(isSyslogLine('<38>1 2019-07-08T17:40:16Z h sshd 1 - - x')).toBe(true);
    expect(isSyslogLine('2026-08-04T17:40:12 sshd-session[1893]: x')).toBe(true);
    expect(isSyslogLine('Feb  7 16:01:07 h sshd[1]: x')).toBe(true);
    expect(isSyslogLine('type=SYSCALL msg=audit(1.2:3): x')).toBe(false);
    expect(isSyslogLine('2026-11-23 03:12:00 install curl:amd64 <none> 8.5.0')).toBe(false);
  });
});
