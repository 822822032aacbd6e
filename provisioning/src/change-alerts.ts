import type { AlertRule } from './alerts';

/**
 * The alert rules on changes and assets (issue #13): a temporary change still open past its window, an asset only
 * one side sees, an asset one side lost. Their metrics are the correlator's `lockstep_temporary_changes_open` and
 * `lockstep_unmanaged_asset` (docs/service.md).
 */

/** The correlator's default temporary-change window (engine.temporary_change_window_ms), in hours. */
export const TEMPORARY_WINDOW_HOURS = 4;

export const CHANGE_ALERT_RULES: readonly AlertRule[] = [
  {
    name: 'LockstepTemporaryChangeStillOpen',
    uid: 'lockstep-temporary-change-open',
    // The correlator counts a change only once its window has passed without a revert: no `for` is needed.
    expr: 'max by (asset_kind, asset) (lockstep_temporary_changes_open) > 0',
    for: '0s',
    severity: 'warning',
    summary: `Temporary change still open after ${TEMPORARY_WINDOW_HOURS} h on {{ $labels.asset_kind }} {{ $labels.asset }}.`,
    description:
      '{{ $value }} firewall or access change(s) on {{ $labels.asset_kind }} {{ $labels.asset }} were not reverted within ' +
      `the temporary-change window (engine.temporary_change_window_ms, ${TEMPORARY_WINDOW_HOURS} h unless configured); ` +
      'GET /api/v1/findings and the on-call dashboard name them.',
  },
  {
    name: 'LockstepAssetSeenByOneSideOnly',
    uid: 'lockstep-asset-one-side',
    // A new host's security agent may start a few minutes after its metrics: give it a quarter of an hour.
    expr: 'max by (asset_kind, asset, status) (lockstep_unmanaged_asset{status=~"metrics-only|signals-only"}) > 0',
    for: '15m',
    severity: 'warning',
    summary: 'An asset is seen by one side only: {{ $labels.asset_kind }} {{ $labels.asset }} ({{ $labels.status }}).',
    description:
      '{{ $labels.asset_kind }} {{ $labels.asset }} is {{ $labels.status }}: operations and security do not both see ' +
      'it, so it is unmanaged (a new machine without security coverage, or one nobody monitors). GET /api/v1/assets says why.',
  },
  {
    name: 'LockstepAssetSilentOnOneSide',
    uid: 'lockstep-asset-silent',
    expr: 'max by (asset_kind, asset, status) (lockstep_unmanaged_asset{status=~"metrics-silent|signals-silent"}) > 0',
    for: '5m',
    severity: 'warning',
    summary: 'An asset went silent on one side: {{ $labels.asset_kind }} {{ $labels.asset }} ({{ $labels.status }}).',
    description:
      '{{ $labels.asset_kind }} {{ $labels.asset }} is {{ $labels.status }}: one side stopped seeing it while the other ' +
      'still does (a stopped agent, a broken log shipper, a zombie VM). GET /api/v1/assets says when.',
  },
];
