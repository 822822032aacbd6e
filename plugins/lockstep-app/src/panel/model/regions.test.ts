import { readTimeline } from '../../common/read-frames';
import { at, timelineFrames } from '../testing/fixtures';
import { placeRegions, spikeRegions } from './regions';

const fmt = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
const range = { from: at(0), to: at(60) };

function timeline() {
  const result = readTimeline(timelineFrames());
  if (!result.ok) {
    throw new Error(result.error);
  }
  return result.value;
}

describe('spikeRegions', () => {
  it('shades each incident and only the anomalies no incident explains', () => {
    const t = timeline();
    const regions = spikeRegions(t.anomalies, t.incidents, range, fmt);
    expect(regions.map((r) => [r.key, r.kind, r.from, r.to, r.open])).toEqual([
      ['incident:in-1', 'incident', at(20), at(30), false],
      ['anomaly:an-2', 'anomaly', at(50), at(60), true],
    ]);
  });

  it('runs an open window to the end of the range and says so', () => {
    const t = timeline();
    const open = spikeRegions(t.anomalies, [], { from: at(0), to: at(55) }, fmt).find((r) => r.key === 'anomaly:an-2');
    expect(open).toMatchObject({ from: at(50), to: at(55), open: true });
    expect(open?.label).toBe('CPU spike without security evidence: 12:50:00 to still open');
  });

  it.each([
    ['before the range', { from: at(31), to: at(49) }, []],
    ['clipped at the start', { from: at(25), to: at(45) }, [[at(25), at(30)]]],
  ])('clips windows to the range (%s)', (_name, r, expected) => {
    const t = timeline();
    expect(spikeRegions([], t.incidents, r, fmt).map((x) => [x.from, x.to])).toEqual(expected);
  });

  it('names the incident, its severity and score in the label', () => {
    const t = timeline();
    expect(spikeRegions([], t.incidents, range, fmt)[0]?.label).toBe(
      'Incident in-1 (high, score 0.90): 12:20:00 to 12:30:00'
    );
  });
});

describe('placeRegions', () => {
  const toX = (t: number): number => ((t - range.from) / (range.to - range.from)) * 600;
  const region = (from: number, to: number) => ({
    key: 'k',
    kind: 'anomaly' as const,
    from,
    to,
    open: false,
    label: '',
  });

  it('maps times to pixels with the given valToPos', () => {
    expect(placeRegions([region(at(20), at(30))], toX, 600)).toEqual([
      { region: region(at(20), at(30)), left: 200, width: 100 },
    ]);
  });

  it('keeps a short spike at least 2 px wide and drops windows outside the plot', () => {
    const placed = placeRegions([region(at(20), at(20)), region(at(70), at(80))], toX, 600);
    expect(placed.map((p) => [p.left, p.width])).toEqual([[200, 2]]);
  });
});
