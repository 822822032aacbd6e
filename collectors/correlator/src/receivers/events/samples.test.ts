import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EventResult } from '../../model/signal';
import { MALFORMED_REASON, SIGNALS, signals, skips } from './__fixtures__/samples';
import {
  AptHistoryAssembler,
  AuditdAssembler,
  parseDpkgLine,
  normalizeFalco,
  normalizeOsquery,
  normalizeSuricata,
  normalizeTetragon,
  AuthLogReader,
} from './index';

/** Files among the samples that are not tool output (licences, the README naming their origins). */
const NOT_EVENTS = /(^LICENSE|^COPYING$|^README\.md$|\.ya?ml$|\.tsv$)/;
/** Near the auth.log sample's timestamps (they carry no year). */
const AUTH_REFERENCE = Date.UTC(2017, 1, 22);

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

type JsonNormalizer = (record: unknown) => EventResult[];
const JSON_NORMALIZERS: Record<string, JsonNormalizer> = {
  falco: normalizeFalco,
  tetragon: normalizeTetragon,
  suricata: normalizeSuricata,
  osquery: normalizeOsquery,
};

/** Runs one sample file through the normalizer its folder names: JSON lines, one JSON document, or text. */
function normalizeFile(file: string): EventResult[] {
  const tool = path.relative(SIGNALS, file).split(path.sep)[0] as string;
  const text = readFileSync(file, 'utf8');
  const textLines = text.split('\n').filter((line) => line.trim().length > 0);
  if (tool === 'auditd') {
    const assembler = new AuditdAssembler();
    return [...textLines.flatMap((line) => assembler.push(line)), ...assembler.flush()];
  }
  if (tool === 'auth') {
    // fail2ban's test logs annotate each line with a `# failJSON: ...` comment line: not tool output.
    const reader = new AuthLogReader();
    return textLines
      .filter((line) => !line.startsWith('#'))
      .flatMap((line) => reader.read(line, { referenceTime: AUTH_REFERENCE }));
  }
  if (tool === 'dpkg') return textLines.flatMap((line) => parseDpkgLine(line));
  if (tool === 'apt') {
    const apt = new AptHistoryAssembler();
    return [...textLines.flatMap((line) => apt.push(line)), ...apt.flush()];
  }
  const normalizer = JSON_NORMALIZERS[tool];
  if (!normalizer) throw new Error(`no normalizer for ${file}`);
  // A pretty-printed document fails to parse line by line; such files are one event.
  const firstLine = textLines[0] ?? '';
  const isDocument = firstLine.trim() === '{' || firstLine.trim() === '[';
  const records = isDocument ? [JSON.parse(text) as unknown] : textLines.map((line) => JSON.parse(line) as unknown);
  return records.flatMap((record) => normalizer(record));
}

const EVENT_FILES = walk(SIGNALS).filter((file) => !NOT_EVENTS.test(path.basename(file)));

/**
 * Expected outcome per sample file: signals, of which alerts, and records reported as broken. The broken
 * ones are truly broken: a Falco sample whose `time` is a Go template fragment and has no `evt.time`, and
 * an osquery docs record whose unixTime and calendarTime are the word "collision".
 */
const EXPECTED: Record<string, { signals: number; alerts: number; malformed: number }> = {
  'falco/alerts.jsonl': { signals: 19, alerts: 19, malformed: 1 },
  'suricata/eve.json': { signals: 10, alerts: 10, malformed: 0 },
  'osquery/results.jsonl': { signals: 11, alerts: 0, malformed: 1 },
  'tetragon/docs_events.jsonl': { signals: 16, alerts: 11, malformed: 0 },
  'tetragon/events.json': { signals: 3, alerts: 0, malformed: 0 },
  'auth/auth.log': { signals: 10, alerts: 6, malformed: 0 },
  'auth/fail2ban/sshd': { signals: 116, alerts: 108, malformed: 0 },
  'auth/secure-rhel7.log': { signals: 26, alerts: 25, malformed: 0 },
  'auditd/normal.log': { signals: 5, alerts: 2, malformed: 0 },
  'auditd/out_of_order.log': { signals: 5, alerts: 2, malformed: 0 },
  'auditd/lost_messages.log': { signals: 5, alerts: 2, malformed: 0 },
  'auditd/rollover.log': { signals: 5, alerts: 1, malformed: 0 },
};

describe("every sample of the tools' own output", () => {
  it('finds the sample tree', () => {
    expect(EVENT_FILES.length).toBeGreaterThan(40);
  });

  it.each(EVENT_FILES.map((file) => [path.relative(SIGNALS, file)]))('normalizes %s without throwing', (relative) => {
    const results = normalizeFile(path.join(SIGNALS, relative));
    expect(results.length).toBeGreaterThan(0);
    const malformed = skips(results).filter((s) => MALFORMED_REASON.test(s.reason));
    const expected = EXPECTED[relative];
    expect(malformed.length).toBe(expected?.malformed ?? 0);
    if (expected) {
      expect(signals(results).length).toBe(expected.signals);
      expect(signals(results).filter((s) => s.kind === 'alert').length).toBe(expected.alerts);
    }
    for (const signal of signals(results)) {
      expect(Number.isFinite(signal.time)).toBe(true);
      expect(signal.rule.length).toBeGreaterThan(0);
    }
  });

  it('turns every Tetragon book event into exactly one signal', () => {
    const book = EVENT_FILES.filter((file) => file.includes(`${path.sep}book${path.sep}`));
    expect(book.length).toBeGreaterThan(30);
    for (const file of book) expect(signals(normalizeFile(file))).toHaveLength(1);
  });
});
