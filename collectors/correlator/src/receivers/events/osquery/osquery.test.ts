import { jsonLines, onlySignal, signals, skips } from '../__fixtures__/samples';
import { DELETED_BINARY_RULE, TEMP_DIRECTORY_RULE } from '../common/exec-location';
import { normalizeOsquery } from './osquery';

const RESULTS = jsonLines('osquery/results.jsonl');

function byName(name: string, action?: string): unknown {
  const found = RESULTS.find((r) => {
    const record = r as { name?: string; action?: string };
    return record.name === name && (action === undefined || record.action === action);
  });
  if (!found) throw new Error(`no ${name} sample`);
  return found;
}

describe('normalizeOsquery', () => {
  it('reads a process_events row: pid, path, command line, owner, the event time, exec lifecycle', () => {
    expect(onlySignal(normalizeOsquery(byName('process_events')))).toEqual({
      time: 1527895541000,
      source: 'osquery',
      kind: 'context',
      rule: 'process_events',
      severity: 'info',
      host: 'vagrant',
      lifecycle: 'exec',
      process: { pid: 30219, exePath: '/usr/bin/curl', name: 'curl', commandLine: 'curl google.com', owner: 'root' },
    });
  });

  it('reads a differential processes row with a string unixTime', () => {
    const signal = onlySignal(normalizeOsquery(byName('processes', 'added')));
    expect(signal).toMatchObject({
      time: 1412123850000,
      host: 'hostname.local',
      process: { pid: 97830, name: 'osqueryd' },
    });
  });

  it('gives one signal per snapshot row, with parent pids', () => {
    const rows = signals(normalizeOsquery(byName('process_snapshot')));
    expect(rows.map((s) => [s.process?.pid, s.process?.ppid, s.process?.name])).toEqual([
      [1, 0, 'launchd'],
      [51, 1, 'syslogd'],
      [52, 1, 'UserEventAgent'],
      [54, 1, 'kextd'],
    ]);
  });

  it('reads both halves of a batched diffResults record', () => {
    const rows = signals(normalizeOsquery(RESULTS.find((r) => 'diffResults' in (r as object))));
    expect(rows.map((s) => s.process?.pid)).toEqual([97830, 97650]);
  });

  it('keeps socket_events addresses', () => {
    expect(onlySignal(normalizeOsquery(byName('socket_events')))).toMatchObject({
      destAddress: '172.217.164.110',
      process: { pid: 30220 },
    });
  });

  it("reads an accepted connection's remote end as the source and a connect's as the destination", () => {
    const row = (action: string) => ({
      action,
      local_address: '10.0.0.5',
      local_port: '22',
      remote_address: '203.0.113.9',
      remote_port: '51234',
      pid: '812',
      path: '/usr/sbin/sshd',
    });
    const record = (action: string) => ({
      name: 'socket_events',
      unixTime: 1795403520,
      action: 'added',
      columns: row(action),
    });
    expect(onlySignal(normalizeOsquery(record('accept')))).toMatchObject({
      srcAddress: '203.0.113.9',
      srcPort: 51234,
      destAddress: '10.0.0.5',
      destPort: 22,
    });
    expect(onlySignal(normalizeOsquery(record('connect')))).toMatchObject({
      srcAddress: '10.0.0.5',
      destAddress: '203.0.113.9',
    });
  });

  it('names the account of a login row', () => {
    const record = {
      name: 'last',
      unixTime: 1795403520,
      action: 'added',
      columns: { username: 'alice', host: '10.1.1.1' },
    };
    expect(onlySignal(normalizeOsquery(record)).user).toBe('alice');
  });

  it('falls back to calendarTime when unixTime is absent', () => {
    const record = { name: 'q', calendarTime: 'Mon May  2 22:27:32 2016 UTC', action: 'added', columns: { a: '1' } };
    expect(onlySignal(normalizeOsquery(record)).time).toBe(Date.UTC(2016, 4, 2, 22, 27, 32));
  });

  it.each([
    [
      'a binary in /tmp',
      { pid: '4242', parent: '1', path: '/tmp/.x/xmrig', cmdline: 'xmrig', on_disk: '1' },
      TEMP_DIRECTORY_RULE,
    ],
    [
      'a binary gone from disk',
      { pid: '4242', parent: '1', path: '/usr/local/bin/kworkerd', on_disk: '0' },
      DELETED_BINARY_RULE,
    ],
  ])('alerts on a process row with %s', (_label, columns, rule) => {
    const record = { name: 'processes', hostIdentifier: 'h', unixTime: 1795403520, action: 'added', columns };
    expect(onlySignal(normalizeOsquery(record))).toMatchObject({
      kind: 'alert',
      rule,
      severity: 'medium',
      tags: ['processes'],
    });
  });

  it.each([
    ['no query name', { unixTime: 1, action: 'added', columns: {} }, 'osquery: missing query name'],
    [
      'times that are not times',
      RESULTS.find((r) => (r as { name?: string }).name === 'collision'),
      'missing or invalid unixTime',
    ],
    ['no rows at all', { name: 'q', unixTime: 1795403520 }, 'missing columns, snapshot or diffResults'],
    ['a row that is not an object', { name: 'q', unixTime: 1795403520, snapshot: [7] }, 'invalid row'],
  ])('skips %s', (_label, record, reason) => {
    expect(skips(normalizeOsquery(record))[0]?.reason).toContain(reason);
  });
});
