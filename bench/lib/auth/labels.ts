import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Auth-log lines another parser flagged as failed authentications, with the user and source address it read:
 * - fail2ban's filter test logs: each line's `# failJSON: {...}` annotation above it (`"match": true`, `host`,
 *   `user`), in the file as fail2ban ships it (its lines are read in order, annotations skipped);
 * - Elastic's pipeline tests: `X.log-expected.json` beside `X.log`, each expected event's `event.original` with
 *   `event.outcome: failure` and `authentication` among its categories (`user.name`, `source.address`).
 */
export interface Flagged {
  line: string;
  user?: string;
  address?: string;
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
  for (const line of text.split('\n')) {
    const note = FAIL_JSON.exec(line);
    if (note) {
      pending = JSON.parse(note[1] as string) as Record<string, unknown>;
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    lines.push(line);
    if (pending?.match === true) flagged.push(label(line, pending.user, pending.host));
    pending = undefined;
  }
  return { file, by: 'fail2ban', lines, flagged };
}

function elasticLog(file: string): LabelledLog | undefined {
  const document = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const events = Array.isArray(document) ? document : ((document as { expected?: unknown[] }).expected ?? []);
  const flagged: Flagged[] = [];
  const originals: string[] = [];
  for (const event of events as ExpectedEvent[]) {
    const original = event.event?.original ?? event.message;
    if (typeof original !== 'string') continue;
    originals.push(original);
    const category = event.event?.category;
    const categories: unknown[] = Array.isArray(category) ? category : [category];
    if (event.event?.outcome !== 'failure' || !categories.includes('authentication')) continue;
    flagged.push(label(original, event.user?.name, event.source?.address ?? event.source?.ip));
  }
  const logFile = file.replace(/-expected\.json$/, '');
  let lines = originals;
  try {
    lines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
  } catch {
    // Only the expected file was kept: its originals are the log.
  }
  return flagged.length > 0 ? { file, by: 'elastic', lines, flagged } : undefined;
}

function label(line: string, user: unknown, address: unknown): Flagged {
  const out: Flagged = { line };
  if (typeof user === 'string' && user !== '') out.user = user;
  if (typeof address === 'string' && address !== '') out.address = address;
  return out;
}
