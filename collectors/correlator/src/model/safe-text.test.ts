import { clean } from './text';

describe('clean', () => {
  it.each([
    ['line\nforged: INFO admin logged in', 'line forged: INFO admin logged in'],
    ['\u001b[31mred\u001b[0m', '[31mred [0m'],
    ['abc\u202eevil', 'abc evil'],
    ['a\u2028b', 'a b'],
  ])('strips control and bidi characters from %j', (input, expected) => {
    expect(clean(input, 100)).toBe(expected);
  });

  it('caps length with an ellipsis', () => {
    expect(clean('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
