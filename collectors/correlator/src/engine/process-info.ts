import type { Contributor, Culprit, ProcessInfo } from '@lockstep/contract';
import type { ProcessRef } from '../model/process';
import { toIso } from '../model/time';
import type { Share } from './attribution';
import type { ProcessInstance } from './processes/instance';
import { basename } from './processes/names';

/** The contract's process fields from what the engine knows about a process lifetime. */
export function processInfo(instance: ProcessInstance): ProcessInfo {
  return compact({
    'process.pid': instance.pid,
    'process.parent_pid': instance.ppid,
    'process.executable.name': instance.name ?? (instance.exePath ? basename(instance.exePath) : undefined),
    'process.executable.path': instance.exePath,
    'process.command_line': instance.commandLine,
    'process.owner': instance.owner,
    'process.creation.time': instance.startTime === undefined ? undefined : toIso(instance.startTime),
    'container.id': instance.containerId,
  });
}

export function processInfoFromRef(ref: ProcessRef): ProcessInfo {
  return compact({
    'process.pid': ref.pid,
    'process.parent_pid': ref.ppid ?? ref.parent?.pid,
    'process.executable.name': ref.name ?? (ref.exePath ? basename(ref.exePath) : undefined),
    'process.executable.path': ref.exePath,
    'process.command_line': ref.commandLine,
    'process.owner': ref.owner,
    'process.creation.time': ref.startTime === undefined ? undefined : toIso(ref.startTime),
    'container.id': ref.containerId,
  });
}

/** `instances`: how many instances of its program and lineage the culprit stands for (absent for one). */
export function culpritInfo(instance: ProcessInstance, parentChain: string[], instances = 1): Culprit | null {
  const info = processInfo(instance);
  const pid = info['process.pid'];
  const name = info['process.executable.name'];
  if (pid === undefined || name === undefined) return null;
  return {
    ...info,
    'process.pid': pid,
    'process.executable.name': name,
    ...(parentChain.length > 0 ? { 'process.parent_chain': parentChain } : {}),
    ...(instances > 1 ? { instances } : {}),
  };
}

/**
 * A contributor on the wire: its representative (the instance evidence named, when it is a member; else the
 * largest), its share, and how many instances it stands for when more than one.
 */
export function contributorInfo(share: Share, named: ProcessInstance | undefined): Contributor {
  const representative = named !== undefined && share.members.includes(named) ? named : share.instance;
  const entry: Contributor = { process: processInfo(representative), share: Math.round(share.share * 1000) / 1000 };
  if (share.instances > 1) entry.instances = share.instances;
  return entry;
}

/** Drops undefined members so the JSON carries only what is known. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = member;
  return out as T;
}
