import type { Signal } from '../../../model/signal';
import type { JsonObject } from '../common/fields';
import { get, text } from '../common/fields';
import { hostAndPort, peerIp, portNumber } from '../common/peer';

/** Longest `fd.name` read for a connection tuple (`10.0.0.1:39462->93.184.216.34:443`). */
const MAX_FD_NAME = 128;
const TUPLE = /^(\S{1,60})->(\S{1,60})$/;

/**
 * The connection a Falco alert is about, from its output fields (supported-fields reference): the client is the
 * source (`fd.cip`, `fd.cport`) and the server the destination (`fd.sip`, `fd.sport`); rules that print only
 * `fd.name` give the same tuple as `client->server`.
 */
export function falcoNetwork(fields: JsonObject): Pick<Signal, 'srcAddress' | 'srcPort' | 'destAddress' | 'destPort'> {
  const out: Pick<Signal, 'srcAddress' | 'srcPort' | 'destAddress' | 'destPort'> = {};
  const tuple = TUPLE.exec(text(get(fields, 'fd.name'), MAX_FD_NAME) ?? '');
  const client = tuple ? hostAndPort(tuple[1] as string) : {};
  const server = tuple ? hostAndPort(tuple[2] as string) : {};
  const srcAddress = peerIp(text(get(fields, 'fd.cip'), 64)) ?? peerIp(client.address);
  const destAddress = peerIp(text(get(fields, 'fd.sip'), 64)) ?? peerIp(server.address);
  if (srcAddress !== undefined) out.srcAddress = srcAddress;
  if (destAddress !== undefined) out.destAddress = destAddress;
  const srcPort = portNumber(text(get(fields, 'fd.cport'), 8)) ?? client.port;
  const destPort = portNumber(text(get(fields, 'fd.sport'), 8)) ?? server.port;
  if (srcPort !== undefined && srcAddress !== undefined) out.srcPort = srcPort;
  if (destPort !== undefined && destAddress !== undefined) out.destPort = destPort;
  return out;
}
