import type { GrafanaTheme2 } from '@grafana/data';
import type { Severity } from '../../common/records';

/** Marker shape per severity, so severity reads without colour too (colour-blind users, print). */
export type MarkerShape = 'diamond' | 'triangle' | 'circle' | 'square' | 'dot';

export const SEVERITY_SHAPE: Readonly<Record<Severity, MarkerShape>> = {
  critical: 'diamond',
  high: 'triangle',
  medium: 'circle',
  low: 'square',
  info: 'dot',
};

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Theme colours only: each theme picks contrasting shades for its own background. */
export function severityColor(theme: GrafanaTheme2, severity: Severity): string {
  switch (severity) {
    case 'critical':
      return theme.colors.error.main;
    case 'high':
      return theme.visualization.getColorByName('orange');
    case 'medium':
      return theme.colors.warning.main;
    case 'low':
      return theme.colors.info.main;
    default:
      return theme.colors.text.secondary;
  }
}

/** CSS clip-paths for the marker shapes (a square element clipped to the shape). */
export const SHAPE_CLIP: Readonly<Record<MarkerShape, string>> = {
  diamond: 'polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  triangle: 'polygon(50% 0, 100% 100%, 0 100%)',
  circle: 'circle(50% at 50% 50%)',
  square: 'inset(10%)',
  dot: 'circle(30% at 50% 50%)',
};
