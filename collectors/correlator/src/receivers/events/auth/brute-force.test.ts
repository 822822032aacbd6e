import { signals } from '../__fixtures__/samples';
import { BRUTE_FORCE_FAILURES, BRUTE_FORCE_RULE, BRUTE_FORCE_WINDOW_MS } from './brute-force';
import { AuthLogReader } from './reader';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

function failedAt(ms: number, address = '203.0.113.9', user = 'root'): string {
  return `${new Date(ms).toISOString()} web-1 sshd[${1000 + (ms % 97)}]: Failed password for ${user} from ${address} port 4242 ssh2`;
}

function bursts(reader: AuthLogReader, linesIn: string[]) {
  return linesIn.flatMap((line) => signals(reader.read(line))).filter((s) => s.rule === BRUTE_FORCE_RULE);
}

describe('the brute-force signal', () => {
  it(`is raised once when ${BRUTE_FORCE_FAILURES} failures from one source fall within the window`, () => {
    const reader = new AuthLogReader();
    const linesIn = Array.from({ length: 25 }, (_, i) => failedAt(T0 + i * 20_000));
    const found = bursts(reader, linesIn);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      time: T0 + (BRUTE_FORCE_FAILURES - 1) * 20_000,
      kind: 'alert',
      severity: 'medium',
      host: 'web-1',
      srcAddress: '203.0.113.9',
      user: 'root',
      outcome: 'failure',
      count: BRUTE_FORCE_FAILURES,
    });
  });

  it('is not raised for failures spread wider than the window', () => {
    const spacing = BRUTE_FORCE_WINDOW_MS / (BRUTE_FORCE_FAILURES - 1) + 1000;
    const linesIn = Array.from({ length: 30 }, (_, i) => failedAt(T0 + i * spacing));
    expect(bursts(new AuthLogReader(), linesIn)).toEqual([]);
  });

  it('counts each source apart and names no single user when several were tried', () => {
    const reader = new AuthLogReader();
    const linesIn = Array.from({ length: BRUTE_FORCE_FAILURES }, (_, i) => [
      failedAt(T0 + i * 1000, '198.51.100.1', `user${i}`),
      failedAt(T0 + i * 1000 + 500, '198.51.100.2'),
    ]).flat();
    const found = bursts(reader, linesIn);
    expect(found.map((s) => s.srcAddress).sort()).toEqual(['198.51.100.1', '198.51.100.2']);
    expect(found.find((s) => s.srcAddress === '198.51.100.1')?.user).toBeUndefined();
  });

  it('is raised again for a new burst after the source stayed quiet for a whole window', () => {
    const reader = new AuthLogReader();
    const first = Array.from({ length: BRUTE_FORCE_FAILURES }, (_, i) => failedAt(T0 + i * 1000));
    const later = T0 + BRUTE_FORCE_FAILURES * 1000 + BRUTE_FORCE_WINDOW_MS;
    const second = Array.from({ length: BRUTE_FORCE_FAILURES }, (_, i) => failedAt(later + i * 1000));
    expect(bursts(reader, [...first, ...second])).toHaveLength(2);
  });

  it('counts a repeated message by its repeat count', () => {
    const line = `${new Date(T0).toISOString()} web-1 sshd[9]: message repeated ${BRUTE_FORCE_FAILURES} times: [ Failed password for root from 203.0.113.7 port 1 ssh2]`;
    expect(bursts(new AuthLogReader(), [line])).toHaveLength(1);
  });
});
