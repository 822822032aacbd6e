import { FRAME } from '../../common/frames';
import { body } from '../__fixtures__/answers';
import { row } from '../__fixtures__/frames';
import type { ApiPage, ApiSignal } from '../api/types';
import { signalsFrame } from './signals';

describe('signals frame', () => {
  const signals = body<ApiPage<ApiSignal>>('signals').items;
  const frame = signalsFrame(signals);

  it('turns a Falco alert into a row with its process', () => {
    expect(frame.name).toBe(FRAME.signals);
    const time = Date.parse('2026-04-23T10:07:58.822Z');
    expect(row(frame, 0)).toEqual({
      time,
      timeEnd: time,
      source: 'falco',
      rule: 'Outbound Connection to C2 Servers',
      severity: 'medium',
      output: signals[0]?.output,
      host: 'api-8',
      container: null,
      process_name: 'xmrig',
      pid: 52747,
      count: 1,
      match: null,
      user: 'www-data',
      source_address: '10.0.0.5',
      source_port: 49748,
      destination_address: '198.51.100.30',
      destination_port: 3333,
      outcome: null,
      process: signals[0]?.process,
      id: signals[0]?.id,
    });
  });

  it('spans a folded burst from its first to its last repeat, with the count', () => {
    expect(row(frame, 1)).toMatchObject({
      source: 'auth',
      time: Date.parse('2026-04-23T09:32:00.000Z'),
      timeEnd: Date.parse('2026-04-23T09:35:00.000Z'),
      count: 14,
      process_name: null,
      pid: null,
    });
  });
});
