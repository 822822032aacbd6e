import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import { setTemplateSrv, type TemplateSrv } from '@grafana/runtime';

export interface FakeVariable {
  /** The selection: a value, several, or '$__all'. */
  current: string | string[];
  /** Every value the variable offers (what All stands for without an allValue). */
  options?: string[];
  allValue?: string;
}

const REFERENCE = /\$(\w+)|\$\{(\w+)(?::([^}]*))?\}|\[\[(\w+)(?::([^\]]*))?\]\]/g;

/**
 * Grafana's TemplateSrv as data sources use it: `$name`, `${name}`, `${name:format}` and `[[name]]` replaced by the
 * selection (scoped variables first, as in repeated panels); a format function receives the raw value (an array
 * for several values, every option for All without an allValue); default formatting of several values is `{a,b}`.
 * Unknown variables stay as typed.
 */
export function fakeTemplateSrv(variables: Record<string, FakeVariable> = {}): TemplateSrv {
  const valueOf = (name: string, scopedVars?: ScopedVars): string | string[] | undefined => {
    const scoped = scopedVars?.[name]?.value;
    if (scoped !== undefined) {
      return scoped as string | string[];
    }
    const variable = variables[name];
    if (variable === undefined) {
      return undefined;
    }
    const all =
      variable.current === '$__all' || (Array.isArray(variable.current) && variable.current.includes('$__all'));
    return all ? (variable.allValue ?? variable.options ?? []) : variable.current;
  };
  const srv: TemplateSrv = {
    getVariables: () =>
      Object.entries(variables).map(
        ([name, v]) =>
          ({ name, type: 'custom', current: { value: v.current, text: v.current } }) as unknown as TypedVariableModel
      ),
    replace(target = '', scopedVars, format) {
      return target.replace(REFERENCE, (match, a, b, _fmt, c) => {
        const value = valueOf(a ?? b ?? c, scopedVars);
        if (value === undefined) {
          return match;
        }
        if (typeof format === 'function') {
          return String(format(value));
        }
        return Array.isArray(value) ? (value.length === 1 ? String(value[0]) : `{${value.join(',')}}`) : value;
      });
    },
    containsTemplate: (target) => target !== undefined && new RegExp(REFERENCE.source).test(target),
    updateTimeRange: () => undefined,
  };
  setTemplateSrv(srv);
  return srv;
}
