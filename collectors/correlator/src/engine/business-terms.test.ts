import { costSentence, wholeNumber } from './business-terms';

describe('business terms', () => {
  it('writes whole numbers as en-US does, without Intl', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    for (const value of [0, 0.4, 0.5, 7, 999, 999.5, 1000, 12_000, 12_345.67, 999_999, 1_000_000, 2 ** 40, 1e12]) {
      expect(wholeNumber(value)).toBe(intl.format(value));
    }
  });

  it('states the cost so far and the rate', () => {
    const business = { service: 'orders', name: 'Orders', cost_per_hour: 12_000 };
    expect(costSentence(business, 14 * 60_000, true)).toBe(' Estimated cost so far: 2,800 (12,000 per hour).');
    expect(costSentence(business, 90 * 60_000, false)).toBe(' Estimated cost: 18,000 (12,000 per hour).');
  });
});
