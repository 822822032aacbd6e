import type { JsonObject } from '../common/fields';
import { get, getObject, ipAddress, isObject, text } from '../common/fields';
import { MAX_OUTPUT, MAX_PATH } from '../../../model/limits';

/** Arguments looked at for a summary: the first few name the object of a call (file, socket, module). */
const MAX_ARGS_INSPECTED = 8;

export interface ArgFacts {
  /** The first argument that names something (a path, a module, a peer), for a readable `output`. */
  summary?: string;
  srcAddress?: string;
  destAddress?: string;
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
    if (sock) {
      facts.srcAddress ??= ipAddress(get(sock, 'saddr'));
      facts.destAddress ??= ipAddress(get(sock, 'daddr'));
    }
    const sockaddr = getObject(arg, 'sockaddr_arg');
    if (sockaddr) facts.destAddress ??= ipAddress(get(sockaddr, 'addr'));
    facts.summary ??= summarize(arg);
  }
  return facts;
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
