import { normalizeContainerId } from '../../../model/container';
import type { ProcessAncestor, ProcessRef } from '../../../model/process';
import type { JsonObject } from '../common/fields';
import { programName } from '../common/command';
import { get, nonNegativeInt, ownerFromUid, text } from '../common/fields';
import { MAX_ANCESTORS, MAX_COMMAND_LINE, MAX_NAME, MAX_PATH } from '../../../model/limits';
import { epochMillisAnyUnit } from '../common/timestamps';

/**
 * The process a Falco alert is about, from its `output_fields` (Falco's supported-fields reference:
 * https://falco.org/docs/reference/rules/supported-fields/). The default rules print no `proc.pid`, so the
 * name, exe path and command line are filled with care: they are what the engine matches on without a pid.
 */
export function falcoProcess(fields: JsonObject, containerId: string | undefined): ProcessRef | undefined {
  const ref: ProcessRef = {};
  const pid = positivePid(get(fields, 'proc.pid'));
  if (pid !== undefined) ref.pid = pid;
  const ppid = positivePid(get(fields, 'proc.ppid')) ?? positivePid(get(fields, 'proc.apid[1]'));
  if (ppid !== undefined) ref.ppid = ppid;
  // proc.pid.ts: "Start of process as epoch timestamp in nanoseconds".
  const startTime = epochMillisAnyUnit(get(fields, 'proc.pid.ts'));
  if (startTime !== undefined) ref.startTime = startTime;
  const exePath = absolutePath(get(fields, 'proc.exepath')) ?? absolutePath(get(fields, 'proc.exe'));
  if (exePath !== undefined) ref.exePath = exePath;
  // proc.cmdline is `proc.name + proc.args`: kept as Falco prints it (the engine compares arguments only).
  const commandLine = text(get(fields, 'proc.cmdline'), MAX_COMMAND_LINE);
  if (commandLine !== undefined) ref.commandLine = commandLine;
  // Rules that print only proc.cmdline still name the process: its first word is proc.name.
  const name = text(get(fields, 'proc.name'), MAX_NAME) ?? programName(commandLine);
  if (name !== undefined) ref.name = name;
  const owner = text(get(fields, 'user.name'), MAX_NAME) ?? ownerFromUid(nonNegativeInt(get(fields, 'user.uid')));
  if (owner !== undefined) ref.owner = owner;
  if (containerId !== undefined) ref.containerId = containerId;
  const parent = falcoParent(fields, ref.ppid);
  if (parent) ref.parent = parent;
  const ancestors = ancestorNames(fields);
  if (ancestors) ref.ancestorNames = ancestors;
  return Object.keys(ref).length > (containerId !== undefined ? 1 : 0) ? ref : undefined;
}

export function falcoContainerId(fields: JsonObject): string | undefined {
  return normalizeContainerId(get(fields, 'container.id'));
}

function falcoParent(fields: JsonObject, ppid: number | undefined): ProcessAncestor | undefined {
  const parent: ProcessAncestor = {};
  if (ppid !== undefined) parent.pid = ppid;
  const startTime = epochMillisAnyUnit(get(fields, 'proc.ppid.ts'));
  if (startTime !== undefined) parent.startTime = startTime;
  const name = text(get(fields, 'proc.pname'), MAX_NAME) ?? text(get(fields, 'proc.aname[1]'), MAX_NAME);
  if (name !== undefined) parent.name = name;
  const exePath = absolutePath(get(fields, 'proc.pexepath')) ?? absolutePath(get(fields, 'proc.aexepath[1]'));
  if (exePath !== undefined) parent.exePath = exePath;
  const commandLine = text(get(fields, 'proc.pcmdline'), MAX_COMMAND_LINE);
  if (commandLine !== undefined) parent.commandLine = commandLine;
  return Object.keys(parent).length > 0 ? parent : undefined;
}

/** Precomputed field names `proc.aname[2]`, `proc.aname[3]`, ...: no string building per alert. */
const ANCESTOR_FIELDS: readonly string[] = Array.from({ length: MAX_ANCESTORS }, (_, i) => `proc.aname[${i + 2}]`);

/** Grandparent and further, nearest first, stopping at the first level Falco did not print. */
function ancestorNames(fields: JsonObject): string[] | undefined {
  const out: string[] = [];
  for (const field of ANCESTOR_FIELDS) {
    const name = text(get(fields, field), MAX_NAME);
    if (name === undefined) break;
    out.push(name);
  }
  return out.length > 0 ? out : undefined;
}

/** Falco prints -1 or 0 for a pid it could not resolve. */
function positivePid(value: unknown): number | undefined {
  const n = nonNegativeInt(value);
  return n !== undefined && n > 0 ? n : undefined;
}

/** `proc.exe` is argv[0] and may be a bare name; only an absolute path is an exe path. */
function absolutePath(value: unknown): string | undefined {
  const path = text(value, MAX_PATH);
  return path !== undefined && path.startsWith('/') ? path : undefined;
}
