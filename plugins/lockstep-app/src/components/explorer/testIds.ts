/** `data-testid`s of the app pages, for jest and the browser harness. */
export const EXPLORER_TEST_IDS = {
  page: 'lockstep-explorer',
  list: 'lockstep-incident-list',
  row: 'lockstep-incident-row',
  empty: 'lockstep-incident-list-empty',
  error: 'lockstep-explorer-error',
  detail: 'lockstep-incident-detail',
  evidenceSignals: 'lockstep-evidence-signals',
  evidenceAnomalies: 'lockstep-evidence-anomalies',
  exploreLink: 'lockstep-explore-link',
} as const;
