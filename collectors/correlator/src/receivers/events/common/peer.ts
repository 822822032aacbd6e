import { MAX_HOST } from '../../../model/limits';
import { ipAddress } from './fields';

/**
 * The other end of a connection as a tool printed it (ECS `source.address` / `destination.address`): an IP address,
 * or a host name where the tool resolved one (sshd with UseDNS, PAM's rhost). IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is
 * the IPv4 address it carries. Anything else (a word, a tty, garbage) is no address.
 */
export function peerAddress(value: string | undefined): string | undefined {
  if (value === undefined || value.length === 0 || value.length > MAX_HOST) return undefined;
  const mapped = MAPPED_IPV4.exec(value);
  if (mapped) return mapped[1];
  const ip = ipAddress(value);
  if (ip !== undefined) return ip;
  return HOST_NAME.test(value) && !ALL_DIGITS_AND_DOTS.test(value) ? value : undefined;
}

/** Only a numeric address: for fields that may also hold a tty or a display (`FROM tty1`, `rhost=:0`). */
export function peerIp(value: string | undefined): string | undefined {
  const address = peerAddress(value);
  return address !== undefined && ipAddress(address) !== undefined ? address : undefined;
}

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
/** DNS labels (letters, digits, hyphen; underscore as some PTR records hold), dot-separated. */
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
/** `1.2.3` or `12345` is a truncated address, not a name. */
const ALL_DIGITS_AND_DOTS = /^[\d.]+$/;

/** A TCP/UDP port number from its decimal text. */
export function portNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 65535 ? n : undefined;
}

/**
 * `address:port` as dropbear prints a peer (`198.51.100.87:5543`, `::ffff:198.51.100.215:60495`, `<1.2.3.4:22>`):
 * the port is after the last colon.
 */
export function hostAndPort(value: string): { address?: string; port?: number } {
  const text = value.startsWith('<') && value.endsWith('>') ? value.slice(1, -1) : value;
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return {};
  const address = peerAddress(text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'));
  const port = portNumber(text.slice(colon + 1));
  return address === undefined || port === undefined ? {} : { address, port };
}
