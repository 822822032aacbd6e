/**
 * getTemplateSrv() with Grafana's semantics, written after public/app/features/templating/template_srv.ts and
 * formatVariableValue.ts (the dashboard's variables as models; Scenes' interpolation answers the same for what is
 * emulated here):
 * - `$name`, `${name}`, `${name:format}`, `${name.field}` and `[[name]]` / `[[name:format]]`, scoped variables
 *   (a repeated panel's value) first, unknown names left as typed;
 * - a multi-value variable gives the formatter its array of values; All gives every option's value, or, when the
 *   variable has a custom `allValue`, that text unformatted (the format callback is not called) except for the
 *   `text` and `percentencode` formats;
 * - `format` is a format id (glob by default: `{a,b}`) or a callback `(value, variable, formatValue) => string`;
 * - getVariables() returns the models; containsTemplate() says whether the first reference names a variable.
 * Plain TypeScript: the page bundles it and jest tests it against those semantics (template-srv.test.ts).
 */
export const ALL_VALUE = '$__all';
export const ALL_TEXT = 'All';

export type VariableValue = string | string[];

export interface VariableOption {
  text: VariableValue;
  value: VariableValue;
  selected?: boolean;
}

/** A dashboard variable as Grafana's template service holds it (a legacy model: All is options[0]). */
export interface VariableModel {
  name: string;
  type: string;
  label?: string;
  current: { text: VariableValue; value: VariableValue; selected?: boolean };
  options: VariableOption[];
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  query?: unknown;
  datasource?: { type?: string; uid?: string } | null;
  sort?: number;
  [key: string]: unknown;
}

export interface ScopedVar {
  text?: unknown;
  value: unknown;
}
export type ScopedVars = Record<string, ScopedVar | undefined>;

export type FormatCallback = (value: unknown, variable: unknown, formatValue: typeof formatVariableValue) => string;
export type Format = string | FormatCallback | undefined;

/** Grafana's variableRegex: $var, [[var]] / [[var:fmt]], ${var} / ${var.field} / ${var:fmt}. */
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

const regexEscape = (value: string): string => value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
const luceneEscape = (value: string): string => value.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

/** The formats Grafana registers (a subset: those a data source's fields plausibly use). */
const FORMATS: Record<string, (value: unknown, text: unknown) => string> = {
  glob: (v) => (Array.isArray(v) && v.length > 1 ? `{${v.join(',')}}` : String(v)),
  raw: (v) => String(v),
  csv: (v) => list(v).join(','),
  pipe: (v) => list(v).join('|'),
  json: (v) => JSON.stringify(v),
  text: (_v, text) => list(text).join(' + '),
  regex: (v) => {
    const escaped = list(v).map(regexEscape);
    return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
  },
  singlequote: (v) =>
    list(v)
      .map((s) => `'${s.replace(/'/g, "\\'")}'`)
      .join(','),
  doublequote: (v) =>
    list(v)
      .map((s) => `"${s.replace(/"/g, '\\"')}"`)
      .join(','),
  percentencode: (v) => encodeURIComponent(Array.isArray(v) ? `{${v.join(',')}}` : String(v)),
  lucene: (v) =>
    typeof v === 'string'
      ? luceneEscape(v)
      : Array.isArray(v) && v.length === 0
        ? '__empty__'
        : `(${list(v)
            .map((s) => `"${luceneEscape(s)}"`)
            .join(' OR ')})`,
};

/** Grafana's formatVariableValue: a callback gets (value, variable, this function); an unknown id falls back to glob. */
export function formatVariableValue(value: unknown, format?: Format, variable?: unknown, text?: unknown): string {
  if (value === null || value === undefined) return '';
  const plain = !Array.isArray(value) && typeof value === 'object' ? `${String(value)}` : value;
  if (typeof format === 'function') return format(plain, variable ?? {}, formatVariableValue);
  const id = (format ?? 'glob').split(':')[0] ?? 'glob';
  let formatter = FORMATS[id];
  if (formatter === undefined) {
    console.error(`Variable format ${id} not found. Using glob format as fallback.`);
    formatter = FORMATS.glob as (value: unknown, text: unknown) => string;
  }
  return formatter(plain, text ?? plain);
}

function isAllValue(value: unknown): boolean {
  return value === ALL_VALUE || (Array.isArray(value) && value[0] === ALL_VALUE);
}

function field(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);
}

export class TemplateSrv {
  private variables: VariableModel[] = [];
  private range: { from: number; to: number } | undefined;

  /** The dashboard's variables, in dashboard order (what Grafana's state holds). */
  setVariables(variables: VariableModel[]): void {
    this.variables = variables;
  }

  getVariables(): VariableModel[] {
    return this.variables;
  }

  updateTimeRange(range: { from: { valueOf(): number }; to: { valueOf(): number } }): void {
    this.range = { from: range.from.valueOf(), to: range.to.valueOf() };
  }

  /** Grafana's index: a variable counts once it has a current value (an empty string is one). */
  private variable(name: string): VariableModel | undefined {
    if (this.range !== undefined && (name === '__from' || name === '__to')) {
      const ms = String(name === '__from' ? this.range.from : this.range.to);
      return { name, type: 'constant', current: { text: ms, value: ms }, options: [] };
    }
    const found = this.variables.find((v) => v.name === name);
    const value = found?.current?.value;
    return found !== undefined && (Boolean(value) || value === '') ? found : undefined;
  }

  containsTemplate(target: string | undefined): boolean {
    if (!target) return false;
    VARIABLE.lastIndex = 0;
    const match = VARIABLE.exec(target);
    const name = match?.slice(1).find((group) => group !== undefined);
    return name !== undefined && this.variable(name) !== undefined;
  }

  getAllValue(variable: VariableModel): VariableValue {
    if (variable.allValue) return variable.allValue;
    return variable.options.slice(1).map((option) => option.value as string);
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: Format): string {
    if (!target) return target ?? '';
    VARIABLE.lastIndex = 0;
    return target.replace(VARIABLE, (match, var1, var2, fmt2, var3, fieldPath, fmt3) => {
      const name = (var1 ?? var2 ?? var3) as string;
      const fmt = (fmt2 ?? fmt3 ?? format) as Format;
      const path = fieldPath as string | undefined;
      const variable = this.variable(name);
      const scoped = scopedVars?.[name];
      if (scoped !== undefined) {
        const value = path ? field(scoped.value, path) : scoped.value;
        const text = scoped.value === value || typeof value !== 'string' ? scoped.text : value;
        if (value !== null && value !== undefined) return formatVariableValue(value, fmt, variable, text);
      }
      if (variable === undefined) return match;
      let value: unknown = variable.current.value;
      let text: unknown = variable.current.text;
      if (isAllValue(value)) {
        value = this.getAllValue(variable);
        text = ALL_TEXT;
        // Grafana: a custom all value is not formatted, unless the format is text or percentencode.
        if (variable.allValue && fmt !== 'text' && fmt !== 'percentencode') return this.replace(String(value));
      }
      if (path) {
        const inner = field(value, path);
        if (inner !== null && inner !== undefined) return formatVariableValue(inner, fmt, variable, text);
      }
      return formatVariableValue(value, fmt, variable, text);
    });
  }

  /** Deprecated in Grafana: replace() with the text format. */
  replaceWithText(target: string, scopedVars?: ScopedVars): string {
    return this.replace(target, scopedVars, 'text');
  }
}
