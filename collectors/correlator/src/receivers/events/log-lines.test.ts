import type { ChangeEvent } from '../../model/change';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Observation } from '../../engine/engine';
import type { Signal } from '../../model/signal';
import { decodeOtlpLogs } from '../otlp';
import { FileSource } from '../../replay/sources';
import { signalFile } from './__fixtures__/samples';
import { RawEventDecoders } from './log-lines';

const FALCO_LINE = readFileSync(signalFile('falco/alerts.jsonl'), 'utf8').split('\n')[0] as string;
const AUTH_LINE = 'Feb 21 21:56:12 localhost sshd[3430]: Invalid user test from 10.0.2.2';
const AUDIT_LINE =
  'type=ADD_USER msg=audit(1481076992.488:389): pid=1264 uid=0 auid=4294967295 ses=4294967295 msg=\'op=add-user id=1000 exe="/usr/sbin/useradd" hostname=? addr=? terminal=? res=success\'';

/** What the Collector's filelog receiver sends for one line, with the `lockstep.format` attribute set. */
function filelogRecord(format: string, line: string): object {
  return {
    timeUnixNano: '0',
    observedTimeUnixNano: '1481076999000000000',
    body: { stringValue: line },
    attributes: [
      { key: 'log.file.name', value: { stringValue: 'x.log' } },
      { key: 'lockstep.format', value: { stringValue: format } },
    ],
  };
}

function request(records: object[], host = 'node-7'): object {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: host } }] },
        scopeLogs: [{ scope: {}, logRecords: records }],
      },
    ],
  };
}

describe('raw tool lines inside OTLP log records', () => {
  it('are set aside by the logs decoder with their format and the resource host', () => {
    const result = decodeOtlpLogs(request([filelogRecord('falco', FALCO_LINE), filelogRecord('auth', AUTH_LINE)]));
    expect(result.signals).toEqual([]);
    expect(result.rawEvents.map((e) => [e.format, e.host])).toEqual([
      ['falco', 'node-7'],
      ['auth', 'node-7'],
    ]);
  });

  it('are refused when marked with a format but carrying no text, and ignored when the format is unknown', () => {
    const empty = { ...filelogRecord('falco', ''), body: { intValue: '3' } };
    const unknown = filelogRecord('syslog-ng', 'hello');
    const result = decodeOtlpLogs(request([empty, unknown]));
    expect(result.rejected).toBe(1);
    expect(result.errors[0]).toMatch(/marked falco has no text body/);
    expect(result.rawEvents).toEqual([]);
    expect(result.skipped).toBe(1);
  });

  it('become the same signals as the raw endpoints give, audit lines taking the resource host', () => {
    const decoders = new RawEventDecoders();
    const out: Observation[] = [];
    const result = decodeOtlpLogs(
      request([
        filelogRecord('falco', FALCO_LINE),
        filelogRecord('auth', AUTH_LINE),
        filelogRecord('auditd', AUDIT_LINE),
      ]),
    );
    decoders.decode(result.rawEvents, out, { referenceTime: Date.UTC(2017, 1, 25) });
    out.push(...decoders.flush());
    const signals = out.filter((o) => o.kind !== 'change') as Signal[];
    expect(signals.map((s) => s.source).sort()).toEqual(['auditd', 'auth', 'falco']);
    expect(signals.find((s) => s.source === 'falco')?.host).toBe('my-pool-1-node-921b61');
    expect(signals.find((s) => s.source === 'auditd')?.host).toBe('node-7');
    // The user added is also an access change, on the same host.
    const changes = out.filter((o): o is ChangeEvent => o.kind === 'change');
    expect(changes.map((c) => [c.change, c.summary, c.host])).toEqual([
      ['access', 'user account added id 1000 by useradd', 'node-7'],
    ]);
  });

  it('are read by lockstep replay from an OTLP logs file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-raw-'));
    const file = path.join(dir, 'logs.jsonl');
    writeFileSync(file, `${JSON.stringify(request([filelogRecord('falco', FALCO_LINE)]))}\n`);
    const source = await FileSource.open(file);
    const observations: Observation[] = [];
    for await (const batch of source.batches()) observations.push(...batch);
    rmSync(dir, { recursive: true, force: true });
    expect(observations).toHaveLength(1);
    expect((observations[0] as Signal).source).toBe('falco');
  });
});
