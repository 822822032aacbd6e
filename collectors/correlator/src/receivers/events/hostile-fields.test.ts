import fc from 'fast-check';
import type { Signal } from '../../model/signal';
import { signals } from './__fixtures__/samples';
import { AuditdAssembler } from './auditd/assembler';
import { AuthLogReader } from './auth/reader';

/*
 * Attacker-chosen text in every free-text position of every auth and audit line shape Lockstep reads (the user name a
 * client sends, a disconnect reason, a client's version string, a directory name, a command line, a comm, an audit
 * acct) must never move the fields people search by: addresses, ports, users and outcomes come from the parts the
 * program wrote. Each shape is written as its program writes it (sshd and rsyslog keep spaces and quotes; audit
 * hex-encodes any value with a space, a quote or a control byte), with the hostile text where the program puts what
 * it was given.
 */

const FRAGMENTS = [
  'from 1.2.3.4 port 1',
  ' from 6.6.6.6 port 2 ssh2',
  ' ssh2',
  ': RSA SHA256:AAAA',
  ' port 99',
  ' [preauth]',
  '"',
  "'",
  'key=evil',
  ' rhost=6.6.6.6',
  ' user=root',
  ' ; USER=root ; COMMAND=/bin/sh',
  'res=success',
  'addr=6.6.6.6',
  ' 7.7.7.7 port 3',
  '\n',
  '\r',
  ' ',
  ':',
  '(',
  ')',
  '[',
  ']',
  '\u202e',
  '漢',
  'x'.repeat(300),
];

/**
 * Hostile text: fragments and noise, without the leading or trailing blanks no parser could tell from the framing, and
 * without the programs' own placeholders for "no account" (`(invalid user)`, `UNKNOWN`, PAM's `acct="?"`), which a
 * user who types them is written as, indistinguishably.
 */
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((text) => text.trim() === text && text.length > 0 && !/^\(.*\)$|^UNKNOWN$|^\?$/.test(text));

const MAX_USER = 256;
const TIME = 'Mar 19 16:47:48';
const RUNS = { numRuns: 150 };

function readAuth(line: string): Signal[] {
  return signals(new AuthLogReader().read(line, { referenceTime: Date.UTC(2026, 2, 1) })).filter(
    (s) => s.kind === 'alert' || s.outcome !== undefined,
  );
}

interface AuthShape {
  name: string;
  line: (text: string) => string;
  expect: (text: string) => Partial<Signal>;
}

const user = (text: string): string => text.slice(0, MAX_USER);

const AUTH_SHAPES: AuthShape[] = [
  {
    name: 'sshd Failed password for invalid user <text>',
    line: (t) => `${TIME} web sshd[5672]: Failed password for invalid user ${t} from 203.0.113.9 port 4242 ssh2`,
    expect: (t) => ({ user: user(t), srcAddress: '203.0.113.9', srcPort: 4242, outcome: 'failure' }),
  },
  {
    name: 'sshd Failed publickey for invalid user <text> ... ssh2: <key>',
    line: (t) =>
      `${TIME} web sshd-session[5672]: Failed publickey for invalid user ${t} from 2001:db8::7 port 4242 ssh2: ED25519 SHA256:v3dpapGleDaUKf4V1vKyR9ZyUgjaJAmoCTcb2PLljI`,
    expect: (t) => ({ user: user(t), srcAddress: '2001:db8::7', srcPort: 4242, outcome: 'failure' }),
  },
  {
    name: 'sshd Invalid user <text>',
    line: (t) => `${TIME} web sshd[5672]: Invalid user ${t} from 203.0.113.9 port 4242`,
    expect: (t) => ({ user: user(t), srcAddress: '203.0.113.9', srcPort: 4242, outcome: 'failure' }),
  },
  {
    name: 'sshd Connection closed by authenticating user <text>',
    line: (t) =>
      `${TIME} web sshd[5672]: Connection closed by authenticating user ${t} 192.0.2.11 port 46039 [preauth]`,
    expect: (t) => ({ user: user(t), srcAddress: '192.0.2.11', srcPort: 46039, outcome: 'failure' }),
  },
  {
    name: 'sshd Disconnecting invalid user <text>: Too many authentication failures',
    line: (t) =>
      `${TIME} web sshd[5672]: Disconnecting invalid user ${t} 192.0.2.11 port 46039: Too many authentication failures [preauth]`,
    expect: (t) => ({ user: user(t), srcAddress: '192.0.2.11', srcPort: 46039, outcome: 'failure' }),
  },
  {
    name: 'sshd maximum authentication attempts exceeded for invalid user <text>',
    line: (t) =>
      `${TIME} web sshd[5672]: error: maximum authentication attempts exceeded for invalid user ${t} from 198.51.100.4 port 2 ssh2 [preauth]`,
    expect: (t) => ({ user: user(t), srcAddress: '198.51.100.4', srcPort: 2, outcome: 'failure' }),
  },
  {
    name: 'BSD sshd error: PAM: Authentication failure for illegal user <text>',
    line: (t) => `${TIME} bsd sshd[55657]: error: PAM: Authentication failure for illegal user ${t} from 192.0.2.100`,
    expect: (t) => ({ user: user(t), srcAddress: '192.0.2.100', outcome: 'failure' }),
  },
  {
    name: 'sshd Received disconnect with the client’s reason <text>',
    line: (t) => `${TIME} web sshd[5672]: Received disconnect from 198.51.100.76 port 58846:11: ${t} [preauth]`,
    expect: () => ({ srcAddress: '198.51.100.76', srcPort: 58846, outcome: 'failure' }),
  },
  {
    name: "sshd Bad protocol version identification '<text>'",
    line: (t) => `${TIME} web sshd[5672]: Bad protocol version identification '${t}' from 69.61.56.115 port 31778`,
    expect: () => ({ srcAddress: '69.61.56.115', srcPort: 31778 }),
  },
  {
    name: 'sshd Unable to negotiate: the client’s offer <text>',
    line: (t) =>
      `${TIME} web sshd[5672]: Unable to negotiate with 192.0.2.1 port 55419: no matching cipher found. Their offer: ${t}`,
    expect: () => ({ srcAddress: '192.0.2.1', srcPort: 55419 }),
  },
  {
    name: 'pam_unix(sshd:auth) authentication failure; ... user=<text>',
    line: (t) =>
      `${TIME} web sshd[5672]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=10.0.0.5  user=${t}`,
    expect: (t) => ({ user: user(t), srcAddress: '10.0.0.5', outcome: 'failure' }),
  },
  {
    name: 'pam_faillock Consecutive login failures for user <text>',
    line: (t) =>
      `${TIME} web sshd[5672]: pam_faillock(sshd:auth): Consecutive login failures for user ${t} account temporarily locked`,
    expect: (t) => ({ user: user(t), outcome: 'failure' }),
  },
  {
    name: 'unix_chkpwd password check failed for user (<text>)',
    line: (t) => `${TIME} web unix_chkpwd[2345]: password check failed for user (${t})`,
    expect: (t) => ({ user: user(t), outcome: 'failure' }),
  },
  {
    name: "dropbear Bad password attempt for '<text>'",
    line: (t) => `${TIME} router dropbear[4092]: Bad password attempt for '${t}' from 198.51.100.87:5543`,
    expect: (t) => ({ user: user(t), srcAddress: '198.51.100.87', srcPort: 5543, outcome: 'failure' }),
  },
  {
    name: "login FAILED LOGIN FOR '<text>'",
    line: (t) => `${TIME} ubu login[5200]: FAILED LOGIN (1) on '/dev/tty1' FOR '${t}', Authentication failure`,
    expect: (t) => ({ user: user(t), outcome: 'failure' }),
  },
  {
    name: "login TOO MANY LOGIN TRIES from an address FOR '<text>'",
    line: (t) => `${TIME} ubu login[5202]: TOO MANY LOGIN TRIES (5) on '/dev/tty1' from '192.0.2.44' FOR '${t}'`,
    expect: (t) => ({ user: user(t), srcAddress: '192.0.2.44', outcome: 'failure' }),
  },
  {
    name: 'sudo with the caller’s directory and command <text>',
    line: (t) => `${TIME} web sudo:     alice : TTY=pts/0 ; PWD=/home/${t} ; USER=root ; COMMAND=/bin/echo ${t}`,
    expect: () => ({ user: 'alice', outcome: 'success' }),
  },
  {
    name: 'sudo refusal with the caller’s directory and command <text>',
    line: (t) =>
      `${TIME} web sudo:     alice : user NOT in sudoers ; TTY=pts/0 ; PWD=/tmp/${t} ; USER=root ; COMMAND=${t}`,
    expect: () => ({ user: 'alice', outcome: 'failure' }),
  },
];

describe('attacker-chosen text never moves an auth line’s address, port, user or outcome', () => {
  it.each(AUTH_SHAPES.map((shape) => [shape.name, shape] as const))('%s', (_name, shape) => {
    fc.assert(
      fc.property(hostile, (text) => {
        const found = readAuth(shape.line(text));
        expect(found).toHaveLength(1);
        const signal = found[0] as Signal;
        const expected = shape.expect(text);
        for (const key of ['user', 'srcAddress', 'srcPort', 'outcome'] as const) {
          expect(signal[key]).toEqual(expected[key]);
        }
      }),
      RUNS,
    );
  });
});

/** How audit writes a string it was given (audit_value_needs_encoding): hex when it holds a space, a quote, a
 * control byte or a non-ASCII byte, else in double quotes. */
function auditValue(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const encode = bytes.some((b) => b === 0x22 || b <= 0x20 || b >= 0x7f);
  return encode ? bytes.toString('hex').toUpperCase() : `"${text}"`;
}

interface AuditShape {
  name: string;
  lines: (text: string) => string[];
  expect: (text: string) => Partial<Signal>;
}

const SERIAL = 'msg=audit(1795403520.100:8832)';

const AUDIT_SHAPES: AuditShape[] = [
  {
    name: 'accept() by a process whose comm, exe and proctitle are <text>, keyed net',
    lines: (t) => [
      `type=SYSCALL ${SERIAL}: arch=c000003e syscall=43 success=yes exit=5 a0=3 ppid=1 pid=1663 auid=4294967295 uid=0 comm=${auditValue(t)} exe=${auditValue(`/tmp/${t}`)} key="net"`,
      `type=SOCKADDR ${SERIAL}: saddr=0200E31C4853E6640000000000000000`,
      `type=PROCTITLE ${SERIAL}: proctitle=${auditValue(t)}`,
      `type=EOE ${SERIAL}:`,
    ],
    expect: () => ({ rule: 'net', srcAddress: '72.83.230.100', srcPort: 58140 }),
  },
  {
    name: 'execve of a command line <text> from a directory <text>, keyed user_commands',
    lines: (t) => [
      `type=SYSCALL ${SERIAL}: arch=c000003e syscall=59 success=yes exit=0 ppid=10027 pid=10043 auid=1001 uid=1001 comm="uname" exe="/bin/uname" key="key=user_commands"`,
      `type=EXECVE ${SERIAL}: argc=3 a0="uname" a1=${auditValue(t)} a2=${auditValue(`key=${t}`)}`,
      `type=CWD ${SERIAL}: cwd=${auditValue(`/home/${t}`)}`,
      `type=PATH ${SERIAL}: item=0 name=${auditValue(t)} inode=155 nametype=NORMAL`,
      `type=EOE ${SERIAL}:`,
    ],
    expect: () => ({ rule: 'user_commands', srcAddress: undefined }),
  },
  {
    name: 'a failed sshd login for the account <text>',
    lines: (t) => [
      `type=USER_LOGIN msg=audit(1492896301.818:19955): pid=12635 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=${auditValue(t)} exe="/usr/sbin/sshd" hostname=? addr=179.38.151.221 terminal=sshd res=failed'`,
    ],
    expect: (t) => ({
      rule: 'USER_LOGIN failed',
      user: t.slice(0, MAX_USER),
      srcAddress: '179.38.151.221',
      outcome: 'failure',
    }),
  },
  {
    name: 'sudo running the command <text> (USER_CMD)',
    lines: (t) => [
      `type=USER_CMD msg=audit(1795403520.100:77): pid=4242 uid=1000 auid=1000 ses=3 msg='cwd=${auditValue(`/home/${t}`)} cmd=${auditValue(t)} exe="/usr/bin/sudo" terminal=pts/0 res=success'`,
    ],
    expect: () => ({ rule: 'USER_CMD', srcAddress: undefined }),
  },
];

describe('attacker-chosen text never moves an audit event’s key, peer, user or outcome', () => {
  it.each(AUDIT_SHAPES.map((shape) => [shape.name, shape] as const))('%s', (_name, shape) => {
    fc.assert(
      fc.property(hostile, (text) => {
        const assembler = new AuditdAssembler();
        const found = signals([...shape.lines(text).flatMap((line) => assembler.push(line)), ...assembler.flush()]);
        expect(found).toHaveLength(1);
        const signal = found[0] as Signal;
        const expected = shape.expect(text);
        for (const key of Object.keys(expected) as Array<keyof Signal>) expect(signal[key]).toEqual(expected[key]);
      }),
      RUNS,
    );
  });
});
