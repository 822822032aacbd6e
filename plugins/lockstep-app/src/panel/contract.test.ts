import answers from '../datasource/__fixtures__/api-answers.json';
import { anomaliesFrame } from '../datasource/frames/anomalies';
import { incidentsFrame } from '../datasource/frames/incidents';
import { seriesFrame } from '../datasource/frames/series';
import { signalsFrame } from '../datasource/frames/signals';
import type { ApiTimeline } from '../datasource/api/types';
import { readTimeline } from '../common/read-frames';

/**
 * The panel reads what the data source really makes: its frame builders fed with the correlator's own answer
 * (recorded from the query API), read back with the panel's reader.
 */
describe('the data source frames, read by the panel', () => {
  const timeline = answers.timelineCpu.body as unknown as ApiTimeline;
  const result = readTimeline([
    seriesFrame(timeline),
    anomaliesFrame(timeline.anomalies),
    signalsFrame(timeline.signals),
    incidentsFrame(timeline.incidents),
  ]);

  it('reads every frame', () => {
    expect(result.ok).toBe(true);
  });

  const value = result.ok ? result.value : undefined;

  it('reads the series with its metric and unit', () => {
    expect(value?.series[0]).toMatchObject({ metric: 'cpu', unit: '1' });
    expect(value?.series[0]?.times).toHaveLength(timeline.series.length);
  });

  it("reads the incident's culprit, signals and summaries", () => {
    const api = timeline.incidents[0];
    const incident = value?.incidents[0];
    expect(incident).toMatchObject({
      id: api?.id,
      severity: api?.severity,
      end: undefined,
      culprit: {
        pid: api?.culprit?.['process.pid'],
        name: api?.culprit?.['process.executable.name'],
        commandLine: api?.culprit?.['process.command_line'],
        owner: api?.culprit?.['process.owner'],
        parentChain: api?.culprit?.['process.parent_chain'],
      },
      summary: api?.summary,
    });
    expect(incident?.signals.map((s) => s.rule)).toEqual(api?.signals.map((s) => s.rule));
  });

  it('reads the signals and the anomalies', () => {
    expect(value?.signals?.map((s) => [s.rule, s.process?.pid])).toEqual(
      timeline.signals.map((s) => [s.rule, s.process?.['process.pid']])
    );
    expect(value?.anomalies.map((a) => a.id)).toEqual(timeline.anomalies.map((a) => a.id));
  });
});
