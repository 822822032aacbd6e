import type { ScopedVars } from '@grafana/data';
import { getTemplateSrv, type TemplateSrv } from '@grafana/runtime';

/** Values that mean "every entity": no filter is sent. */
const NO_FILTER: ReadonlySet<string> = new Set(['', 'All', '$__all', '*']);
const ALL_VALUE = '$__all';
/** The whole field is one variable (`$host`, `${host}`, `${host:csv}`, `[[host]]`): its values may be several. */
const ONE_VARIABLE = /^(?:\$(\w+)|\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\])$/;

export type EntityKey = 'host' | 'container' | 'service';
export const ENTITY_KEYS: readonly EntityKey[] = ['host', 'container', 'service'];

/** One entity filter after template variables: its values, or undefined for no filter. */
export type FilterValues = string[] | undefined;
export type EntityValues = Partial<Record<EntityKey, FilterValues>>;
export type Entity = Partial<Record<EntityKey, string>>;

function selectsAll(name: string, scopedVars: ScopedVars | undefined, templateSrv: TemplateSrv): boolean {
  const scoped = scopedVars?.[name]?.value;
  if (scoped !== undefined) {
    return scoped === ALL_VALUE || (Array.isArray(scoped) && scoped.includes(ALL_VALUE));
  }
  const variable = templateSrv.getVariables().find((v) => v.name === name);
  const current = variable && 'current' in variable ? variable.current?.value : undefined;
  return current === ALL_VALUE || (Array.isArray(current) && current.includes(ALL_VALUE));
}

/**
 * A filter field's values after `getTemplateSrv().replace`. A field that is exactly one multi-value variable gives
 * each selected value; `All` (the variable's All option, or the literal `All`, `$__all`, `*`) and an empty field
 * give undefined: no filter. Any other text is one value, variables replaced in place.
 */
export function filterValues(
  raw: string | undefined,
  scopedVars: ScopedVars | undefined,
  templateSrv: TemplateSrv = getTemplateSrv()
): FilterValues {
  const text = raw?.trim() ?? '';
  if (NO_FILTER.has(text)) {
    return undefined;
  }
  const reference = ONE_VARIABLE.exec(text);
  const name = reference?.[1] ?? reference?.[2] ?? reference?.[3];
  if (name === undefined) {
    const value = templateSrv.replace(text, scopedVars).trim();
    return NO_FILTER.has(value) ? undefined : [value];
  }
  if (selectsAll(name, scopedVars, templateSrv)) {
    return undefined;
  }
  let selected: string[] | undefined;
  const replaced = templateSrv.replace(text, scopedVars, (value: string | string[]) => {
    selected = Array.isArray(value) ? value.map(String) : [String(value)];
    return selected.join(',');
  });
  // An unknown variable is left as typed, as Grafana does everywhere else: a literal value.
  const values = [...new Set((selected ?? [replaced]).map((v) => v.trim()))];
  return values.length === 0 || values.some((v) => NO_FILTER.has(v)) ? undefined : values;
}

export function entityValues(
  query: Partial<Record<EntityKey, string>>,
  scopedVars: ScopedVars | undefined,
  templateSrv?: TemplateSrv
): EntityValues {
  const out: EntityValues = {};
  for (const key of ENTITY_KEYS) {
    out[key] = filterValues(query[key], scopedVars, templateSrv);
  }
  return out;
}
