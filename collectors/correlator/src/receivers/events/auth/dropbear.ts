import { hostAndPort } from '../common/peer';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { userField } from './peer-fields';
import type { AuthContext, AuthVerdict } from './verdict';

/*
 * Dropbear prints the peer as `address:port` at the end of the line, after the user name in quotes; the name is the
 * client's, so every pattern is anchored at the end.
 */

const PEER = '(\\S{1,260})';
const BAD_PASSWORD = new RegExp(`^[Bb]ad password attempt for '(.{0,1024})' from ${PEER}$`, 's');
const NONEXISTENT = new RegExp(`^[Ll]ogin attempt for nonexistent user(?: '(.{0,1024})')? from ${PEER}$`, 's');
const MAX_TRIES = new RegExp(
  `^Exit before auth \\(user '.{0,1024}', \\d{1,6} fails\\): Max auth tries reached - user '(.{0,1024})' from ${PEER}$`,
  's',
);
const SUCCEEDED = new RegExp(
  `^(Password|Pubkey) auth succeeded for '(\\S{1,256})'(?: with .{0,512})? from ${PEER}$`,
  's',
);

export function dropbearVerdict(context: AuthContext): AuthVerdict | undefined {
  const message = context.message;
  let m = BAD_PASSWORD.exec(message);
  if (m) return failure('dropbear: Bad password attempt', m[1], m[2], ASSIGNED_SEVERITY.failedLogin);
  m = NONEXISTENT.exec(message);
  if (m) return failure('dropbear: Login attempt for nonexistent user', m[1], m[2], ASSIGNED_SEVERITY.failedLogin);
  m = MAX_TRIES.exec(message);
  if (m) return failure('dropbear: Max auth tries reached', m[1], m[2], ASSIGNED_SEVERITY.bruteForce);
  m = SUCCEEDED.exec(message);
  if (m) {
    return {
      kind: 'context',
      rule: `dropbear: ${m[1]} auth succeeded`,
      severity: ASSIGNED_SEVERITY.context,
      outcome: 'success',
      ...userField(m[2]),
      ...peer(m[3]),
    };
  }
  return undefined;
}

function failure(
  rule: string,
  user: string | undefined,
  peerText: string | undefined,
  severity: AuthVerdict['severity'],
) {
  return { kind: 'alert' as const, rule, severity, outcome: 'failure' as const, ...userField(user), ...peer(peerText) };
}

function peer(text: string | undefined): Pick<AuthVerdict, 'srcAddress' | 'srcPort'> {
  const { address, port } = hostAndPort(text ?? '');
  if (address === undefined) return {};
  return port === undefined ? { srcAddress: address } : { srcAddress: address, srcPort: port };
}
