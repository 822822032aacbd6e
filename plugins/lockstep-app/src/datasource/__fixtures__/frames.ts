import type { DataFrame, Field } from '@grafana/data';

/** A field by name (readers never go by position); fails the test when it is missing. */
export function field(frame: DataFrame, name: string): Field {
  const found = frame.fields.find((f) => f.name === name);
  if (found === undefined) {
    throw new Error(`frame ${frame.name} has no field ${name}; it has ${frame.fields.map((f) => f.name).join(', ')}`);
  }
  return found;
}

export function values(frame: DataFrame, name: string): unknown[] {
  return [...field(frame, name).values];
}

/** Row `i` as an object of field name → value. */
export function row(frame: DataFrame, i: number): Record<string, unknown> {
  return Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]));
}
