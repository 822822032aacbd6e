import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_QUERY, type LockstepQuery } from '../../common/query';
import { instanceSettings } from '../__fixtures__/settings';
import { DataSource } from '../datasource';
import { QueryEditor } from './QueryEditor';

/** The editor as a panel drives it: each change comes back as the new query. */
function setup(initial: LockstepQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const datasource = new DataSource(instanceSettings());
  function Controlled() {
    const [query, setQuery] = React.useState(initial);
    return (
      <QueryEditor
        datasource={datasource}
        query={query}
        onChange={(next) => {
          setQuery(next);
          onChange(next);
        }}
        onRunQuery={onRunQuery}
      />
    );
  }
  render(<Controlled />);
  const last = (): LockstepQuery => onChange.mock.calls.at(-1)?.[0];
  return { onChange, onRunQuery, last };
}

const group = (name: string) => screen.getByRole('radiogroup', { name });

describe('QueryEditor', () => {
  it('shows the query type and the incident options of a new query', () => {
    setup({ refId: 'A', ...DEFAULT_QUERY });
    expect(within(group('Query type')).getByRole('radio', { name: 'Incidents' })).toBeChecked();
    expect(within(group('Status')).getByRole('radio', { name: 'All' })).toBeChecked();
    expect(screen.getByLabelText('Min score')).toHaveValue(0.5);
    expect(screen.getByLabelText('Limit')).toHaveValue(100);
    for (const label of ['Host', 'Container', 'Service']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
  });

  it('changes the query type and runs the query', async () => {
    const { last, onRunQuery } = setup({ refId: 'A', ...DEFAULT_QUERY });
    await userEvent.click(within(group('Query type')).getByRole('radio', { name: 'KPIs' }));
    expect(last()).toMatchObject({ refId: 'A', queryType: 'kpis' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(within(group('KPI')).getByRole('radio', { name: 'By severity' })).toBeChecked();
    await userEvent.click(within(group('KPI')).getByRole('radio', { name: 'Risk' }));
    expect(last()).toMatchObject({ kpi: 'riskExposure' });
  });

  it('takes template variables in the entity fields and runs the query when a field is left', async () => {
    const { last, onRunQuery } = setup({ refId: 'A', queryType: 'signals' });
    await userEvent.type(screen.getByLabelText('Host'), '$host');
    expect(last()).toMatchObject({ host: '$host' });
    expect(onRunQuery).not.toHaveBeenCalled();
    await userEvent.tab();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    await userEvent.clear(screen.getByLabelText('Host'));
    expect(last().host).toBeUndefined();
  });

  it('commits numbers when left, clamped to what the API takes', async () => {
    const { last } = setup({ refId: 'A', queryType: 'incidents' });
    const score = screen.getByLabelText('Min score');
    await userEvent.type(score, '0.75');
    await userEvent.tab();
    expect(last()).toMatchObject({ minScore: 0.75 });
    const limit = screen.getByLabelText('Limit');
    await userEvent.type(limit, '5000');
    await userEvent.tab();
    expect(last()).toMatchObject({ limit: 1000 });
    expect(limit).toHaveValue(1000);
    await userEvent.clear(limit);
    await userEvent.tab();
    expect(last().limit).toBeUndefined();
  });

  it.each<[LockstepQuery['queryType'], string[]]>([
    ['anomalies', ['Metric', 'Limit']],
    ['signals', ['Source', 'Limit']],
    ['timeline', ['Metric', 'Incident']],
    ['processes', ['Incident']],
    ['kpis', ['KPI', 'Step']],
  ])('shows the %s options', (queryType, labels) => {
    setup({ refId: 'A', queryType });
    for (const label of labels) {
      expect(screen.queryByRole('radiogroup', { name: label }) ?? screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.queryByRole('radiogroup', { name: 'Status' })).not.toBeInTheDocument();
  });

  it('sets and clears a signal source and an anomaly metric', async () => {
    const { last } = setup({ refId: 'A', queryType: 'signals' });
    await userEvent.click(within(group('Source')).getByRole('radio', { name: 'falco' }));
    expect(last()).toMatchObject({ source: 'falco' });
    await userEvent.click(within(group('Source')).getByRole('radio', { name: 'Any' }));
    expect(last().source).toBeUndefined();
    await userEvent.click(within(group('Query type')).getByRole('radio', { name: 'Anomalies' }));
    await userEvent.click(within(group('Metric')).getByRole('radio', { name: 'Latency' }));
    expect(last()).toMatchObject({ queryType: 'anomalies', metric: 'latency' });
    await userEvent.click(within(group('Metric')).getByRole('radio', { name: 'Both' }));
    expect(last().metric).toBeUndefined();
  });

  it('names an incident for the timeline', async () => {
    const { last, onRunQuery } = setup({ refId: 'A', queryType: 'timeline' });
    await userEvent.type(screen.getByLabelText('Incident'), '$incident');
    await userEvent.tab();
    expect(last()).toMatchObject({ incidentId: '$incident' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('is reachable by keyboard: the query type first, then the fields', async () => {
    setup({ refId: 'A', queryType: 'incidents' });
    await userEvent.tab();
    expect(within(group('Query type')).getByRole('radio', { name: 'Incidents' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(within(group('Query type')).getByRole('radio', { name: 'Anomalies' })).toBeChecked();
    await userEvent.tab();
    expect(screen.getByLabelText('Host')).toHaveFocus();
  });
});
