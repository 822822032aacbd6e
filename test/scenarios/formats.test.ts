import type { NormalizeResult, Signal } from '@lockstep/correlator';
import { isSkipped, normalizeFalco, normalizeTetragon } from '@lockstep/correlator';
import { falcoAlert, shiftToolClock, tetragonExec, tetragonExit } from './formats';
import type { SimProcess } from './host';

const T = Date.UTC(2026, 2, 10, 2, 13, 0, 123);
const miner: SimProcess = {
  pid: 4242,
  ppid: 1,
  name: 'xmrig',
  exe: '/tmp/.x/xmrig',
  cmdline: '/tmp/.x/xmrig -o pool.example:3333',
  owner: 'www-data',
  start: T - 5_000,
  end: T + 600_000,
  load: () => 1,
};

function signalOf(results: NormalizeResult[]): Signal {
  const [first] = results;
  if (first === undefined || isSkipped(first)) throw new Error(`not a signal: ${JSON.stringify(first)}`);
  return first;
}

describe('shiftToolClock (the wide sweep: security tools on a skewed clock)', () => {
  const falco = falcoAlert({
    time: T,
    rule: 'Detect crypto miners using the Stratum protocol',
    priority: 'Critical',
    host: 'web-1',
    process: miner,
    withPid: true,
    message: 'Possible miner running',
  });

  it.each([-47_000, 62_500])('moves every Falco time by %d ms, as the receiver reads it', (skew) => {
    const before = signalOf(normalizeFalco(JSON.parse(falco)));
    const after = signalOf(normalizeFalco(JSON.parse(shiftToolClock(falco, skew))));
    expect(after.time - before.time).toBe(skew);
    type FalcoRecord = { output: string; time: string; output_fields: { 'evt.time': number } };
    const original = JSON.parse(falco) as FalcoRecord;
    const record = JSON.parse(shiftToolClock(falco, skew)) as FalcoRecord;
    expect(Math.round((record.output_fields['evt.time'] - original.output_fields['evt.time']) / 1e6)).toBe(skew);
    // The output's wall clock agrees with the event time, and nothing else in the text moved.
    expect(record.output.slice(0, 12)).toBe(record.time.slice(11, 23));
    expect(record.output.slice(18)).toBe(original.output.slice(18));
  });

  it('moves a Tetragon process start and exit, keeping its exec id', () => {
    const skew = -30_000;
    const exec = JSON.parse(tetragonExec('web-1', miner)) as { process_exec: { process: Record<string, string> } };
    const shifted = JSON.parse(shiftToolClock(tetragonExec('web-1', miner), skew)) as typeof exec;
    expect(Date.parse(shifted.process_exec.process.start_time as string)).toBe(miner.start + skew);
    expect(shifted.process_exec.process.exec_id).toBe(exec.process_exec.process.exec_id);
    const exit = signalOf(
      normalizeTetragon(JSON.parse(shiftToolClock(tetragonExit('web-1', miner, undefined, T), skew))),
    );
    expect(exit.time).toBe(T + skew);
    expect(exit.process?.startTime).toBe(miner.start + skew);
  });
});
