import { readTimeline, type IncidentRecord, type SeriesRecord } from '../../common/read-frames';
import { at, incidentsFrame, timelineFrames } from '../testing/fixtures';
import { sameProcess } from '../../common/process-identity';
import { culpritShares, orderedSignals, pickIncident, pickSeries } from './incident';

function timeline(frames = timelineFrames()) {
  const result = readTimeline(frames);
  if (!result.ok) {
    throw new Error(result.error);
  }
  return result.value;
}

describe('pickSeries', () => {
  const s = (name: string, metric?: string, points = 1): SeriesRecord => ({
    name,
    metric,
    times: Array(points).fill(0),
    values: Array(points).fill(0),
  });

  it.each([
    ['auto', 'cpu'],
    ['cpu', 'cpu'],
    ['latency', 'latency'],
  ] as const)('%s picks the %s series', (choice, expected) => {
    expect(pickSeries([s('a', 'cpu'), s('b', 'latency')], choice)?.metric).toBe(expected);
  });

  it('falls back to the first series with points when the chosen metric is absent', () => {
    expect(pickSeries([s('empty', 'cpu', 0), s('prom')], 'latency')?.name).toBe('prom');
  });
});

describe('pickIncident', () => {
  const incidents = timeline([
    incidentsFrame(undefined, [
      { id: 'old', start: at(1), end: at(2) },
      { id: 'new-no-culprit', start: at(40), end: null, culprit: null },
      { id: 'mid', start: at(20), end: at(30) },
    ]),
  ]).incidents;

  it('takes the named incident', () => {
    expect(pickIncident(incidents, 'old')?.id).toBe('old');
  });

  it('otherwise takes the latest incident that names a culprit', () => {
    expect(pickIncident(incidents)?.id).toBe('mid');
    expect(pickIncident(incidents, 'gone')?.id).toBe('mid');
  });

  it('is undefined without incidents', () => {
    expect(pickIncident([])).toBeUndefined();
  });
});

describe('culpritShares', () => {
  it("reads the culprit's share from the contributors of the incident's anomalies", () => {
    const t = timeline();
    const incident = t.incidents[0] as IncidentRecord;
    expect(culpritShares(incident, t.anomalies)).toEqual([{ anomalyId: 'an-1', metric: 'cpu', share: 0.82 }]);
  });

  it('does not count a reused pid whose start time differs', () => {
    const t = timeline();
    const incident = t.incidents[0] as IncidentRecord;
    const reused = { ...incident, culprit: { ...incident.culprit, creationTime: at(-100) } };
    expect(culpritShares(reused, t.anomalies)).toEqual([]);
  });

  it('is empty without a culprit', () => {
    const t = timeline();
    expect(culpritShares({ ...(t.incidents[0] as IncidentRecord), culprit: null }, t.anomalies)).toEqual([]);
  });
});

describe('sameProcess', () => {
  it.each([
    [{ pid: 1 }, { pid: 1 }, true],
    [{ pid: 1, creationTime: 5 }, { pid: 1 }, true],
    [{ pid: 1, creationTime: 5 }, { pid: 1, creationTime: 6 }, false],
    [{ pid: 1 }, { pid: 2 }, false],
    [{}, {}, false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(sameProcess(a, b)).toBe(expected);
  });
});

describe('orderedSignals', () => {
  it("lists the culprit's own signals first", () => {
    const incident = timeline().incidents[0] as IncidentRecord;
    const reversed = { ...incident, signals: [...incident.signals].reverse() };
    expect(orderedSignals(reversed).map((s) => s.process?.pid)).toEqual([4242, 4000]);
  });
});
