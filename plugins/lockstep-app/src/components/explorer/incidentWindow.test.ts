import { readTimeline, type IncidentRecord } from '../../common/read-frames';
import { at, timelineFrames } from '../../panel/testing/fixtures';
import { incidentAnomalies, incidentRange, timelineQuery } from './incidentWindow';

function fixture() {
  const result = readTimeline(timelineFrames());
  if (!result.ok) {
    throw new Error(result.error);
  }
  return { incident: result.value.incidents[0] as IncidentRecord, anomalies: result.value.anomalies };
}

describe('incidentRange', () => {
  it('pads a short incident by 15 minutes on each side', () => {
    const range = incidentRange(fixture().incident, at(600));
    expect([range.from.valueOf(), range.to.valueOf()]).toEqual([at(5), at(45)]);
  });

  it('pads a long incident by half its length, and runs an open one to now', () => {
    const long = { ...fixture().incident, start: at(0), end: at(120) };
    expect(incidentRange(long, at(600)).from.valueOf()).toBe(at(-60));
    const open = { ...fixture().incident, end: undefined };
    expect(incidentRange(open, at(50)).to.valueOf()).toBe(at(50));
  });
});

describe('timelineQuery', () => {
  it("names the incident's entity, and its service only for latency", () => {
    const { incident } = fixture();
    expect(timelineQuery('in-1', incident, 'cpu')).toMatchObject({ host: 'web-1', service: undefined });
    expect(timelineQuery('in-1', incident, 'latency')).toMatchObject({ service: 'shop' });
    expect(timelineQuery('in-1', undefined, 'cpu')).toMatchObject({ incidentId: 'in-1', host: undefined });
  });
});

describe('incidentAnomalies', () => {
  it("takes the incident's own spikes, else those overlapping it", () => {
    const { incident, anomalies } = fixture();
    expect(incidentAnomalies(incident, anomalies).map((a) => a.id)).toEqual(['an-1']);
    expect(incidentAnomalies({ ...incident, anomalies: [] }, anomalies).map((a) => a.id)).toEqual(['an-1']);
  });
});
