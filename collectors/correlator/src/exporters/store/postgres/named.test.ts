import { bindNamed, fromPgText, pgText } from './named';

describe('named parameters for PostgreSQL', () => {
  it('numbers each name once, however often it appears, and binds every value', () => {
    expect(bindNamed('a = @x AND b = @y OR c = @x LIMIT @n', { x: 'one', y: 2, n: 10 })).toEqual({
      text: 'a = $1 AND b = $2 OR c = $1 LIMIT $3',
      values: ['one', 2, 10],
    });
  });

  it('refuses a query naming a parameter it was not given', () => {
    expect(() => bindNamed('a = @missing', {})).toThrow(/@missing has no value/);
  });

  it.each(['plain', 'a\u0000b', 'back\\slash', '\\0', '\u0000\\\u0000', 'DOMAIN\\user\u0000'])(
    'escapes text PostgreSQL cannot hold, reversibly and without collisions: %j',
    (raw) => {
      expect(pgText(raw)).not.toContain('\u0000');
      expect(fromPgText(pgText(raw))).toBe(raw);
    },
  );

  it('keeps different names different once escaped', () => {
    const names = ['a\u0000', 'a\\0', 'a\\', 'a\\\\', 'a'];
    expect(new Set(names.map(pgText)).size).toBe(names.length);
  });
});
