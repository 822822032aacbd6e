import { FieldType } from '@grafana/data';
import { FRAME } from '../../common/frames';
import { body } from '../__fixtures__/answers';
import { field, row, values } from '../__fixtures__/frames';
import type { ApiAnomaly, ApiIncident, ApiPage } from '../api/types';
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
      // The CPU spike is still open, and the live store holds an open spike without contributors (they are worked
      // out when it ends): the latency spike's 97.5% is what names xmrig here.
      share: 0.975,
      process: expect.objectContaining({ 'process.pid': 52747 }),
      culprit: true,
    });
    expect(row(frame, 1)).toMatchObject({ pid: 53736, name: 'node', owner: 'app', share: 0.025, culprit: false });
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

  it('names the culprit without a share while the spikes that measure it are open', () => {
    const openCpu = anomalies.filter((a) => a.metric === 'cpu');
    expect(openCpu).toEqual([expect.objectContaining({ end: null, contributors: [] })]);
    const frame = processesFrame(processRows(incident, openCpu), incident.id);
    expect(frame.length).toBe(1);
    expect(row(frame, 0)).toMatchObject({ pid: 52747, name: 'xmrig', share: null, culprit: true });
  });

  it('is an empty frame for an incident without a culprit and no spikes', () => {
    const frame = processesFrame(processRows({ ...incident, culprit: null }, []));
    expect(frame.length).toBe(0);
    expect(values(frame, 'pid')).toEqual([]);
  });
});
