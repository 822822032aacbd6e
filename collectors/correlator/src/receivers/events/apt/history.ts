import type { ChangeEvent } from '../../../model/change';
import type { ChangeResult } from '../../../model/signal';
import { MAX_COMMAND_LINE, MAX_NAME, MAX_OUTPUT } from '../../../model/limits';
import { cap } from '../common/fields';
import { skipped } from '../common/skipped';
import { utcMillis } from '../common/timestamps';
import { packageSummary } from '../dpkg/dpkg';

/**
 * apt's `/var/log/apt/history.log`: one block per apt run, from `Start-Date:` to `End-Date:`, with the command, who
 * asked (`Requested-By: jxs (1005)`, absent for root and unattended runs) and the packages by action
 * (`Upgrade: pkg:arch (old, new), ...`). Each block is one change of kind `package`, dated at its start; a block
 * that ended in `Error:` says so. Stateful: a block's lines may arrive in different requests.
 */
const FIELD = /^([A-Z][A-Za-z-]*): ?(.*)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d) {1,2}(\d\d):(\d\d):(\d\d)$/;
/** apt's action fields, in the order a summary names them, and the verb it uses. */
const ACTIONS: ReadonlyArray<[field: string, action: string, verb: string]> = [
  ['Install', 'install', 'installed'],
  ['Upgrade', 'upgrade', 'upgraded'],
  ['Downgrade', 'upgrade', 'downgraded'],
  ['Reinstall', 'upgrade', 'reinstalled'],
  ['Remove', 'remove', 'removed'],
  ['Purge', 'purge', 'purged'],
];
/** Packages named in a summary before "and N more". */
const NAMED = 3;
/** Lines one block may hold before it is cut (a real block has under ten). */
const MAX_BLOCK_LINES = 64;

interface Block {
  time: number;
  fields: Map<string, string>;
  lines: number;
}

export class AptHistoryAssembler {
  private block: Block | undefined;

  push(line: string): ChangeResult[] {
    const m = FIELD.exec(line.trim());
    if (!m) return [skipped('apt: malformed line: expected "Field: value" of a history.log block')];
    const [, field, value] = m as unknown as [string, string, string];
    if (field === 'Start-Date') {
      const time = parseDate(value);
      const out = this.flush();
      if (time === undefined) return [...out, skipped('apt: invalid Start-Date')];
      this.block = { time, fields: new Map(), lines: 1 };
      return out;
    }
    const block = this.block;
    if (block === undefined) return [skipped(`apt: malformed block: ${cap(field, 32)} before any Start-Date`)];
    if (field === 'End-Date') return this.flush();
    block.lines += 1;
    if (block.lines <= MAX_BLOCK_LINES) block.fields.set(field, value);
    return [];
  }

  /** The block still open (its End-Date not yet read), at the end of input. */
  flush(): ChangeResult[] {
    const block = this.block;
    this.block = undefined;
    return block === undefined ? [] : [blockChange(block)];
  }
}

function parseDate(value: string): number | undefined {
  const m = DATE.exec(value.trim());
  if (!m) return undefined;
  return utcMillis(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function blockChange(block: Block): ChangeResult {
  const counts: string[] = [];
  const named: string[] = [];
  let total = 0;
  for (const [field, action, verb] of ACTIONS) {
    const list = block.fields.get(field);
    if (list === undefined) continue;
    const packages = parsePackages(list);
    total += packages.length;
    counts.push(`${packages.length} ${verb}`);
    for (const p of packages) if (named.length < NAMED) named.push(packageSummary(action, p.name, p.from, p.to));
  }
  if (total === 0) return skipped('apt: a history block that changed no package');
  const command = block.fields.get('Commandline');
  const more = total > named.length ? `, and ${total - named.length} more` : '';
  const failed = block.fields.has('Error') ? ' (failed)' : '';
  const head = command === undefined ? 'apt' : cap(command, MAX_COMMAND_LINE);
  const change: ChangeEvent = {
    kind: 'change',
    time: block.time,
    source: 'apt',
    change: 'package',
    summary: cap(`${head}: ${counts.join(', ')}${failed} — ${named.join('; ')}${more}`, MAX_OUTPUT),
  };
  const actor = requestedBy(block.fields.get('Requested-By'));
  if (actor !== undefined) change.actor = actor;
  return change;
}

/** `jxs (1005)` → `jxs`. */
function requestedBy(value: string | undefined): string | undefined {
  const name = value?.replace(/\s*\(\d+\)\s*$/, '').trim();
  return name === undefined || name === '' ? undefined : cap(name, MAX_NAME);
}

interface AptPackage {
  name: string;
  from?: string;
  to?: string;
}

/**
 * `pkg:arch (1.0, automatic), pkg2:arch (1.0, 1.1)`: the parenthesised part holds the version, or the old and new
 * versions; `automatic` marks a dependency.
 */
function parsePackages(list: string): AptPackage[] {
  const out: AptPackage[] = [];
  for (const m of list.matchAll(/([^\s,()]+) \(([^)]*)\)/g)) {
    const versions = (m[2] as string)
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '' && v !== 'automatic');
    const name = cap(m[1] as string, MAX_NAME);
    if (versions.length >= 2) out.push({ name, from: versions[0], to: versions[1] });
    else out.push({ name, from: versions[0], to: versions[0] });
  }
  return out;
}
