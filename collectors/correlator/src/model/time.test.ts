import { nanosToMillis, parseIsoMillis, toIso } from './time';

describe('time helpers', () => {
  it.each([
    ['1581452773000000789', 1581452773000],
    ['999', 0],
    [Number('1700000000123456789'), 1_700_000_000_123], // a JSON number that lost its low digits
    ['', undefined],
    ['abc', undefined],
    [null, undefined],
  ])('nanosToMillis(%j)', (input, expected) => {
    expect(nanosToMillis(input)).toBe(expected);
  });

  it.each([
    ['2021-01-14T23:39:44.834631763Z', Date.UTC(2021, 0, 14, 23, 39, 44, 834)],
    ['2017-01-30T16:12:26.985026+01:00', Date.UTC(2017, 0, 30, 15, 12, 26, 985)],
    ['2026-11-23T03:00:00', Date.UTC(2026, 10, 23, 3, 0, 0)],
    ['not a time', undefined],
    [42, undefined],
  ])('parseIsoMillis(%j)', (input, expected) => {
    expect(parseIsoMillis(input)).toBe(expected);
  });

  it('formats ISO-8601 in UTC', () => {
    expect(toIso(Date.UTC(2026, 10, 23, 3, 12))).toBe('2026-11-23T03:12:00.000Z');
  });
});
