import { createDataFrame, FieldType } from '@grafana/data';
import { readTimeline } from '../../shared/read-frames';
import { at, timelineFrames } from '../testing/fixtures';
import { annotationMarkers, placeMarkers, signalMarkers } from './markers';

const fmt = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

function signals() {
  const result = readTimeline(timelineFrames());
  if (!result.ok || !result.value.signals) {
    throw new Error('fixture');
  }
  return result.value.signals;
}

describe('signalMarkers', () => {
  it('marks every signal at its time, oldest first, with an accessible label', () => {
    const markers = signalMarkers([...signals()].reverse(), 'info', fmt);
    expect(markers.map((m) => [m.time, m.severity])).toEqual([
      [at(21), 'critical'],
      [at(22), 'medium'],
      [at(40), 'low'],
    ]);
    expect(markers[0]?.label).toBe(
      'Critical falco signal on xmrig (pid 4242): Detect crypto miners using the Stratum protocol at 12:21:00, 3 times'
    );
  });

  it.each([
    ['info', 3],
    ['low', 3],
    ['medium', 2],
    ['high', 1],
    ['critical', 1],
  ] as const)('keeps signals at or above %s', (min, count) => {
    expect(signalMarkers(signals(), min, fmt)).toHaveLength(count);
  });

  it('marks a signal once even when it comes twice', () => {
    expect(signalMarkers([...signals(), ...signals()], 'info', fmt)).toHaveLength(3);
  });
});

describe('annotationMarkers', () => {
  it("reads the dashboard's annotation frames (time, title or text)", () => {
    const frame = createDataFrame({
      refId: 'Anno',
      fields: [
        { name: 'time', type: FieldType.time, values: [at(5), 'not a time'] },
        { name: 'text', type: FieldType.string, values: ['Deploy <b>v2</b>', 'x'] },
      ],
    });
    const markers = annotationMarkers([frame], fmt);
    expect(markers).toEqual([
      expect.objectContaining({ kind: 'annotation', time: at(5), label: 'Annotation at 12:05:00: Deploy <b>v2</b>' }),
    ]);
  });

  it('is empty without annotations', () => {
    expect(annotationMarkers(undefined, fmt)).toEqual([]);
  });
});

describe('placeMarkers', () => {
  it('places markers with valToPos and drops those outside the plotting area', () => {
    const toX = (t: number): number => (t - at(0)) / 6000; // 600 px for an hour
    const markers = signalMarkers(signals(), 'info', fmt);
    const placed = placeMarkers(markers, toX, 300);
    expect(placed.map((p) => p.x)).toEqual([210, 220]);
  });
});
