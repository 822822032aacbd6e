import type {
  DataTransformerConfig,
  GridPos,
  MatcherConfig,
  ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardLinkBuilder, DashboardLinkType, MappingType } from '@grafana/grafana-foundation-sdk/dashboard';

/** Where a panel sits on the 24-column grid (one row unit is about 30 px). */
export function at(x: number, y: number, w: number, h: number): GridPos {
  return { x, y, w, h };
}

/**
 * A data link (a URL opened from a value). The dashboard schema types field links as dashboard links, which
 * require every dashboard-link property; Grafana reads `title`, `url` and `targetBlank` and ignores the rest.
 */
export function dataLink(title: string, url: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title)
    .type(DashboardLinkType.Link)
    .url(url)
    .icon('external link')
    .tooltip(title)
    .tags([])
    .asDropdown(false)
    .targetBlank(false)
    .includeVars(false)
    .keepTime(false);
}

/** The dashboard's link to the other Lockstep dashboards (every one carries the `lockstep` tag). */
export function lockstepDashboardsLink(): DashboardLinkBuilder {
  return new DashboardLinkBuilder('Lockstep dashboards')
    .type(DashboardLinkType.Dashboards)
    .tags(['lockstep'])
    .icon('external link')
    .tooltip('The other Lockstep dashboards')
    .asDropdown(true)
    .targetBlank(false)
    .includeVars(false)
    .keepTime(true);
}

/**
 * Hides, renames and orders table columns. Field overrides cannot do this here: the dashboard schema only
 * accepts object values in overrides, so `displayName` and `custom.hidden` (strings, booleans) are rejected.
 */
export function organize(columns: ReadonlyArray<readonly [field: string, header: string]>, hide: readonly string[]) {
  const transformation: DataTransformerConfig = {
    id: 'organize',
    options: {
      excludeByName: Object.fromEntries(hide.map((field) => [field, true])),
      indexByName: Object.fromEntries(columns.map(([field], index) => [field, index])),
      renameByName: Object.fromEntries(columns),
    },
  };
  return transformation;
}

/**
 * Number fields shown as plain text. A table's unit and decimals apply to every number field, and overrides
 * cannot set them per field (see `organize`); converting identifiers such as pids to strings keeps them exact.
 */
export function asText(fields: readonly string[]): DataTransformerConfig {
  return {
    id: 'convertFieldType',
    options: { conversions: fields.map((targetField) => ({ targetField, destinationType: 'string' })) },
  };
}

/**
 * Matches fields by their displayed names. Grafana's usual `byName` matcher takes a string option, which the
 * dashboard schema rejects (matcher options must be objects); `byNames` takes an object and matches the same way.
 */
export function byNames(...names: string[]): MatcherConfig {
  return { id: 'byNames', options: { mode: 'include', names } };
}

/** Grafana's named colours for incident severity, worst first. */
export const SEVERITY_COLORS = [
  ['critical', 'red'],
  ['high', 'orange'],
  ['medium', 'yellow'],
  ['low', 'blue'],
] as const;

/** Colours severity words wherever they appear as values. */
export const SEVERITY_MAPPING: ValueMapping = {
  type: MappingType.ValueToText,
  options: Object.fromEntries(SEVERITY_COLORS.map(([severity, color], index) => [severity, { color, index }])),
};
