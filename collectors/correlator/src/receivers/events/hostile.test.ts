import type { NormalizeResult } from '../../model/signal';
import { isSkipped } from '../../model/signal';
import { signals } from './__fixtures__/samples';
import {
  AuditdAssembler,
  normalizeFalco,
  normalizeOsquery,
  normalizeSuricata,
  normalizeTetragon,
  parseAuthLine,
} from './index';
import { MAX_COMMAND_LINE, MAX_OUTPUT, MAX_ROWS, MAX_RULE } from '../../model/limits';

const HUGE = 'A'.repeat(1_000_000);
const NORMALIZERS: Array<[string, (record: unknown) => NormalizeResult[]]> = [
  ['falco', normalizeFalco],
  ['tetragon', normalizeTetragon],
  ['suricata', normalizeSuricata],
  ['osquery', normalizeOsquery],
];
const NOT_OBJECTS: unknown[] = [null, undefined, 42, 'text', true, [], [{ rule: 'x' }]];

describe.each(NORMALIZERS)('%s on hostile input', (_name, normalize) => {
  it.each(NOT_OBJECTS.map((value) => [value]))('skips %j with a reason instead of throwing', (value) => {
    const results = normalize(value);
    expect(results).toHaveLength(1);
    expect(isSkipped(results[0] as NormalizeResult)).toBe(true);
  });

  it('leaves Object.prototype alone when records carry __proto__ keys', () => {
    const record = JSON.parse(
      '{"__proto__":{"polluted":1},"rule":"r","time":"2026-01-01T00:00:00Z","output_fields":{"__proto__":{"polluted":2}},' +
        '"process_exec":{"__proto__":{"polluted":3},"process":{"pid":1}},"event_type":"alert","timestamp":"2026-01-01T00:00:00Z",' +
        '"alert":{"signature":"s"},"name":"q","unixTime":1,"snapshot":[{"__proto__":{"polluted":4},"pid":"1"}]}',
    ) as unknown;
    expect(() => normalize(record)).not.toThrow();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('survives every field having the wrong type', () => {
    const wrong = {
      rule: 7,
      time: {},
      priority: [],
      output_fields: 'x',
      hostname: 5,
      tags: 'x',
      process_exec: [],
      node_name: {},
      event_type: 1,
      name: {},
      unixTime: 'soon',
      snapshot: 'x',
      diffResults: 3,
      columns: 9,
      action: 'added',
    };
    expect(() => normalize(wrong)).not.toThrow();
  });
});

describe('length caps on untrusted strings', () => {
  it('caps Falco rule, output and command line', () => {
    const [signal] = signals(
      normalizeFalco({
        rule: HUGE,
        time: '2026-01-01T00:00:00Z',
        output: HUGE,
        output_fields: { 'proc.cmdline': HUGE, 'proc.pid': { x: 1 } },
      }),
    );
    expect(signal?.rule).toHaveLength(MAX_RULE);
    expect(signal?.output).toHaveLength(MAX_OUTPUT);
    expect(signal?.process?.commandLine).toHaveLength(MAX_COMMAND_LINE);
    expect(signal?.process?.pid).toBeUndefined();
  });

  it('caps a Tetragon command line built from binary and arguments', () => {
    const record = {
      time: '2026-01-01T00:00:00Z',
      process_exec: { process: { pid: 1, binary: '/bin/x', arguments: HUGE } },
    };
    expect(signals(normalizeTetragon(record))[0]?.process?.commandLine).toHaveLength(MAX_COMMAND_LINE);
  });

  it('cuts an osquery snapshot at the row limit and says so', () => {
    const snapshot = Array.from({ length: MAX_ROWS + 5 }, (_, i) => ({ pid: String(i) }));
    const results = normalizeOsquery({ name: 'q', unixTime: 1795403520, snapshot });
    expect(signals(results)).toHaveLength(MAX_ROWS);
    expect(results.filter(isSkipped).map((s) => s.reason)).toEqual([
      `osquery: q: rows past the first ${MAX_ROWS} were dropped`,
    ]);
  });

  it('parses a megabyte auth.log line without throwing and caps its output', () => {
    const line = `Feb 22 11:57:00 localhost sshd[1]: Failed password for ${HUGE} from 203.0.113.9 port 1 ssh2`;
    for (const result of parseAuthLine(line, { referenceTime: Date.UTC(2017, 1, 22) })) {
      if (!isSkipped(result)) expect(result.output?.length).toBeLessThanOrEqual(MAX_OUTPUT);
    }
  });

  it('parses a megabyte audit record without throwing and caps what it keeps', () => {
    const assembler = new AuditdAssembler();
    const line = `type=SYSCALL msg=audit(1795403520.100:1): arch=c000003e syscall=59 success=yes pid=1 comm="x" exe="/x" key="${HUGE}"`;
    const results = [...assembler.push(line), ...assembler.flush()];
    for (const signal of signals(results)) {
      expect(signal.rule.length).toBeLessThanOrEqual(MAX_RULE);
      expect(signal.output?.length ?? 0).toBeLessThanOrEqual(MAX_OUTPUT);
    }
  });

  it('keeps a hostile string as data: a "rule" that looks like code is only text', () => {
    const rule = '${process.exit(1)}`; require("fs")';
    expect(signals(normalizeFalco({ rule, time: '2026-01-01T00:00:00Z' }))[0]?.rule).toBe(rule);
  });
});
