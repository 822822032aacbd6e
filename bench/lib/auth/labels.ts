import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Auth-log lines another parser flagged as failed authentications, with the user and source address it read:
 * - fail2ban's filter test logs: each line's `# failJSON: {...}` annotation above it (`"match": true`, `host`,
 *   `user`), in the file as fail2ban ships it (its lines are read in order, annotations skipped). A block under
 *   `# filterOptions:` whose only modes are `ddos` (and `aggressive`, which includes it) holds what fail2ban bans as
 *   connection floods (`Did not receive identification string`, `Connection reset by ... [preauth]`): those flags
 *   are kept apart from the failed authentications. A flag with `attempts` is fail2ban's multi-line verdict on a
 *   connection, reported on the line where it decided (often the `Accepted` line after failures): it is found when
 *   an earlier line of the same process (`sshd[1558]`) raised an alert from that address;
 * - Elastic's pipeline tests: `X.log-expected.json` beside `X.log`, each expected event with `event.outcome: failure`
 *   and `authentication` among its categories (`user.name`, `source.address` or `source.ip`); its line is the
 *   event's `event.original` or, as elastic-package makes one event per line, the log's line at its position.
 */
export interface Flagged {
  line: string;
  /** Where the line is in the log's lines. */
  index: number;
  user?: string;
  address?: string;
  /** `authentication`: a failed authentication; `connection`: a connection fail2ban bans only in its ddos mode. */
  kind: 'authentication' | 'connection';
  /** The verdict is on the connection so far: earlier lines of the same process may hold the failures. */
  connection?: true;
}

export interface LabelledLog {
  file: string;
  /** Which parser flagged the lines. */
  by: 'fail2ban' | 'elastic';
  /** Every log line of the file, in order (what the reader is given). */
  lines: string[];
  flagged: Flagged[];
}

/** The fields of an Elastic expected event this reads; anything else in it is ignored. */
interface ExpectedEvent {
  message?: unknown;
  event?: { original?: unknown; outcome?: unknown; category?: unknown };
  user?: { name?: unknown };
  source?: { address?: unknown; ip?: unknown };
}

const FAIL_JSON = /^# failJSON: (\{.*\})\s*$/;
const FILTER_OPTIONS = /^# filterOptions: (.*)$/;
/** `"constraint": "opts.get('mode') == 'aggressive'"`: the flag holds in that mode only. */
const MODE_CONSTRAINT = /opts\.get\('mode'\) == '([a-z]+)'/;
/** fail2ban's sshd modes that ban failed authentications; `ddos` bans connection floods. */
const AUTHENTICATION_MODES = new Set(['normal', 'extra']);

export function findLabelledLogs(roots: readonly string[]): LabelledLog[] {
  const out: LabelledLog[] = [];
  for (const file of roots.flatMap(walk)) {
    if (file.endsWith('-expected.json')) {
      const log = elasticLog(file);
      if (log) out.push(log);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (text.includes('# failJSON:')) out.push(fail2banLog(file, text));
  }
  return out;
}

function walk(root: string): string[] {
  if (!statSync(root).isDirectory()) return [root];
  return readdirSync(root)
    .sort()
    .flatMap((name) => walk(path.join(root, name)));
}

function fail2banLog(file: string, text: string): LabelledLog {
  const lines: string[] = [];
  const flagged: Flagged[] = [];
  let pending: Record<string, unknown> | undefined;
  let modes = ['normal'];
  for (const line of text.split('\n')) {
    const options = FILTER_OPTIONS.exec(line);
    if (options) {
      modes = filterModes(options[1] as string);
      continue;
    }
    const note = FAIL_JSON.exec(line);
    if (note) {
      pending = JSON.parse(note[1] as string) as Record<string, unknown>;
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    lines.push(line);
    if (pending?.match === true) {
      const constraint = typeof pending.constraint === 'string' ? MODE_CONSTRAINT.exec(pending.constraint) : null;
      const flagModes = constraint ? [constraint[1] as string] : modes;
      const kind = flagModes.some((m) => AUTHENTICATION_MODES.has(m)) ? 'authentication' : 'connection';
      const flag = label(line, lines.length - 1, kind, pending.user, pending.host);
      if (pending.attempts !== undefined) flag.connection = true;
      flagged.push(flag);
    }
    pending = undefined;
  }
  return { file, by: 'fail2ban', lines, flagged };
}

/** The modes a `# filterOptions:` line runs the block's tests in (`{}` and options without a mode: `normal`). */
function filterModes(json: string): string[] {
  const parsed = JSON.parse(json) as unknown;
  const options = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ mode?: unknown }>;
  return options.map((o) => (typeof o.mode === 'string' ? o.mode : 'normal'));
}

function elasticLog(file: string): LabelledLog | undefined {
  const document = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const events = (
    Array.isArray(document) ? document : ((document as { expected?: unknown[] }).expected ?? [])
  ) as ExpectedEvent[];
  let logLines: string[] | undefined;
  try {
    logLines = readFileSync(file.replace(/-expected\.json$/, ''), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
  } catch {
    // Only the expected file was kept: its events' originals are the log.
  }
  // elastic-package makes one event of each line, in order; most expected events drop `event.original`, so the
  // n-th event is the n-th line. When the counts differ (a multiline config), only events that kept it are read.
  const byPosition = logLines !== undefined && logLines.length === events.length;
  const flagged: Flagged[] = [];
  const originals: string[] = [];
  events.forEach((event, i) => {
    const kept = event.event?.original ?? event.message;
    const original = typeof kept === 'string' ? kept : byPosition ? logLines?.[i] : undefined;
    if (original === undefined) return;
    originals.push(original);
    const category = event.event?.category;
    const categories: unknown[] = Array.isArray(category) ? category : [category];
    if (event.event?.outcome !== 'failure' || !categories.includes('authentication')) return;
    const index = byPosition ? i : -1;
    flagged.push(label(original, index, 'authentication', event.user?.name, event.source?.address ?? event.source?.ip));
  });
  let lines = logLines ?? originals;
  // Without positions, the n-th flagged copy of a text is its n-th occurrence in the log.
  const seen = new Map<string, number>();
  for (const flag of flagged) {
    if (flag.index !== -1) continue;
    const at = lines.indexOf(flag.line, seen.get(flag.line) ?? 0);
    if (at === -1) lines = [...lines, flag.line];
    flag.index = at === -1 ? lines.length - 1 : at;
    seen.set(flag.line, flag.index + 1);
  }
  return flagged.length > 0 ? { file, by: 'elastic', lines, flagged } : undefined;
}

function label(line: string, index: number, kind: Flagged['kind'], user: unknown, address: unknown): Flagged {
  const out: Flagged = { line, index, kind };
  if (typeof user === 'string' && user !== '') out.user = user;
  if (typeof address === 'string' && address !== '') out.address = address;
  return out;
}
