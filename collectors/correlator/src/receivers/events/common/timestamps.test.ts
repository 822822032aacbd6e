import { epochMillisAnyUnit, epochSecondsToMillis, parseAsctimeUtc, parseTimestampMillis } from './timestamps';

describe('parseTimestampMillis', () => {
  it.each([
    ['2023-05-25T13:44:05.478445995Z', Date.UTC(2023, 4, 25, 13, 44, 5, 478)],
    ['2017-01-30T16:12:36.066011+0100', Date.UTC(2017, 0, 30, 15, 12, 36, 66)],
    ['2026-11-23T03:12:00.123456+00:00', Date.UTC(2026, 10, 23, 3, 12, 0, 123)],
    ['2026-11-23T03:12:00-05:30', Date.UTC(2026, 10, 23, 8, 42, 0)],
    ['2001-01-01T01:10:00Z', Date.UTC(2001, 0, 1, 1, 10, 0)],
    ['2022-01-19T16:29:01.8Z', Date.UTC(2022, 0, 19, 16, 29, 1, 800)],
    ['2026-11-23 03:12:00', Date.UTC(2026, 10, 23, 3, 12, 0)],
  ])('reads %s', (text, expected) => {
    expect(parseTimestampMillis(text)).toBe(expected);
  });

  it.each([
    '2021-04-13T20:58:00.746609046Z+2',
    '` + time.Now().UTC().Format(time.RFC3339) + `',
    '2021-02-31T00:00:00Z',
    '2021-13-01T00:00:00Z',
    '2021-01-01T24:00:00Z',
    '2021-01-01T00:00:00+25:00',
    'yesterday',
    '',
  ])('rejects %s', (text) => {
    expect(parseTimestampMillis(text)).toBeUndefined();
  });

  it.each([[1700000000000], [{}], [null]])('rejects the non-string %j', (value) => {
    expect(parseTimestampMillis(value)).toBeUndefined();
  });
});

describe('epochMillisAnyUnit', () => {
  it.each([
    [1739178940698757000, 1739178940698],
    ['1739178940698757000', 1739178940698],
    [1618347519000000, 1618347519000],
    [1618347519000, 1618347519000],
    [1618347519, 1618347519000],
    ['1618347519.5', 1618347519500],
  ])('reads %j by its magnitude', (value, expected) => {
    expect(epochMillisAnyUnit(value)).toBe(expected);
  });

  it.each([[-1], [0], ['12ab'], [Number.NaN], [{}]])('rejects %j', (value) => {
    expect(epochMillisAnyUnit(value)).toBeUndefined();
  });
});

describe('epochSecondsToMillis and parseAsctimeUtc', () => {
  it.each([
    ['1412123850', 1412123850000],
    [1527895550, 1527895550000],
    ['collision', undefined],
  ])('reads seconds %j', (value, expected) => {
    expect(epochSecondsToMillis(value)).toBe(expected);
  });

  it.each([
    ['Tue Sep 30 17:37:30 2014', Date.UTC(2014, 8, 30, 17, 37, 30)],
    ['Mon May  2 22:27:32 2016 UTC', Date.UTC(2016, 4, 2, 22, 27, 32)],
    ['collision', undefined],
  ])('reads the calendar time %j', (value, expected) => {
    expect(parseAsctimeUtc(value)).toBe(expected);
  });
});
