import React from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { render, screen, waitFor } from '@testing-library/react';
import { PluginType, type AppRootProps } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import type { LockstepAppSettings } from '../../constants';
import App from './App';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: jest.fn(),
}));

function Where() {
  return <output data-testid="path">{useLocation().pathname}</output>;
}

function renderApp(path: string, jsonData: LockstepAppSettings = {}) {
  const props = {
    basename: '/a/lockstep-app',
    meta: { id: 'lockstep-app', name: 'Lockstep', type: PluginType.app, enabled: true, jsonData },
    query: {},
    path: '',
    onNavChanged: jest.fn(),
  } as unknown as AppRootProps<LockstepAppSettings>;
  return render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route
          path="/a/lockstep-app/*"
          element={
            <React.Suspense fallback="loading">
              <App {...props} />
              <Where />
            </React.Suspense>
          }
        />
      </Routes>
    </MemoryRouter>
  );
}

describe('App', () => {
  const get = jest.fn();
  const getList = jest.fn();

  beforeEach(() => {
    get.mockReset();
    getList.mockReset().mockReturnValue([]);
    jest.mocked(getDataSourceSrv).mockReturnValue({ get, getList } as unknown as ReturnType<typeof getDataSourceSrv>);
  });

  it('sends any other path to the incident explorer', async () => {
    renderApp('/a/lockstep-app/whatever');
    await waitFor(() => expect(screen.getByTestId('path')).toHaveTextContent('/a/lockstep-app/incidents'));
  });

  it('says how to add a Lockstep data source when there is none', async () => {
    renderApp('/a/lockstep-app/incidents');
    expect(await screen.findByText(/No Lockstep data source yet/)).toBeInTheDocument();
    expect(getList).toHaveBeenCalledWith({ type: 'lockstep-correlation-datasource' });
  });

  it('uses the configured data source and refuses one of another type', async () => {
    get.mockResolvedValue({ uid: 'prom', type: 'prometheus' });
    renderApp('/a/lockstep-app/incidents', { datasourceUid: 'prom' });
    expect(await screen.findByText(/is a prometheus data source, not a Lockstep one/)).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith('prom');
  });

  it('says when the data source cannot be loaded', async () => {
    getList.mockReturnValue([{ uid: 'ls' }]);
    get.mockRejectedValue(new Error('Datasource ls was not found'));
    renderApp('/a/lockstep-app/incidents');
    expect(await screen.findByText(/could not be loaded \(Datasource ls was not found\)/)).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith('ls');
  });

  it('opens the explorer on the first Lockstep data source', async () => {
    const query = jest.fn(() => Promise.resolve({ data: [] }));
    getList.mockReturnValue([{ uid: 'ls' }]);
    get.mockResolvedValue({ uid: 'ls', type: 'lockstep-correlation-datasource', query });
    renderApp('/a/lockstep-app/incidents');
    expect(await screen.findByTestId('lockstep-incident-list-empty')).toBeInTheDocument();
    expect(query).toHaveBeenCalled();
  });
});
