/**
 * The harness's template service answers as Grafana's does (public/app/features/templating/template_srv.ts and
 * formatVariableValue.ts): what the Lockstep data source relies on when a dashboard passes it variables.
 */
import { ALL_VALUE, TemplateSrv, type FormatCallback } from './host/template-srv';
import { customVariable, select, withValues } from './host/variable-models';

function service(): TemplateSrv {
  const srv = new TemplateSrv();
  srv.setVariables([
    customVariable('host', ['web-1', 'web-2', 'db-1'], 'web-1'),
    customVariable('hosts', ['web-1', 'web-2', 'db-1'], ['web-1', 'web-2'], { multi: true }),
    customVariable('every', ['web-1', 'web-2', 'db-1'], ALL_VALUE, { multi: true, includeAll: true }),
    customVariable('star', ['web-1', 'web-2'], ALL_VALUE, { includeAll: true, allValue: '*' }),
  ]);
  return srv;
}

/** A format callback that records what Grafana handed it. */
function recorder(): { format: FormatCallback; seen: unknown[] } {
  const seen: unknown[] = [];
  return { seen, format: (value) => (seen.push(value), '<formatted>') };
}

describe('template service: replace()', () => {
  it.each([
    ['$host', 'web-1'],
    ['${host}', 'web-1'],
    ['[[host]]', 'web-1'],
    ['${host:raw}', 'web-1'],
    ['api-$host.local', 'api-web-1.local'],
    ['$hosts', '{web-1,web-2}'],
    ['${hosts:csv}', 'web-1,web-2'],
    ['${hosts:pipe}', 'web-1|web-2'],
    ['${hosts:regex}', '(web-1|web-2)'],
    ['${hosts:json}', '["web-1","web-2"]'],
    ['${hosts:text}', 'web-1 + web-2'],
    ['$every', '{web-1,web-2,db-1}'],
    ['${every:text}', 'All'],
    ['$star', '*'],
    ['${star:csv}', '*'],
    ['${star:text}', 'All'],
    ['$nope and ${nope:csv}', '$nope and ${nope:csv}'],
  ])('%s gives %s', (target, expected) => {
    expect(service().replace(target)).toBe(expected);
  });

  it('hands the format callback a single value, the selected values, or every option for All', () => {
    const srv = service();
    const { format, seen } = recorder();
    for (const target of ['$host', '$hosts', '$every']) expect(srv.replace(target, {}, format)).toBe('<formatted>');
    expect(seen).toEqual(['web-1', ['web-1', 'web-2'], ['web-1', 'web-2', 'db-1']]);
  });

  it('does not call the format callback for a custom all value: the text goes out unformatted', () => {
    const { format, seen } = recorder();
    expect(service().replace('$star', {}, format)).toBe('*');
    expect(seen).toEqual([]);
  });

  it('takes a scoped variable (a repeated panel) before the dashboard’s, through the format too', () => {
    const { format, seen } = recorder();
    const scoped = { hosts: { text: 'db-1', value: 'db-1' } };
    expect(service().replace('$hosts', scoped)).toBe('db-1');
    service().replace('$hosts', scoped, format);
    expect(seen).toEqual(['db-1']);
  });

  it('knows the time range once told, and falls back to glob (logging) for an unknown format', () => {
    const srv = service();
    srv.updateTimeRange({ from: 1000, to: 2000 });
    expect(srv.replace('${__from}-${__to}')).toBe('1000-2000');
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(srv.replace('${hosts:nonsense}')).toBe('{web-1,web-2}');
    expect(error).toHaveBeenCalledWith('Variable format nonsense not found. Using glob format as fallback.');
    error.mockRestore();
  });
});

describe('template service: variables', () => {
  it('containsTemplate() looks at the first reference only, and only at known variables', () => {
    const srv = service();
    expect(srv.containsTemplate('$host')).toBe(true);
    expect(srv.containsTemplate('web-1')).toBe(false);
    expect(srv.containsTemplate('$nope $host')).toBe(false);
    expect(srv.containsTemplate(undefined)).toBe(false);
  });

  it('getVariables() returns the models with their current selection (All as $__all)', () => {
    const current = service()
      .getVariables()
      .map((v) => [v.name, v.current.value]);
    expect(current).toEqual([
      ['host', 'web-1'],
      ['hosts', ['web-1', 'web-2']],
      ['every', [ALL_VALUE]],
      ['star', ALL_VALUE],
    ]);
  });

  it('builds options as Grafana does: sorted, All first, the selection kept valid', () => {
    const saved = {
      name: 'host',
      type: 'query',
      includeAll: true,
      sort: 5,
      current: { text: 'All', value: ALL_VALUE },
    };
    const model = withValues(saved, ['web-2', 'DB-1', 'web-1', 'web-2']);
    expect(model.options.map((o) => o.value)).toEqual([ALL_VALUE, 'DB-1', 'web-1', 'web-2']);
    expect(model.current).toEqual({ text: 'All', value: ALL_VALUE });
    // A selection the query no longer offers falls back to the first option.
    const gone = withValues({ ...saved, includeAll: false, current: { text: 'old', value: 'old' } }, ['b', 'a']);
    expect(gone.current).toEqual({ text: 'a', value: 'a' });
    expect(
      select(model, ['web-1'])
        .options.filter((o) => o.selected)
        .map((o) => o.value),
    ).toEqual(['web-1']);
  });
});
