import { peerAddress, portNumber } from '../common/peer';
import type { AuthVerdict } from './verdict';

/** Placeholders programs print where a user name would be: no account is named. */
const NO_USER = new Set(['', '<invalid username>', 'UNKNOWN', '(unknown)']);
/** Account names kept: sshd cuts at 100 characters in places, Linux user names are at most 32. */
const MAX_USER = 256;

/** The user part of a verdict, or nothing for a placeholder. */
export function userField(user: string | undefined): { user?: string } {
  if (user === undefined) return {};
  const trimmed = user.length > MAX_USER ? user.slice(0, MAX_USER) : user;
  return NO_USER.has(trimmed) ? {} : { user: trimmed };
}

/** The peer part of a verdict: an address (or host name) the program printed, and its port. */
export function sourceFields(address: string | undefined, port?: string): Pick<AuthVerdict, 'srcAddress' | 'srcPort'> {
  const srcAddress = peerAddress(address);
  if (srcAddress === undefined) return {};
  const srcPort = portNumber(port);
  return srcPort === undefined ? { srcAddress } : { srcAddress, srcPort };
}
