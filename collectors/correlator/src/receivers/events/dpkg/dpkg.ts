import type { ChangeEvent } from '../../../model/change';
import type { ChangeResult } from '../../../model/signal';
import { MAX_NAME, MAX_PATH } from '../../../model/limits';
import { cap } from '../common/fields';
import { skipped } from '../common/skipped';
import { utcMillis } from '../common/timestamps';

/**
 * `/var/log/dpkg.log`: one line per step, `YYYY-MM-DD HH:MM:SS <what> ...`. The steps that change what is installed
 * are changes of kind `package`: `install`, `upgrade`, `remove`, `purge` (`<action> <pkg>:<arch> <old> <new>`, with
 * `<none>` for a missing version). A `conffile <path> install` (the package's new configuration file replaced the
 * local one) is a `config` change. Everything else — `status`, `configure`, `trigproc`, `startup`, a conffile kept —
 * is a step of those and is skipped.
 *
 * dpkg writes local time without a zone; it is read as UTC (as a collector in UTC, or a host set to UTC, writes it).
 */
const LINE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) (\S+)(?: (.*))?$/;
const PACKAGE_ACTIONS = new Set(['install', 'upgrade', 'remove', 'purge']);
const STEPS = new Set(['status', 'configure', 'trigproc', 'disappear', 'startup']);
const NONE = '<none>';
/** Versions are short; a longer field is not one. */
const MAX_VERSION = 128;

export function parseDpkgLine(line: string): ChangeResult[] {
  const m = LINE.exec(line);
  if (!m) return [skipped('dpkg: malformed line: expected "YYYY-MM-DD HH:MM:SS <action> ..."')];
  const time = utcMillis(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (time === undefined) return [skipped('dpkg: invalid date or time')];
  const action = m[7] as string;
  const rest = (m[8] ?? '').split(' ');
  if (PACKAGE_ACTIONS.has(action)) return [packageChange(time, action, rest)];
  if (action === 'conffile') return [conffileChange(time, rest)];
  if (STEPS.has(action)) return [skipped(`dpkg: ${action} is one step of a package change, counted with it`)];
  return [skipped(`dpkg: "${cap(action, 32)}" lines are not read`)];
}

function packageChange(time: number, action: string, fields: string[]): ChangeResult {
  const [pkg, before, after] = fields;
  if (pkg === undefined || pkg === '' || before === undefined || after === undefined) {
    return skipped(`dpkg: malformed ${action} line: expected "<package> <installed version> <new version>"`);
  }
  const name = cap(pkg, MAX_NAME);
  const from = before === NONE ? undefined : cap(before, MAX_VERSION);
  const to = after === NONE ? undefined : cap(after, MAX_VERSION);
  const change: ChangeEvent = {
    kind: 'change',
    time,
    source: 'dpkg',
    change: 'package',
    summary: packageSummary(action, name, from, to),
  };
  return change;
}

/** `openssl:amd64 upgraded 1.0.1c-3ubuntu2.1 → 1.0.1c-3ubuntu2.2`, `base-passwd:amd64 3.5.33 installed`. */
export function packageSummary(action: string, name: string, from?: string, to?: string): string {
  const words = (...parts: Array<string | undefined>): string => parts.filter((p) => p !== undefined).join(' ');
  switch (action) {
    case 'upgrade':
      return from === undefined || from === to
        ? words(name, to, 'reinstalled')
        : words(name, 'upgraded', from, '→', to ?? '?');
    case 'install':
      return words(name, to ?? from, 'installed');
    case 'remove':
      return words(name, from, 'removed');
    default:
      return words(name, from, 'purged');
  }
}

function conffileChange(time: number, fields: string[]): ChangeResult {
  const decision = fields.at(-1);
  const path = fields.slice(0, -1).join(' ');
  if (path === '' || (decision !== 'install' && decision !== 'keep')) {
    return skipped('dpkg: malformed conffile line: expected "conffile <path> install|keep"');
  }
  if (decision === 'keep') return skipped('dpkg: a configuration file kept as it was is no change');
  return {
    kind: 'change',
    time,
    source: 'dpkg',
    change: 'config',
    summary: `${cap(path, MAX_PATH)} replaced by the package's version`,
  };
}
