import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LockstepQuery } from '../../common/query';
import { instanceSettings } from '../__fixtures__/settings';
import { DataSource } from '../datasource';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';

function setup(initial: LockstepQuery) {
  const onChange = jest.fn();
  function Controlled() {
    const [query, setQuery] = React.useState(initial);
    return (
      <AnnotationQueryEditor
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
  return { last: (): LockstepQuery => onChange.mock.calls.at(-1)?.[0] };
}

describe('AnnotationQueryEditor', () => {
  it('picks signals of one tool, on the entity filters', async () => {
    const { last } = setup({ refId: 'Anno' });
    const show = screen.getByRole('radiogroup', { name: 'Show' });
    expect(within(show).getByRole('radio', { name: 'Security signals' })).toBeChecked();
    await userEvent.click(
      within(screen.getByRole('radiogroup', { name: 'Source' })).getByRole('radio', { name: 'tetragon' })
    );
    expect(last()).toMatchObject({ queryType: 'signals', source: 'tetragon' });
    await userEvent.type(screen.getByLabelText('Host'), '$host');
    expect(last()).toMatchObject({ host: '$host', source: 'tetragon' });
  });

  it('picks incidents with a minimum score', async () => {
    const { last } = setup({ refId: 'Anno', queryType: 'signals' });
    await userEvent.click(
      within(screen.getByRole('radiogroup', { name: 'Show' })).getByRole('radio', { name: 'Incidents' })
    );
    expect(last()).toMatchObject({ queryType: 'incidents' });
    expect(screen.queryByRole('radiogroup', { name: 'Source' })).not.toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Min score'));
    await userEvent.type(screen.getByLabelText('Min score'), '0.8');
    await userEvent.tab();
    expect(last()).toMatchObject({ queryType: 'incidents', minScore: 0.8 });
  });
});
