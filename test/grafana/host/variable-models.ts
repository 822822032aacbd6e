/**
 * Dashboard variables as Grafana's variable state builds them (public/app/features/variables): options from a
 * query's values with All first when the variable includes it, and the selection kept valid (All stays All; a
 * value no longer offered falls back to the first option). Plain TypeScript, used on both sides of the harness.
 */
import { ALL_TEXT, ALL_VALUE, type VariableModel, type VariableValue } from './template-srv';

/** A variable as a dashboard JSON saves it (templating.list[]). */
export type SavedVariable = Partial<VariableModel> & { name: string; type: string };

/** Grafana's sort orders for query variables: 1/2 alphabetical, 3/4 numerical, 5/6 alphabetical case-insensitive. */
function sortValues(values: string[], sort = 0): string[] {
  const sorted = [...values];
  const alpha = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const numeric = (s: string) => Number(/\d+/.exec(s)?.[0] ?? Number.NaN);
  if (sort === 1 || sort === 2) sorted.sort(alpha);
  if (sort === 3 || sort === 4) sorted.sort((a, b) => (numeric(a) || 0) - (numeric(b) || 0));
  if (sort === 5 || sort === 6) sorted.sort((a, b) => alpha(a.toLowerCase(), b.toLowerCase()));
  if (sort === 2 || sort === 4 || sort === 6) sorted.reverse();
  return sorted;
}

/** Marks the options the current value selects. */
function marked(model: VariableModel): VariableModel {
  const chosen = new Set(Array.isArray(model.current.value) ? model.current.value : [model.current.value]);
  return { ...model, options: model.options.map((o) => ({ ...o, selected: chosen.has(o.value as string) })) };
}

/** The variable with these values as its options (sorted, deduplicated, All first), its selection kept valid. */
export function withValues(saved: SavedVariable, values: string[]): VariableModel {
  const options = [...new Set(sortValues(values, saved.sort))].map((v) => ({ text: v, value: v }));
  const model: VariableModel = {
    ...saved,
    current: saved.current ?? { text: '', value: '' },
    options: saved.includeAll ? [{ text: ALL_TEXT, value: ALL_VALUE }, ...options] : options,
  } as VariableModel;
  const offered = new Set(model.options.map((o) => o.value));
  const current = Array.isArray(model.current.value) ? model.current.value : [model.current.value];
  const valid = current.length > 0 && current.every((v) => offered.has(v));
  return valid ? marked(model) : select(model, (model.options[0]?.value as string | undefined) ?? '');
}

/** The variable with `value` selected: one value, several (multi), or All. */
export function select(model: VariableModel, value: VariableValue): VariableModel {
  const values = Array.isArray(value) ? value : [value];
  const isAll = values[0] === ALL_VALUE;
  const texts = values.map((v) => String(model.options.find((o) => o.value === v)?.text ?? v));
  const current = model.multi
    ? { text: isAll ? [ALL_TEXT] : texts, value: isAll ? [ALL_VALUE] : values }
    : { text: isAll ? ALL_TEXT : (texts[0] ?? ''), value: isAll ? ALL_VALUE : (values[0] ?? '') };
  return marked({ ...model, current });
}

/** A custom variable offering `values` (`a,b,c` in the dashboard), with `current` selected. */
export function customVariable(
  name: string,
  values: string[],
  current: VariableValue,
  options: { multi?: boolean; includeAll?: boolean; allValue?: string } = {},
): VariableModel {
  const saved: SavedVariable = { name, type: 'custom', query: values.join(','), ...options };
  return select(withValues(saved, values), current);
}
