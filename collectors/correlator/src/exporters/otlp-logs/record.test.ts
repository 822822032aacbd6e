import { MINER_ATTRIBUTES, minerIncident } from './__fixtures__/incident';
import type { KeyValue } from './attributes';
import { MAX_VALUE_CHARS, bounded } from './attributes';
import { incidentRecord, logsRequest } from './record';

const OBSERVED = Date.parse('2026-11-23T03:21:00.000Z');

function attributeMap(attributes: KeyValue[]): Record<string, unknown> {
  return Object.fromEntries(attributes.map((a) => [a.key, Object.values(a.value)[0]]));
}

describe('incidentRecord', () => {
  it('maps every incident field to its attribute, with the ops summary as body', () => {
    const record = incidentRecord(minerIncident(), OBSERVED);
    expect(record.body).toEqual({ stringValue: minerIncident().summary.ops });
    expect(attributeMap(record.attributes)).toEqual(MINER_ATTRIBUTES);
  });

  it('stamps a resolved incident at its end and an open one at its start', () => {
    const resolved = incidentRecord(minerIncident(), OBSERVED);
    const open = incidentRecord(minerIncident({ status: 'open', end: null }), OBSERVED);
    expect(resolved.timeUnixNano).toBe(`${Date.parse('2026-11-23T03:20:30.000Z')}000000`);
    expect(open.timeUnixNano).toBe(`${Date.parse('2026-11-23T03:12:00.000Z')}000000`);
    expect(open.observedTimeUnixNano).toBe(`${OBSERVED}000000`);
    expect(open.attributes.map((a) => a.key)).not.toContain('lockstep.incident.end');
  });

  it.each([
    ['low', 9, 'INFO'],
    ['medium', 13, 'WARN'],
    ['high', 17, 'ERROR'],
    ['critical', 21, 'FATAL'],
  ] as const)('maps severity %s to OpenTelemetry severity %i (%s)', (severity, number, text) => {
    const record = incidentRecord(minerIncident({ severity }), OBSERVED);
    expect(record.severityNumber).toBe(number);
    expect(record.severityText).toBe(text);
  });

  it('leaves out process and optional entity attributes that are not known', () => {
    const record = incidentRecord(minerIncident({ culprit: null, entity: { 'host.name': 'db-1' } }), OBSERVED);
    const keys = record.attributes.map((a) => a.key);
    expect(
      keys.filter((key) => key.startsWith('process.') || key === 'container.id' || key === 'service.name'),
    ).toEqual([]);
    expect(attributeMap(record.attributes)['host.name']).toBe('db-1');
  });

  it('cuts long untrusted strings and keeps control characters as data', () => {
    const hostile = `x\n${'A'.repeat(50_000)}`;
    const record = incidentRecord(
      minerIncident({
        culprit: { 'process.pid': 1, 'process.executable.name': 'sh', 'process.command_line': hostile },
        summary: { ops: hostile, security: hostile, business: '' },
      }),
      OBSERVED,
    );
    const commandLine = attributeMap(record.attributes)['process.command_line'] as string;
    expect(commandLine).toHaveLength(MAX_VALUE_CHARS);
    expect(commandLine.endsWith('…')).toBe(true);
    expect(record.body.stringValue).toHaveLength(MAX_VALUE_CHARS);
    // JSON carries the newline escaped: it cannot start a forged line in a backend that splits on newlines.
    expect(JSON.stringify(logsRequest([record]))).not.toMatch(/\n/);
  });

  it('falls back to a short sentence when the ops summary is empty', () => {
    const record = incidentRecord(minerIncident({ summary: { ops: '', security: '', business: '' } }), OBSERVED);
    expect(record.body.stringValue).toBe('Incident inc_0123456789abcdef is resolved.');
  });
});

describe('bounded', () => {
  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(8)}😀😀😀`;
    const cut = bounded(text, 10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
    expect(bounded('short', 10)).toBe('short');
  });
});

describe('logsRequest', () => {
  it('puts the records under the correlator resource', () => {
    const request = logsRequest([incidentRecord(minerIncident(), OBSERVED)]) as {
      resourceLogs: Array<{ resource: { attributes: KeyValue[] }; scopeLogs: Array<{ logRecords: unknown[] }> }>;
    };
    expect(attributeMap(request.resourceLogs[0]!.resource.attributes)['service.name']).toBe('lockstep-correlator');
    expect(request.resourceLogs[0]!.scopeLogs[0]!.logRecords).toHaveLength(1);
  });
});
