import { createDataFrame, FieldType } from '@grafana/data';
import {
  anomaliesFrame,
  at,
  incidentsFrame,
  PLAIN,
  seriesFrame,
  signalsFrame,
  timelineFrames,
} from '../panel/testing/fixtures';
import { readIncidents, readTimeline } from './read-frames';

describe('readTimeline', () => {
  it('reads the series, anomalies, signals and incidents frames by name', () => {
    const result = readTimeline(timelineFrames());
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    const { series, anomalies, signals, incidents } = result.value;
    expect(series[0]).toMatchObject({ name: 'series', metric: 'cpu', unit: '1' });
    expect(series[0]?.times).toHaveLength(361);
    expect(anomalies.map((a) => [a.id, a.end])).toEqual([
      ['an-1', at(30)],
      ['an-2', undefined],
    ]);
    expect(anomalies[0]?.contributors[0]).toEqual({
      process: { pid: 4242, name: 'xmrig', creationTime: at(19) },
      share: 0.82,
    });
    expect(signals?.[0]).toMatchObject({ time: at(21), timeEnd: at(23), severity: 'critical', count: 3 });
    expect(incidents[0]).toMatchObject({
      id: 'in-1',
      severity: 'high',
      score: 0.9,
      host: PLAIN.host,
      anomalies: ['an-1'],
      culprit: {
        pid: 4242,
        name: PLAIN.name,
        path: PLAIN.path,
        commandLine: PLAIN.commandLine,
        owner: PLAIN.owner,
        parentPid: 4000,
        creationTime: at(19),
        containerId: PLAIN.container,
        parentChain: ['bash', 'sshd', 'systemd'],
      },
      summary: { ops: PLAIN.summary },
    });
    expect(incidents[0]?.signals).toHaveLength(2);
  });

  it('is an empty timeline without frames, and leaves signals undefined without a signals frame', () => {
    expect(readTimeline([])).toEqual({
      ok: true,
      value: { series: [], anomalies: [], signals: undefined, incidents: [] },
    });
  });

  it('says which field a frame lacks', () => {
    const bad = createDataFrame({ name: 'incidents', fields: [{ name: 'id', type: FieldType.string, values: ['x'] }] });
    expect(readTimeline([bad])).toEqual({
      ok: false,
      error:
        'The incidents frame has no "start" field, so the panel cannot read it: update the Lockstep data source and ' +
        'panel to the same version.',
    });
  });

  it('says what it expected when no frame is a timeline', () => {
    const table = createDataFrame({ name: 'other', fields: [{ name: 'a', type: FieldType.string, values: ['x'] }] });
    const result = readTimeline([table]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/Entity timeline/);
  });

  it('reads a foreign time series (e.g. Prometheus CPU) as the series', () => {
    const prom = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2] },
        { name: 'cpu', type: FieldType.number, values: [0.5, 0.7] },
      ],
    });
    const result = readTimeline([prom, incidentsFrame()]);
    expect(result.ok && result.value.series).toEqual([{ name: 'cpu', times: [1, 2], values: [0.5, 0.7] }]);
  });

  it('skips unreadable rows and values instead of failing', () => {
    const frame = createDataFrame({
      name: 'incidents',
      fields: [
        { name: 'id', type: FieldType.string, values: ['ok', null] },
        { name: 'start', type: FieldType.time, values: [1, 2] },
        { name: 'culprit', type: FieldType.other, values: ['{not json', {}] },
        { name: 'signals', type: FieldType.other, values: [[{ time: 'never' }, 'x', { time: 5, rule: 'r' }], null] },
        { name: 'severity', type: FieldType.string, values: ['apocalyptic', 'low'] },
      ],
    });
    const result = readTimeline([frame]);
    const incidents = result.ok ? result.value.incidents : [];
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ id: 'ok', culprit: null, severity: 'info' });
    expect(incidents[0]?.signals.map((s) => s.time)).toEqual([5]);
  });

  it('reads nested objects a data source sent as JSON text', () => {
    const frame = createDataFrame({
      name: 'incidents',
      fields: [
        { name: 'id', type: FieldType.string, values: ['a'] },
        { name: 'start', type: FieldType.time, values: ['2026-03-01T12:00:00Z'] },
        { name: 'culprit', type: FieldType.string, values: ['{"process.pid":1,"process.executable.name":"x"}'] },
      ],
    });
    const result = readTimeline([frame]);
    expect(result.ok && result.value.incidents[0]?.culprit).toEqual({ pid: 1, name: 'x' });
    expect(result.ok && result.value.incidents[0]?.start).toBe(Date.parse('2026-03-01T12:00:00Z'));
  });

  it('reads the changes before a spike and the business terms, dropping unreadable entries', () => {
    const change = { time: '2026-03-01T11:55:00Z', kind: 'deploy', summary: 'checkout 1.4.2', source: 'change' };
    const frame = createDataFrame({
      name: 'incidents',
      fields: [
        { name: 'id', type: FieldType.string, values: ['a', 'b'] },
        { name: 'start', type: FieldType.time, values: [1, 2] },
        { name: 'changes', type: FieldType.other, values: [[change, { kind: 'no time' }, 'junk'], []] },
        {
          name: 'business',
          type: FieldType.other,
          values: [{ service: 'checkout', name: 'Online order processing', tier: 1, data_classes: ['PCI', 3] }, null],
        },
      ],
    });
    const result = readTimeline([frame]);
    const [a, b] = result.ok ? result.value.incidents : [];
    expect(a?.changes).toEqual([
      { time: Date.parse(change.time), kind: 'deploy', summary: 'checkout 1.4.2', source: 'change' },
    ]);
    expect(a?.business).toEqual({
      service: 'checkout',
      name: 'Online order processing',
      tier: 1,
      dataClasses: ['PCI'],
    });
    expect(b).not.toHaveProperty('changes');
    expect(b).not.toHaveProperty('business');
  });

  it('takes the signal process from its columns when the process object is absent', () => {
    const frame = signalsFrame();
    frame.fields = frame.fields.filter((f) => f.name !== 'process');
    const result = readTimeline([seriesFrame(2), anomaliesFrame(), frame]);
    expect(result.ok && result.value.signals?.[0]?.process).toEqual({ name: 'xmrig', pid: 4242 });
  });
});

describe('readIncidents', () => {
  it('reads the incidents frame', () => {
    const result = readIncidents([incidentsFrame()]);
    expect(result.ok && result.value.map((i) => i.id)).toEqual(['in-1']);
  });

  it('is an empty list without frames and an error without an incidents frame', () => {
    expect(readIncidents([])).toEqual({ ok: true, value: [] });
    expect(readIncidents([seriesFrame(1)]).ok).toBe(false);
  });
});
