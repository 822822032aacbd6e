/**
 * The peer address in a SOCKADDR record (`saddr=` hex of the raw `struct sockaddr`). The family is a
 * host-order u16 (little-endian on the x86_64 and arm64 hosts audit logs come from); port and address
 * are network order.
 */
const AF_INET = 2;
const AF_INET6 = 10;
const IPV4_OFFSET = 4;
const IPV4_BYTES = 4;
/** sockaddr_in6: family (2), port (2), flowinfo (4), then the 16-byte address. */
const IPV6_OFFSET = 8;
const IPV6_BYTES = 16;
const HEX = /^(?:[0-9A-Fa-f]{2})+$/;
/** A sockaddr is at most 128 bytes (sockaddr_storage); longer values are not one. */
const MAX_SOCKADDR_HEX = 256;

/** The address and port of a SOCKADDR record's `saddr` (port absent when 0, as for a bind to any port). */
export function sockaddrPeer(saddr: string | undefined): { address: string; port?: number } | undefined {
  const address = sockaddrIp(saddr);
  if (address === undefined) return undefined;
  const port = Buffer.from(saddr as string, 'hex').readUInt16BE(PORT_OFFSET);
  return port > 0 ? { address, port } : { address };
}

/** sockaddr_in and sockaddr_in6 both hold the port, big-endian, right after the family. */
const PORT_OFFSET = 2;

export function sockaddrIp(saddr: string | undefined): string | undefined {
  if (saddr === undefined || saddr.length > MAX_SOCKADDR_HEX || !HEX.test(saddr)) return undefined;
  const bytes = Buffer.from(saddr, 'hex');
  if (bytes.length < IPV4_OFFSET) return undefined;
  const family = bytes.readUInt16LE(0);
  if (family === AF_INET && bytes.length >= IPV4_OFFSET + IPV4_BYTES) {
    const address = bytes.subarray(IPV4_OFFSET, IPV4_OFFSET + IPV4_BYTES);
    return unspecified(address) ? undefined : Array.from(address).join('.');
  }
  if (family === AF_INET6 && bytes.length >= IPV6_OFFSET + IPV6_BYTES) {
    const address = bytes.subarray(IPV6_OFFSET, IPV6_OFFSET + IPV6_BYTES);
    if (unspecified(address)) return undefined;
    const groups: string[] = [];
    for (let i = 0; i < IPV6_BYTES; i += 2) groups.push(address.readUInt16BE(i).toString(16));
    return groups.join(':');
  }
  return undefined;
}

/** 0.0.0.0 and :: name no peer (a bind to any address, an unset sockaddr). */
function unspecified(address: Buffer): boolean {
  return address.every((byte) => byte === 0);
}
