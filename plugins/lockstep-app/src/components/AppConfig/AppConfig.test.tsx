import React from 'react';
import { of, throwError } from 'rxjs';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PluginType } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import AppConfig, { APP_CONFIG_TEST_IDS, type AppConfigProps } from './AppConfig';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: jest.fn(),
  getDataSourceSrv: jest.fn(),
}));

const LOCKSTEP = [
  { uid: 'ls-prod', name: 'Lockstep prod', type: 'lockstep-correlation-datasource', isDefault: false },
  { uid: 'ls-lab', name: 'Lockstep lab', type: 'lockstep-correlation-datasource', isDefault: false },
];

// Combobox measures its labels on a canvas and watches its menu's visibility; jsdom has neither.
beforeAll(() => {
  jest
    .spyOn(HTMLCanvasElement.prototype, 'getContext')
    .mockReturnValue({ measureText: (text: string) => ({ width: text.length * 7 }) } as unknown as RenderingContext);
  // The menu is virtualized: it renders the options that fit its measured size.
  jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(300);
  jest.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(300);
  Object.assign(window, {
    IntersectionObserver: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });
});

function props(jsonData: Record<string, unknown> = {}): AppConfigProps {
  return {
    plugin: {
      meta: { id: 'lockstep-app', name: 'Lockstep', type: PluginType.app, enabled: true, pinned: true, jsonData },
    },
    query: {},
  } as unknown as AppConfigProps;
}

function setup(list = LOCKSTEP, fetchResult = of({ data: {} })) {
  const getList = jest.fn(() => list);
  const fetch = jest.fn(() => fetchResult);
  jest.mocked(getDataSourceSrv).mockReturnValue({ getList } as unknown as ReturnType<typeof getDataSourceSrv>);
  jest.mocked(getBackendSrv).mockReturnValue({ fetch } as unknown as ReturnType<typeof getBackendSrv>);
  const reload = jest.fn();
  Object.defineProperty(window, 'location', { configurable: true, value: { ...window.location, reload } });
  return { getList, fetch, reload };
}

describe('AppConfig', () => {
  it('lists only Lockstep data sources and preselects the configured one', () => {
    const { getList } = setup();
    render(<AppConfig {...props({ datasourceUid: 'ls-lab' })} />);
    expect(getList).toHaveBeenCalledWith({ type: 'lockstep-correlation-datasource' });
    expect(screen.getByRole('group', { name: /lockstep data source/i })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Data source/ })).toHaveValue('Lockstep lab');
  });

  it('saves the chosen data source uid in jsonData through the plugin settings API, then reloads', async () => {
    const { fetch, reload } = setup();
    const user = userEvent.setup({ delay: null });
    render(<AppConfig {...props({ datasourceUid: 'ls-prod' })} />);
    await user.click(screen.getByRole('combobox', { name: /^Data source/ }));
    await user.click(await screen.findByRole('option', { name: /Lockstep lab/ }));
    await user.click(screen.getByTestId(APP_CONFIG_TEST_IDS.submit));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledWith({
      url: '/api/plugins/lockstep-app/settings',
      method: 'POST',
      data: { enabled: true, pinned: true, jsonData: { datasourceUid: 'ls-lab' } },
    });
  });

  it('keeps no secret and no URL fields of its own', () => {
    setup();
    const { container } = render(<AppConfig {...props()} />);
    expect(screen.queryByText(/api key/i)).not.toBeInTheDocument();
    expect(Array.from(container.querySelectorAll('input')).map((i) => i.id)).toEqual(['lockstep-config-datasource']);
  });

  it('says what to do when there is no Lockstep data source', () => {
    setup([]);
    render(<AppConfig {...props()} />);
    expect(screen.getByText(/No Lockstep data source yet/)).toBeInTheDocument();
    expect(screen.getByTestId(APP_CONFIG_TEST_IDS.submit)).toBeDisabled();
  });

  it('says when the configured data source no longer exists', () => {
    setup();
    render(<AppConfig {...props({ datasourceUid: 'deleted' })} />);
    expect(screen.getByText(/no longer exists/)).toBeInTheDocument();
  });

  it('says why saving failed, in a sentence', async () => {
    setup(
      LOCKSTEP,
      throwError(() => ({ status: 403, data: { message: 'Permission denied' } }))
    );
    render(<AppConfig {...props()} />);
    await userEvent.click(screen.getByTestId(APP_CONFIG_TEST_IDS.submit));
    expect(await screen.findByTestId(APP_CONFIG_TEST_IDS.error)).toHaveTextContent(
      'The settings were not saved: Permission denied.'
    );
  });
});
