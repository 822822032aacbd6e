import type { JsonObject } from '../common/fields';
import { get, getObject, ipAddress, isObject, nonNegativeInt, text } from '../common/fields';
import { MAX_OUTPUT, MAX_PATH } from '../../../model/limits';

/** Arguments looked at for a summary: the first few name the object of a call (file, socket, module). */
const MAX_ARGS_INSPECTED = 8;

export interface ArgFacts {
  /** The first argument that names something (a path, a module, a peer), for a readable `output`. */
  summary?: string;
  srcAddress?: string;
  srcPort?: number;
  destAddress?: string;
  destPort?: number;
}

/** What a kprobe/LSM/tracepoint event's `args` say in a few words (tetragon.proto, KprobeArgument). */
export function tetragonArgFacts(args: unknown): ArgFacts {
  const facts: ArgFacts = {};
  if (!Array.isArray(args)) return facts;
  const limit = Math.min(args.length, MAX_ARGS_INSPECTED);
  for (let i = 0; i < limit; i += 1) {
    const arg: unknown = args[i];
    if (!isObject(arg)) continue;
    const sock = getObject(arg, 'sock_arg') ?? getObject(arg, 'skb_arg');
    if (sock && facts.srcAddress === undefined && facts.destAddress === undefined) {
      // A socket's saddr/daddr are its local and remote ends; for the calls policies hook (tcp_connect,
      // tcp_sendmsg) the local end started the flow: the source.
      assign(facts, 'src', ipAddress(get(sock, 'saddr')), nonNegativeInt(get(sock, 'sport')));
      assign(facts, 'dest', ipAddress(get(sock, 'daddr')), nonNegativeInt(get(sock, 'dport')));
    }
    const sockaddr = getObject(arg, 'sockaddr_arg');
    if (sockaddr && facts.destAddress === undefined) {
      assign(facts, 'dest', ipAddress(get(sockaddr, 'addr')), nonNegativeInt(get(sockaddr, 'port')));
    }
    facts.summary ??= summarize(arg);
  }
  return facts;
}

function assign(facts: ArgFacts, end: 'src' | 'dest', address: string | undefined, port: number | undefined): void {
  if (address === undefined) return;
  if (end === 'src') facts.srcAddress = address;
  else facts.destAddress = address;
  if (port !== undefined && port > 0 && port <= 65535) {
    if (end === 'src') facts.srcPort = port;
    else facts.destPort = port;
  }
}

function summarize(arg: JsonObject): string | undefined {
  for (const key of PATH_ARGS) {
    const holder = getObject(arg, key);
    const path = holder ? text(get(holder, 'path'), MAX_PATH) : undefined;
    if (path !== undefined) return path;
  }
  const module = getObject(arg, 'module_arg');
  if (module) return text(get(module, 'name'), MAX_OUTPUT);
  const capability = getObject(arg, 'capability_arg');
  if (capability) return text(get(capability, 'name'), MAX_OUTPUT);
  return text(get(arg, 'string_arg'), MAX_OUTPUT);
}

const PATH_ARGS = ['file_arg', 'path_arg', 'linux_binprm_arg'];
