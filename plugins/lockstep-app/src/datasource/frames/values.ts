import type { FieldConfig } from '@grafana/data';

/** Epoch ms of an API time (ISO-8601), or null for an open end or an unreadable time. */
export function ms(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) {
    return null;
  }
  const value = Date.parse(iso);
  return Number.isNaN(value) ? null : value;
}

/**
 * Config of fields that carry the API's nested objects for the panel and pages: kept out of tables, legends and
 * tooltips, where they would show as raw JSON.
 */
export const HIDDEN: FieldConfig = {
  custom: { hidden: true, hideFrom: { viz: true, legend: true, tooltip: true } },
};

/** Grafana units for the API's units. */
export function grafanaUnit(unit: string | null | undefined): string | undefined {
  switch (unit) {
    case '1':
      return 'percentunit';
    case 's':
      return 's';
    case 'cores':
      return 'suffix: cores';
    default:
      return undefined;
  }
}
