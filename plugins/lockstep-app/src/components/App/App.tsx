import React from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { ROUTES, type LockstepAppSettings } from '../../constants';
import { prefixRoute } from '../../utils/utils.routing';

const Incidents = React.lazy(() => import('../../pages/Incidents'));

function App(props: AppRootProps<LockstepAppSettings>) {
  const datasourceUid = props.meta.jsonData?.datasourceUid;
  return (
    <Routes>
      <Route path={ROUTES.Incidents} element={<Incidents datasourceUid={datasourceUid} />} />
      <Route path="*" element={<Navigate to={prefixRoute(ROUTES.Incidents)} replace />} />
    </Routes>
  );
}

export default App;
