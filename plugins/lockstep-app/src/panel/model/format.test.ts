import { formatShare, formatValue, timeFormatter } from './format';

describe('formatValue', () => {
  it.each([
    [0.905, '1', '90.5%'],
    [1.5, 'cores', '1.5 cores'],
    [0.25, 's', '250 ms'],
    [2.5, 's', '2.5 s'],
    [1234.5, undefined, '1230'],
  ])('%s in %s reads %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('formatShare', () => {
  it('rounds to whole percent', () => {
    expect(formatShare(0.824)).toBe('82%');
  });
});

describe('timeFormatter', () => {
  it("formats in the dashboard's time zone", () => {
    const ms = Date.parse('2026-03-01T12:00:05Z');
    expect(timeFormatter('utc')(ms)).toBe('2026-03-01 12:00:05');
    expect(timeFormatter('Europe/Paris')(ms)).toBe('2026-03-01 13:00:05');
  });
});
