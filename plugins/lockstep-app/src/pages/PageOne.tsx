import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { testIds } from '../components/testIds';

/** Skeleton: replaced by the incident explorer. */
function PageOne() {
  return (
    <PluginPage>
      <div data-testid={testIds.pageOne.container}>This is page one.</div>
    </PluginPage>
  );
}

export default PageOne;
