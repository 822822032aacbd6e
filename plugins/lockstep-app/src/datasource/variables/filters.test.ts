import { fakeTemplateSrv } from '../__fixtures__/templates';
import { combinations, firstOfEach, MAX_COMBINATIONS } from './combinations';
import { entityValues, filterValues } from './filters';

describe('entity filters after template variables', () => {
  const templateSrv = fakeTemplateSrv({
    host: { current: 'web-1' },
    hosts: { current: ['web-1', 'web-2'] },
    everyHost: { current: '$__all', options: ['web-1', 'web-2', 'db-1'] },
    star: { current: '$__all', allValue: '*' },
    service: { current: ['checkout'] },
  });

  it.each<[string, string | undefined, string[] | undefined]>([
    ['an empty field: no filter', undefined, undefined],
    ['blank text: no filter', '  ', undefined],
    ['the literal All: no filter', 'All', undefined],
    ['the literal $__all: no filter', '$__all', undefined],
    ['a plain name', 'db-1', ['db-1']],
    ['a variable', '$host', ['web-1']],
    ['a variable in braces with a format', '${host:raw}', ['web-1']],
    ['the old [[name]] syntax', '[[host]]', ['web-1']],
    ['a multi-value variable: each value', '$hosts', ['web-1', 'web-2']],
    ['a one-element multi-value selection', '$service', ['checkout']],
    ['All without a custom all value (Grafana sends every option): no filter', '$everyHost', undefined],
    ['All with the custom all value *: no filter', '${star}', undefined],
    ['text around a variable: one value', 'web-$host', ['web-web-1']],
    ['an unknown variable: kept as typed', '$nope', ['$nope']],
  ])('%s', (_name, raw, expected) => {
    expect(filterValues(raw, {}, templateSrv)).toEqual(expected);
  });

  it('takes a repeated panel’s scoped value before the dashboard’s', () => {
    expect(filterValues('$hosts', { hosts: { text: 'db-1', value: 'db-1' } }, templateSrv)).toEqual(['db-1']);
    expect(filterValues('$hosts', { hosts: { text: 'All', value: '$__all' } }, templateSrv)).toBeUndefined();
  });

  it('reads the three filters of a query', () => {
    expect(entityValues({ host: '$hosts', container: '', service: 'checkout' }, {}, templateSrv)).toEqual({
      host: ['web-1', 'web-2'],
      container: undefined,
      service: ['checkout'],
    });
  });
});

describe('combinations of selected values', () => {
  it('makes one entity per combination (list queries fan out over them)', () => {
    expect(combinations({ host: ['a', 'b'], service: ['s', 't'] })).toEqual([
      { host: 'a', service: 's' },
      { host: 'a', service: 't' },
      { host: 'b', service: 's' },
      { host: 'b', service: 't' },
    ]);
    expect(combinations({})).toEqual([{}]);
  });

  it('refuses more combinations than it should send requests, in a sentence', () => {
    const hosts = Array.from({ length: 7 }, (_, i) => `h${i}`);
    expect(() => combinations({ host: hosts, service: ['a', 'b', 'c'] })).toThrow(
      `The selected hosts, containers and services make 21 combinations, one request each; select at most ${MAX_COMBINATIONS}, or All.`
    );
  });

  it('keeps the first value of each filter for one-entity queries, saying so', () => {
    expect(firstOfEach({ host: ['web-1', 'web-2'], service: ['checkout'] })).toEqual({
      entity: { host: 'web-1', service: 'checkout' },
      notices: ['Host has 2 values selected; this query shows the first, web-1.'],
    });
  });
});
