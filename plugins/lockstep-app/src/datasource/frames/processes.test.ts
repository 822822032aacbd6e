import { FieldType } from '@grafana/data';
import { FRAME } from '../../common/frames';
import { body } from '../__fixtures__/answers';
import { field, row, values } from '../__fixtures__/frames';
import type { ApiAnomaly, ApiIncident, ApiPage, ApiProcess } from '../api/types';
import { processesFrame, processRows } from './processes';

describe('processes behind a spike', () => {
  const incident = body<ApiIncident>('incident');
  const anomalies = body<ApiPage<ApiAnomaly>>('anomaliesOfIncident').items;

  it('merges the contributors of the incident’s spikes, largest share first, culprit flagged', () => {
    const frame = processesFrame(processRows(incident, anomalies), incident.id);
    expect(frame.name).toBe(FRAME.processes);
    expect(frame.meta?.custom).toEqual({ incidentId: 'inc_8672e622071b1709' });
    expect(frame.length).toBe(2);
    expect(row(frame, 0)).toEqual({
      pid: 52747,
      name: 'xmrig',
      path: '/tmp/.X11-unix/.xm/xmrig',
      command_line: expect.stringContaining('stratum+tcp://pool.supportxmr.com:3333'),
      owner: 'www-data',
      container: null,
      // The CPU spike is still open: its 97.7% is the share measured so far, above the ended latency spike's 97.5%.
      share: 0.977,
      instances: null,
      process: expect.objectContaining({ 'process.pid': 52747 }),
      culprit: true,
    });
    expect(row(frame, 1)).toMatchObject({ pid: 53736, name: 'node', owner: 'app', share: 0.025, culprit: false });
    expect(field(frame, 'instances').config.decimals).toBe(0);
    expect(field(frame, 'share').config.unit).toBe('percentunit');
    expect(field(frame, 'culprit').type).toBe(FieldType.boolean);
  });

  it('keeps a process’s largest share across spikes', () => {
    const [latency, cpu] = anomalies as [ApiAnomaly, ApiAnomaly];
    const ended: ApiAnomaly = {
      ...cpu,
      contributors: [{ ...(latency.contributors[0] as ApiAnomaly['contributors'][0]), share: 0.98 }],
    };
    expect(processRows(incident, [latency, ended]).map((r) => [r.process['process.executable.name'], r.share])).toEqual(
      [
        ['xmrig', 0.98],
        ['node', 0.025],
      ]
    );
  });

  it('tells a reused pid apart by start time: only the culprit’s own process is flagged', () => {
    const [cpu] = anomalies;
    const reused: ApiAnomaly = {
      ...(cpu as ApiAnomaly),
      contributors: [
        {
          process: {
            'process.pid': 52747,
            'process.executable.name': 'sh',
            'process.creation.time': '2026-04-23T11:00:00.000Z',
          },
          share: 0.5,
        },
      ],
    };
    const rows = processRows(incident, [...anomalies, reused]);
    expect(
      rows
        .filter((r) => r.process['process.pid'] === 52747)
        .map((r) => [r.process['process.executable.name'], r.culprit])
    ).toEqual([
      ['xmrig', true],
      ['sh', false],
    ]);
  });

  it('shows an open spike’s contributors as measured so far', () => {
    const openCpu = anomalies.filter((a) => a.metric === 'cpu');
    expect(openCpu).toEqual([expect.objectContaining({ end: null })]);
    const frame = processesFrame(processRows(incident, openCpu), incident.id);
    expect(values(frame, 'name')).toEqual(['xmrig', 'node']);
    expect(row(frame, 0)).toMatchObject({ pid: 52747, share: 0.977, culprit: true });
  });

  it('names the culprit without a share when none of the stored spikes lists it', () => {
    const unlisted = anomalies.map((a) => ({ ...a, contributors: a.contributors.filter((c) => c.share < 0.5) }));
    const rows = processRows(incident, unlisted);
    expect(rows[0]).toMatchObject({ share: null, culprit: true, process: { 'process.pid': 52747 } });
  });

  it('counts the instances of a group, and flags it as the culprit whichever instance represents it', () => {
    const xmrig = (anomalies[0] as ApiAnomaly).contributors[0] as ApiAnomaly['contributors'][0];
    const other = { ...xmrig.process, 'process.pid': 60001, 'process.creation.time': '2026-04-23T10:12:00.000Z' };
    const grouped: ApiAnomaly = {
      ...(anomalies[0] as ApiAnomaly),
      contributors: [{ process: other, share: 0.97, instances: 9 }],
    };
    const named: ApiIncident = { ...incident, culprit: { ...(incident.culprit as ApiProcess), instances: 9 } };
    const frame = processesFrame(processRows(named, [grouped]), incident.id);
    expect(frame.length).toBe(1);
    expect(row(frame, 0)).toMatchObject({ pid: 60001, instances: 9, share: 0.97, culprit: true });
    // Without the group on both sides, another pid of the same program is not the culprit (pids are reused).
    expect(processRows(incident, [{ ...grouped, contributors: [{ process: other, share: 0.97 }] }])[1]).toMatchObject({
      culprit: false,
    });
  });

  it('is an empty frame for an incident without a culprit and no spikes', () => {
    const frame = processesFrame(processRows({ ...incident, culprit: null }, []));
    expect(frame.length).toBe(0);
    expect(values(frame, 'pid')).toEqual([]);
  });
});
