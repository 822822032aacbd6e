import { jsonLines, onlySignal, skips } from '../__fixtures__/samples';
import { normalizeFalco } from './falco';

const ALERTS = jsonLines('falco/alerts.jsonl') as Array<Record<string, unknown>>;
/** A real json_output alert (Terminal shell in container), reshaped below as each relay writes its time. */
const SHELL = ALERTS.find((a) => a.rule === 'Terminal shell in container') as Record<string, unknown>;
const SHELL_TIME = Date.parse(SHELL.time as string);
const withoutTime = (extra: Record<string, unknown>, fields: Record<string, unknown> = {}): Record<string, unknown> => {
  const { time: _time, ...rest } = SHELL;
  const output_fields = { ...(SHELL.output_fields as Record<string, unknown>), 'evt.time': undefined, ...fields };
  return { ...rest, output_fields, ...extra };
};

describe('Falco alert times in every shape Falco and its relays write', () => {
  it.each<[string, Record<string, unknown>]>([
    [
      'the gRPC output API (google.protobuf.Timestamp, int64 seconds as a string)',
      withoutTime({ time: { seconds: String(Math.floor(SHELL_TIME / 1000)), nanos: (SHELL_TIME % 1000) * 1e6 + 123 } }),
    ],
    [
      'the gRPC output API as Go clients marshal it (numbers)',
      withoutTime({ time: { seconds: Math.floor(SHELL_TIME / 1000), nanos: (SHELL_TIME % 1000) * 1e6 } }),
    ],
    ['an epoch number in time', withoutTime({ time: SHELL_TIME * 1e6 + 500_000 })],
    [
      'evt.time.iso8601 printed as epoch nanoseconds',
      withoutTime({}, { 'evt.time.iso8601': SHELL_TIME * 1e6 + 500_000 }),
    ],
    ['evt.time as a decimal string', withoutTime({}, { 'evt.time': `${SHELL_TIME}500000` })],
  ])('reads %s', (_label, record) => {
    expect(onlySignal(normalizeFalco(record)).time).toBe(SHELL_TIME);
  });

  it.each<[string, unknown, string]>([
    ['an absurd epoch (1e25)', 1e25, 'falco: invalid time: time 1e+25 is no time between 1970 and 9999'],
    ['nanos out of range', { seconds: 1, nanos: 2e9 }, 'falco: invalid time: time {"seconds":1,"nanos":2000000000}'],
    ['a Go template fragment', '` + time.Now()', 'falco: invalid time: time "` + time.Now()"'],
  ])('rejects %s with a reason that names the value, and nothing throws later', (_label, time, reason) => {
    const [skip] = skips(normalizeFalco(withoutTime({ time })));
    expect(skip?.reason).toContain(reason);
  });
});

describe('Falco fields people search by', () => {
  it('takes user.name, and the client and server ends of the connection', () => {
    const record = withoutTime(
      { time: SHELL.time, priority: 4 },
      {
        'user.name': 'www-data',
        'fd.cip': '192.168.0.150',
        'fd.cport': 40000,
        'fd.sip': '192.168.0.11',
        'fd.sport': 2801,
      },
    );
    expect(onlySignal(normalizeFalco(record))).toMatchObject({
      severity: 'medium',
      user: 'www-data',
      srcAddress: '192.168.0.150',
      srcPort: 40000,
      destAddress: '192.168.0.11',
      destPort: 2801,
    });
  });

  it('reads the connection tuple of fd.name when a rule prints only that', () => {
    const record = withoutTime({ time: SHELL.time }, { 'fd.name': '192.168.235.152:53570->10.96.0.10:53' });
    expect(onlySignal(normalizeFalco(record))).toMatchObject({
      srcAddress: '192.168.235.152',
      srcPort: 53570,
      destAddress: '10.96.0.10',
      destPort: 53,
    });
  });

  it('reads a file path in fd.name as no address', () => {
    const record = withoutTime({ time: SHELL.time }, { 'fd.name': '/etc/shadow' });
    const signal = onlySignal(normalizeFalco(record));
    expect(signal.srcAddress).toBeUndefined();
    expect(signal.destAddress).toBeUndefined();
  });
});
