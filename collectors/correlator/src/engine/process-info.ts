import type { Culprit, ProcessInfo } from '@lockstep/contract';
import type { ProcessRef } from '../model/process';
import { toIso } from '../model/time';
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

export function culpritInfo(instance: ProcessInstance, parentChain: string[]): Culprit | null {
  const info = processInfo(instance);
  const pid = info['process.pid'];
  const name = info['process.executable.name'];
  if (pid === undefined || name === undefined) return null;
  return {
    ...info,
    'process.pid': pid,
    'process.executable.name': name,
    ...(parentChain.length > 0 ? { 'process.parent_chain': parentChain } : {}),
  };
}

/** Drops undefined members so the JSON carries only what is known. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = member;
  return out as T;
}
