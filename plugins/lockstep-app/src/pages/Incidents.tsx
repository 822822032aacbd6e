import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { IncidentExplorer } from '../components/explorer/IncidentExplorer';
import { useLockstepDataSource } from '../components/explorer/useLockstepDataSource';
import { EXPLORER_TEST_IDS } from '../components/explorer/testIds';

/** `/a/lockstep-app/incidents`: the incident explorer over the app's Lockstep data source. */
function Incidents({ datasourceUid }: { datasourceUid?: string }) {
  const state = useLockstepDataSource(datasourceUid);
  return (
    <PluginPage>
      {state.status === 'loading' && <LoadingPlaceholder text="Loading the Lockstep data source…" />}
      {state.status === 'unavailable' && (
        <Alert severity="warning" title="No Lockstep data source" data-testid={EXPLORER_TEST_IDS.error}>
          {state.message}
        </Alert>
      )}
      {state.status === 'ready' && <IncidentExplorer ds={state.ds} />}
    </PluginPage>
  );
}

export default Incidents;
