import { decodeOtlpLogs } from './decoder';
import { MAX_OUTPUT } from '../../../model/limits';
import type { Json } from '../__fixtures__/builders';
import { logRecord, logsRequest, nanos, snakeCaseKeys, T0 } from '../__fixtures__/builders';

const RESOURCE = {
  'host.name': 'Web-01',
  'container.id': 'docker://' + 'c'.repeat(64),
  'k8s.namespace.name': 'shop',
  'k8s.pod.name': 'web-abc',
  'process.pid': 1,
  'process.executable.name': 'falcosidekick',
};

const RULE = {
  'security_rule.name': 'Detect crypto miners using the Stratum protocol',
  'security_rule.uuid': '3b2f6a1c-0000-4000-8000-000000000001',
  'security_rule.category': 'Cryptomining',
  'security_rule.ruleset.name': 'falco_rules',
  'security_rule.version': '1.2.0',
  'process.pid': 4242,
  'process.executable.name': 'xmrig',
  'process.executable.path': '/tmp/.x/xmrig',
  'process.command_line': '/tmp/.x/xmrig -o stratum+tcp://pool:3333',
  'process.owner': 'www-data',
  'process.creation.time': '2026-11-23T02:59:58Z',
};

describe('OTLP logs to security signals', () => {
  it('turns a record with security_rule attributes into an alert on the record process, resource host and container', () => {
    const record = logRecord({
      time: T0,
      severityNumber: 17,
      body: 'Outbound connection to a mining pool',
      attributes: RULE,
    });
    const result = decodeOtlpLogs(logsRequest(RESOURCE, [record]));
    expect(result).toMatchObject({ skipped: 0, rejected: 0, errors: [] });
    expect(result.signals).toEqual([
      {
        time: T0,
        source: 'otlp',
        kind: 'alert',
        rule: 'Detect crypto miners using the Stratum protocol',
        severity: 'high',
        host: 'web-01',
        containerId: 'c'.repeat(64),
        k8sNamespace: 'shop',
        k8sPod: 'web-abc',
        process: {
          pid: 4242,
          name: 'xmrig',
          exePath: '/tmp/.x/xmrig',
          commandLine: '/tmp/.x/xmrig -o stratum+tcp://pool:3333',
          owner: 'www-data',
          startTime: Date.parse('2026-11-23T02:59:58Z'),
          containerId: 'c'.repeat(64),
        },
        output: 'Outbound connection to a mining pool',
        tags: ['Cryptomining', 'falco_rules'],
      },
    ]);
  });

  it.each([
    [1, 'alert', 'info'],
    [5, 'alert', 'info'],
    [9, 'alert', 'low'],
    [9, 'context', 'info'],
    [13, 'alert', 'medium'],
    [16, 'alert', 'medium'],
    [17, 'alert', 'high'],
    [21, 'alert', 'critical'],
    [24, 'alert', 'critical'],
    ['SEVERITY_NUMBER_WARN2', 'alert', 'medium'],
    [0, 'alert', 'medium'],
    [0, 'context', 'info'],
    [99, 'alert', 'medium'],
  ])('severityNumber %j on an %s record is %s', (severityNumber, kind, expected) => {
    const attributes: Record<string, string> =
      kind === 'alert' ? { 'security_rule.name': 'r' } : { 'event.name': 'user.login' };
    const [signal] = decodeOtlpLogs(logsRequest({}, [logRecord({ time: T0, severityNumber, attributes })])).signals;
    expect(signal?.kind).toBe(kind);
    expect(signal?.severity).toBe(expected);
  });

  it.each([
    ['WARN', 'medium'],
    ['error', 'high'],
    ['Critical', 'critical'],
    ['INFO3', 'low'],
    ['chatty', 'medium'],
  ])('falls back to severityText %j -> %s', (severityText, expected) => {
    const record = logRecord({ time: T0, severityText, attributes: { 'security_rule.name': 'r' } });
    expect(decodeOtlpLogs(logsRequest({}, [record])).signals[0]?.severity).toBe(expected);
  });

  it('makes plain event.name records context, unless event.kind says alert', () => {
    const plain = logRecord({ time: T0, attributes: { 'event.name': 'process.exec' } });
    const flagged = logRecord({ time: T0, attributes: { 'event.name': 'ransomware.detected', 'event.kind': 'alert' } });
    const signals = decodeOtlpLogs(logsRequest({}, [plain, flagged])).signals;
    expect(signals.map((s) => [s.rule, s.kind])).toEqual([
      ['process.exec', 'context'],
      ['ransomware.detected', 'alert'],
    ]);
  });

  it('reads the eventName field of newer OTLP versions', () => {
    const record: Json = { ...logRecord({ time: T0 }), eventName: 'session.start' };
    expect(decodeOtlpLogs(logsRequest({}, [record])).signals[0]?.rule).toBe('session.start');
  });

  it('skips ordinary logs and counts them', () => {
    const records = [
      logRecord({ time: T0, body: 'GET /healthz 200' }),
      logRecord({ time: T0, attributes: { 'http.route': '/' } }),
    ];
    expect(decodeOtlpLogs(logsRequest(RESOURCE, records))).toMatchObject({ signals: [], skipped: 2, rejected: 0 });
  });

  it('uses observedTimeUnixNano when timeUnixNano is unset, and rejects a record with neither', () => {
    const observed = logRecord({ observedTime: T0 + 5, attributes: { 'security_rule.name': 'r' } });
    const timeless = logRecord({ attributes: { 'security_rule.name': 'r' } });
    const result = decodeOtlpLogs(logsRequest({}, [observed, { ...timeless, timeUnixNano: '0' }]));
    expect(result.signals.map((s) => s.time)).toEqual([T0 + 5]);
    expect(result.rejected).toBe(1);
    expect(result.errors).toEqual(['a log record has neither a timeUnixNano nor an observedTimeUnixNano']);
  });

  it('keeps the resource host when a record attribute is unreadable, and caps the body', () => {
    const record = logRecord({
      time: T0,
      body: 'x'.repeat(MAX_OUTPUT * 3),
      attributes: { 'security_rule.name': 'r', 'host.name': '' },
    });
    const [signal] = decodeOtlpLogs(logsRequest(RESOURCE, [record])).signals;
    expect(signal?.host).toBe('web-01');
    expect(signal?.output).toHaveLength(MAX_OUTPUT);
  });

  it('labels a security_rule record without a name by its uuid, and uses the description without a body', () => {
    const record = logRecord({
      time: T0,
      attributes: { 'security_rule.uuid': 'u-1', 'security_rule.description': 'why it fired' },
    });
    const [signal] = decodeOtlpLogs(logsRequest({}, [record])).signals;
    expect(signal).toMatchObject({ rule: 'u-1', output: 'why it fired', kind: 'alert' });
  });

  it('reads snake_case keys and old instrumentationLibraryLogs', () => {
    const request = logsRequest(RESOURCE, [logRecord({ time: T0, severityNumber: 21, attributes: RULE })]);
    const snake = decodeOtlpLogs(snakeCaseKeys(request));
    expect(snake.signals[0]).toMatchObject({ severity: 'critical', host: 'web-01' });
    const old = {
      resourceLogs: [
        {
          instrumentationLibraryLogs: [
            {
              logRecords: [
                { timeUnixNano: nanos(T0), attributes: [{ key: 'event.name', value: { stringValue: 'e' } }] },
              ],
            },
          ],
        },
      ],
    };
    expect(decodeOtlpLogs(old).signals).toHaveLength(1);
  });

  it.each([
    ['not an object', 'nope'],
    ['no resourceLogs', {}],
    ['resourceLogs of the wrong type', { resourceLogs: 'x' }],
  ])('rejects a request that is %s without throwing', (_label, request) => {
    const result = decodeOtlpLogs(request);
    expect(result.rejected).toBe(1);
    expect(result.errors[0]).toMatch(/resourceLogs/);
  });
});
