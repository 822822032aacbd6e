import { createDataFrame, FieldType } from '@grafana/data';
import { readTimeline } from '../../common/read-frames';
import { at, timelineFrames } from '../testing/fixtures';
import {
  annotationMarkers,
  clusterMarkers,
  markerHolds,
  placeMarkers,
  signalMarkers,
  type Marker,
  type PlacedMarker,
} from './markers';

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

describe('clusterMarkers', () => {
  const marker = (key: string, severity: Marker['severity'], kind: Marker['kind'] = 'signal'): Marker => ({
    key,
    kind,
    time: 0,
    severity,
    label: `${severity} ${key}`,
  });
  const at = (x: number, m: Marker): PlacedMarker => ({ x, marker: m });

  it('keeps markers at least the gap apart as they are', () => {
    const placed = [at(0, marker('a', 'low')), at(6, marker('b', 'high')), at(20, marker('c', 'info'))];
    expect(clusterMarkers(placed, 6)).toEqual(placed);
  });

  it('merges close markers into the most severe one, naming how many it stands for', () => {
    const placed = [at(10, marker('a', 'low')), at(12, marker('b', 'critical')), at(15, marker('c', 'medium'))];
    const [merged, ...rest] = clusterMarkers(placed, 6);
    expect(rest).toEqual([]);
    expect(merged?.x).toBe(12);
    expect(merged?.marker).toMatchObject({ severity: 'critical', key: 'cluster:b' });
    expect(merged?.marker.label).toBe('3 signals here, the most severe: critical b');
    expect(merged?.marker.members?.map((m) => m.key)).toEqual(['a', 'b', 'c']);
    expect(markerHolds(merged!.marker, 'c')).toBe(true);
    expect(markerHolds(merged!.marker, 'z')).toBe(false);
  });

  it('never merges signals with annotations, and bounds 2,000 markers on 600 px to about 100', () => {
    const mixed = [at(10, marker('a', 'low')), at(11, marker('n', 'info', 'annotation'))];
    expect(clusterMarkers(mixed, 6)).toHaveLength(2);
    const many = Array.from({ length: 2000 }, (_, i) => at((i * 600) / 2000, marker(`m${i}`, 'high')));
    const clustered = clusterMarkers(many, 6);
    expect(clustered.length).toBeLessThanOrEqual(101);
    expect(clustered.reduce((n, p) => n + (p.marker.members?.length ?? 1), 0)).toBe(2000);
  });
});
