import { IdleAdvance } from './idle';

function clock(start: number): { now: () => number; add: (ms: number) => void } {
  let t = start;
  return { now: () => t, add: (ms) => (t += ms) };
}

test('no advance before idle_advance_ms of wall-clock silence, then data time moves with the wall clock', () => {
  const wall = clock(1_000_000);
  const idle = new IdleAdvance(60_000, 30_000, wall.now);
  expect(idle.watermark()).toBeUndefined(); // no data yet: nothing to move on from
  idle.noteData(5_000_000);
  wall.add(59_999);
  expect(idle.watermark()).toBeUndefined();
  wall.add(1);
  expect(idle.watermark()).toBe(5_000_000 + 60_000 - 30_000);
  wall.add(120_000);
  expect(idle.watermark()).toBe(5_000_000 + 180_000 - 30_000);
});

test('new data restarts the idle timer; older data does not move the newest data time back', () => {
  const wall = clock(0);
  const idle = new IdleAdvance(10_000, 0, wall.now);
  idle.noteData(500_000);
  wall.add(9_000);
  idle.noteData(400_000);
  wall.add(9_000);
  expect(idle.watermark()).toBeUndefined();
  wall.add(1_000);
  expect(idle.watermark()).toBe(510_000);
});

test('idle_advance_ms 0 turns it off', () => {
  const wall = clock(0);
  const idle = new IdleAdvance(0, 0, wall.now);
  idle.noteData(1);
  wall.add(1e9);
  expect(idle.watermark()).toBeUndefined();
});
