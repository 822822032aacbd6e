import { FieldType } from '@grafana/data';
import { FRAME } from '../../common/frames';
import { EXPLORER_PATH } from '../../common/links';
import { body } from '../__fixtures__/answers';
import { field, row } from '../__fixtures__/frames';
import type { ApiIncident, ApiPage } from '../api/types';
import { incidentsFrame } from './incidents';
import { incidentLinks } from './links';

describe('incidents frame', () => {
  const incidents = body<ApiPage<ApiIncident>>('incidents').items;
  const frame = incidentsFrame(incidents, incidentLinks({ uid: 'lockstep', name: 'Lockstep' }));

  it('has one row per incident, in the order the API lists them (newest first), shown as a table', () => {
    expect(frame.name).toBe(FRAME.incidents);
    expect(frame.length).toBe(2);
    expect(frame.meta?.preferredVisualisationType).toBe('table');
    expect(field(frame, 'start').type).toBe(FieldType.time);
  });

  it('flattens the open miner incident into named fields and keeps its objects for the panel', () => {
    expect(row(frame, 0)).toEqual({
      id: 'inc_8672e622071b1709',
      start: Date.parse('2026-04-23T10:08:00.000Z'),
      end: null,
      status: 'open',
      severity: 'high',
      score: 0.9,
      host: 'api-8',
      container: null,
      service: 'payments',
      culprit_name: 'xmrig',
      culprit_pid: 52747,
      culprit: incidents[0]?.culprit,
      signals: incidents[0]?.signals,
      anomalies: ['an_3215982483b41bc7', 'an_f873e66368b9b5de'],
      changes: [],
      business: null,
      summary_ops: incidents[0]?.summary.ops,
      summary_security: incidents[0]?.summary.security,
      summary_business: incidents[0]?.summary.business,
    });
    expect(row(frame, 1)).toMatchObject({
      id: 'inc_resolved_web1',
      end: Date.parse('2026-04-23T09:42:00.000Z'),
      container: 'c0ffee'.repeat(10) + 'c0ff',
      culprit_name: 'gzip',
    });
  });

  it('keeps nested objects out of tables and legends', () => {
    for (const name of ['culprit', 'signals', 'anomalies']) {
      expect(field(frame, name).type).toBe(FieldType.other);
      expect(field(frame, name).config.custom).toMatchObject({ hidden: true, hideFrom: { viz: true } });
    }
  });

  it('links each id to the explorer page (id percent-encoded) and to Explore with the incident timeline', () => {
    const [explorer, explore] = field(frame, 'id').config.links ?? [];
    expect(explorer?.url).toBe(`${EXPLORER_PATH}?incident=\${__value.raw:percentencode}`);
    expect(explorer?.url.startsWith('/a/lockstep-app/')).toBe(true);
    expect(explore).toEqual({
      title: 'Explore the spike (entity timeline)',
      url: '',
      internal: {
        datasourceUid: 'lockstep',
        datasourceName: 'Lockstep',
        query: { refId: 'A', queryType: 'timeline', metric: 'cpu', incidentId: '${__value.raw}' },
      },
    });
  });

  it('makes an empty frame with every field for no incidents', () => {
    const empty = incidentsFrame([]);
    expect(empty.length).toBe(0);
    expect(empty.fields.map((f) => f.name)).toEqual(frame.fields.map((f) => f.name));
  });
});
