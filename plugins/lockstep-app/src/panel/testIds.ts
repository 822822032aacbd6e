/**
 * `data-testid`s of the spike panel and its parts, for jest and the browser harness (which renders the built
 * panel and reads the page). Plain names: Grafana's e2e selector convention ("data-testid ...") is for
 * Grafana's own components.
 */
export const SPIKE_TEST_IDS = {
  panel: 'lockstep-spike-panel',
  empty: 'lockstep-panel-empty',
  error: 'lockstep-panel-error',
  chart: 'lockstep-chart',
  noPoints: 'lockstep-chart-no-points',
  region: 'lockstep-spike-region',
  markers: 'lockstep-markers',
  marker: 'lockstep-marker',
  highlight: 'lockstep-marker-highlight',
  card: 'lockstep-culprit-card',
  noCulprit: 'lockstep-no-culprit',
  incidentPicker: 'lockstep-incident-picker',
  culpritName: 'lockstep-culprit-name',
  culpritPid: 'lockstep-culprit-pid',
  culpritOwner: 'lockstep-culprit-owner',
  culpritPath: 'lockstep-culprit-path',
  culpritCommandLine: 'lockstep-culprit-command-line',
  culpritParents: 'lockstep-culprit-parents',
  culpritContainer: 'lockstep-culprit-container',
  culpritStarted: 'lockstep-culprit-started',
  culpritShare: 'lockstep-culprit-share',
  culpritInstances: 'lockstep-culprit-instances',
  signals: 'lockstep-signals',
  signal: 'lockstep-signal',
  signalUser: 'lockstep-signal-user',
  signalPeers: 'lockstep-signal-peers',
  summaries: 'lockstep-summaries',
  summaryOps: 'lockstep-summary-ops',
  summarySecurity: 'lockstep-summary-security',
  summaryBusiness: 'lockstep-summary-business',
} as const;
