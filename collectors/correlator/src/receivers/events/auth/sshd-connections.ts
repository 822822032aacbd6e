import { peerAddress, portNumber } from '../common/peer';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { sourceFields, userField } from './peer-fields';
import type { AuthContext, AuthVerdict, HandlerResult, SessionNote } from './verdict';

/*
 * sshd's connection lines: who connected, who left before authenticating, and the scanners that never speak SSH.
 * Anchored like sshd.ts: end-anchored where a client-chosen user name precedes the address, start-anchored where
 * the address comes first and the client's own text (a disconnect reason, an offered algorithm list) follows it.
 */

const ADDRESS = '(\\S{1,253})';
const PORT = '(\\d{1,5})';

/** `Connection from A port P on B port Q`: no signal, but the session's peer for the lines that follow. */
const CONNECTION_FROM = new RegExp(
  `^Connection from ${ADDRESS} port ${PORT}(?: on ${ADDRESS} port ${PORT})?(?: rdomain .{0,64})?$`,
  's',
);
/** A client left before authenticating; with a user named it had begun a login. */
const PREAUTH_CLOSE = new RegExp(
  `^(Connection closed by|Disconnected from|Connection reset by) (?:(authenticating|invalid) user (.{0,1024}) )?${ADDRESS} port ${PORT} \\[preauth\\]$`,
  's',
);
/** Older sshd printed no port here. */
const PREAUTH_CLOSE_NO_PORT = new RegExp(
  `^(Connection closed by|Disconnected from|Connection reset by) (?:(authenticating|invalid) user (.{0,1024}) )?${ADDRESS}() \\[preauth\\]$`,
  's',
);
/** `Received disconnect from A port P:11: Bye Bye [preauth]`: the text after the code is the client's. */
const RECEIVED_DISCONNECT = new RegExp(
  `^Received disconnect from (\\S{1,253}?)(?: port ${PORT})?: ?\\d{1,3}: ?(.{0,2048}?)( \\[preauth\\])?$`,
  's',
);
/** Client disconnect reasons that report an authentication failure (JSch's `Auth fail`, no usable method). */
const AUTH_FAILED_REASON =
  /Auth fail|No (?:supported |more user )?authentication methods available|Too many authentication failures/i;
const NO_IDENTIFICATION = new RegExp(`^Did not receive identification string from ${ADDRESS}(?: port ${PORT})?$`, 's');
/** The client's identification string is quoted before the address: end-anchored. */
const BAD_VERSION = new RegExp(
  `^Bad protocol version identification '.{0,2048}' from ${ADDRESS}(?: port ${PORT})?$`,
  's',
);
const BANNER = new RegExp(`^banner exchange: Connection from ${ADDRESS} port ${PORT}: .{0,512}$`, 's');
const UNABLE_TO_NEGOTIATE = new RegExp(`^Unable to negotiate with ${ADDRESS} port ${PORT}: .{0,4096}$`, 's');
/** A client that failed key exchange; sshd names no address here, the session's `Connection from` line did. */
const KEX_FAILED =
  /^(?:kex_exchange_identification: .{1,512}|Unable to negotiate a key exchange method(?: \[preauth\])?|no matching [a-z ]{1,32} found: .{0,4096})$/;
/** tcp_wrappers: `refused connect from ident@host (addr)`: the parenthesised address is sshd's, the rest the client's. */
const REFUSED_CONNECT = /^refused connect from .{0,1024}\((\S{1,253})\)$/s;

export function sshdConnectionVerdict(context: AuthContext): HandlerResult {
  const { message, session } = context;
  let m = CONNECTION_FROM.exec(message);
  if (m) return note(m[1], m[2], m[3], m[4]);
  m = PREAUTH_CLOSE.exec(message) ?? PREAUTH_CLOSE_NO_PORT.exec(message);
  if (m) {
    const rule = (m[1] as string).startsWith('Disconnected')
      ? 'sshd: Disconnected pre-auth'
      : 'sshd: Connection closed pre-auth';
    if (m[2] !== undefined) return failure(rule, m[3], m[4], m[5]);
    // A bare close ends a connection that may never have tried a login (a health check, a port scan): a failure
    // only when this session already failed one, else context the engine may use but no alert.
    if (session?.failed === true && samePeer(session, m[4])) return failure(rule, session.user, m[4], m[5]);
    return { kind: 'context', rule, severity: ASSIGNED_SEVERITY.context, ...sourceFields(m[4], m[5]) };
  }
  m = RECEIVED_DISCONNECT.exec(message);
  if (m) {
    const preauth = m[4] !== undefined;
    if (!preauth && !AUTH_FAILED_REASON.test(m[3] as string)) return undefined;
    return failure('sshd: Disconnected pre-auth', samePeer(session, m[1]) ? session?.user : undefined, m[1], m[2]);
  }
  m = NO_IDENTIFICATION.exec(message);
  if (m) return scanner('sshd: Did not receive identification string', m[1], m[2]);
  m = BAD_VERSION.exec(message) ?? BANNER.exec(message);
  if (m) return scanner('sshd: Bad protocol version identification', m[1], m[2]);
  m = UNABLE_TO_NEGOTIATE.exec(message);
  if (m) return scanner('sshd: Unable to negotiate', m[1], m[2]);
  if (KEX_FAILED.test(message)) return scanner('sshd: Unable to negotiate', undefined, undefined);
  m = REFUSED_CONNECT.exec(message);
  if (m) return { ...failure('sshd: Connection refused', undefined, m[1]), severity: ASSIGNED_SEVERITY.failedLogin };
  return undefined;
}

/** Whether a line's peer is the one the session's earlier lines named (or they named none). */
function samePeer(session: AuthContext['session'], address: string | undefined): boolean {
  return session?.srcAddress === undefined || session.srcAddress === peerAddress(address);
}

function note(
  address: string | undefined,
  port: string | undefined,
  local?: string,
  localPort?: string,
): HandlerResult {
  const srcAddress = peerAddress(address);
  if (srcAddress === undefined) return undefined;
  const out: SessionNote = { note: true, srcAddress };
  const srcPort = portNumber(port);
  if (srcPort !== undefined) out.srcPort = srcPort;
  const destAddress = peerAddress(local);
  if (destAddress !== undefined) out.destAddress = destAddress;
  const destPort = portNumber(localPort);
  if (destPort !== undefined) out.destPort = destPort;
  return out;
}

function failure(rule: string, user: string | undefined, address: string | undefined, port?: string): AuthVerdict {
  return {
    kind: 'alert',
    rule,
    severity: ASSIGNED_SEVERITY.failedLogin,
    outcome: 'failure',
    ...userField(user),
    ...sourceFields(address, port),
  };
}

/** A client that never spoke SSH properly: a port scanner or a banner grabber, not a login attempt. */
function scanner(rule: string, address: string | undefined, port: string | undefined): AuthVerdict {
  return { kind: 'alert', rule, severity: ASSIGNED_SEVERITY.failedLogin, ...sourceFields(address, port) };
}
