import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { instanceSettings } from '../__fixtures__/settings';
import { DataSource } from '../datasource';
import type { VariableQuery } from '../variables/support';
import { VariableQueryEditor } from './VariableQueryEditor';

function setup(initial: unknown) {
  const onChange = jest.fn();
  function Controlled() {
    const [query, setQuery] = React.useState(initial as VariableQuery);
    return (
      <VariableQueryEditor
        datasource={new DataSource(instanceSettings())}
        query={query}
        onRunQuery={jest.fn()}
        onChange={(next) => {
          setQuery(next);
          onChange(next);
        }}
      />
    );
  }
  render(<Controlled />);
  return { last: (): VariableQuery => onChange.mock.calls.at(-1)?.[0] };
}

describe('VariableQueryEditor', () => {
  it('lists hosts by default, even for a query saved as text', () => {
    setup('');
    expect(
      within(screen.getByRole('radiogroup', { name: 'List' })).getByRole('radio', { name: 'Hosts' })
    ).toBeChecked();
  });

  it('chains: containers of the selected host', async () => {
    const { last } = setup({ refId: 'V', kind: 'hosts' });
    await userEvent.click(
      within(screen.getByRole('radiogroup', { name: 'List' })).getByRole('radio', { name: 'Containers' })
    );
    expect(last()).toEqual({ refId: 'V', kind: 'containers' });
    await userEvent.type(screen.getByLabelText('Host'), '$host');
    expect(last()).toEqual({ refId: 'V', kind: 'containers', host: '$host' });
  });
});
