import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataSourceSettings } from '@grafana/data';
import type { LockstepDataSourceOptions, LockstepSecureJsonData } from '../../common/query';
import { ConfigEditor } from './ConfigEditor';

type Options = DataSourceSettings<LockstepDataSourceOptions, LockstepSecureJsonData>;

function options(overrides: Partial<Options> = {}): Options {
  return {
    id: 1,
    uid: 'lockstep',
    orgId: 1,
    name: 'Lockstep',
    type: 'lockstep-correlation-datasource',
    typeName: 'Lockstep correlation',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    jsonData: {},
    secureJsonFields: {},
    ...overrides,
  } as Options;
}

/** The editor as Grafana drives it: each change comes back as the new options. */
function Controlled({ initial, onChange }: { initial: Options; onChange: (o: Options) => void }) {
  const [current, setCurrent] = React.useState(initial);
  return (
    <ConfigEditor
      options={current}
      onOptionsChange={(next) => {
        setCurrent(next);
        onChange(next);
      }}
    />
  );
}

describe('ConfigEditor', () => {
  it('edits the correlator URL in jsonData', async () => {
    const onChange = jest.fn();
    render(<Controlled initial={options()} onChange={onChange} />);
    const url = screen.getByLabelText(/Correlator URL/);
    expect(url).toHaveAttribute('placeholder', 'http://correlator:8480');
    await userEvent.type(url, 'http://correlator:8480');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ jsonData: { url: 'http://correlator:8480' } }));
  });

  it('keeps the token in secureJsonData, never in jsonData', async () => {
    const onChange = jest.fn();
    render(<Controlled initial={options({ jsonData: { url: 'http://c:8480' } })} onChange={onChange} />);
    await userEvent.type(screen.getByLabelText(/API token/), 's3cret');
    const last = onChange.mock.calls.at(-1)?.[0] as Options;
    expect(last.secureJsonData).toEqual({ apiToken: 's3cret' });
    expect(last.jsonData).toEqual({ url: 'http://c:8480' });
    expect(JSON.stringify(last.jsonData)).not.toContain('s3cret');
  });

  it('shows a saved token as configured, without its value, and resets it', async () => {
    const onChange = jest.fn();
    render(<Controlled initial={options({ secureJsonFields: { apiToken: true } })} onChange={onChange} />);
    const token = screen.getByLabelText(/API token/);
    expect(token).toBeDisabled();
    expect(token).toHaveValue('configured');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ secureJsonFields: { apiToken: false }, secureJsonData: { apiToken: '' } })
    );
    expect(screen.getByLabelText(/API token/)).toBeEnabled();
  });

  it('is reachable by keyboard: URL, then token', async () => {
    render(<Controlled initial={options()} onChange={jest.fn()} />);
    await userEvent.tab();
    expect(screen.getByLabelText(/Correlator URL/)).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByLabelText(/API token/)).toHaveFocus();
  });
});
