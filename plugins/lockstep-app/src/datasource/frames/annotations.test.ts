import { FRAME } from '../../common/frames';
import { body } from '../__fixtures__/answers';
import { row } from '../__fixtures__/frames';
import type { ApiIncident, ApiPage, ApiSignal } from '../api/types';
import { incidentAnnotations, signalAnnotations } from './annotations';

describe('annotation frames', () => {
  it('makes a signal a point and a folded burst a region, with the tool’s own text', () => {
    const frame = signalAnnotations(body<ApiPage<ApiSignal>>('signals').items);
    expect(frame.name).toBe(FRAME.annotations);
    expect(frame.fields.map((f) => f.name)).toEqual(['time', 'timeEnd', 'title', 'text', 'tags']);
    expect(row(frame, 0)).toEqual({
      time: Date.parse('2026-04-23T10:07:58.822Z'),
      timeEnd: null,
      title: 'falco: Outbound Connection to C2 Servers',
      text: expect.stringContaining('Warning Outbound connection to C2 server (proc_name=xmrig'),
      tags: ['lockstep', 'signal', 'falco', 'medium', 'api-8'],
    });
    expect(row(frame, 1)).toMatchObject({
      title: 'auth: sshd: Failed password (14 times)',
      time: Date.parse('2026-04-23T09:32:00.000Z'),
      timeEnd: Date.parse('2026-04-23T09:35:00.000Z'),
    });
  });

  it('makes an incident a region; an open one runs to the end of the range', () => {
    const end = Date.parse('2026-04-23T12:00:00.000Z');
    const frame = incidentAnnotations(body<ApiPage<ApiIncident>>('incidents').items, end);
    expect(row(frame, 0)).toEqual({
      time: Date.parse('2026-04-23T10:08:00.000Z'),
      timeEnd: end,
      title: 'high incident: xmrig on api-8',
      text: expect.stringMatching(/^[^<]*xmrig/),
      tags: ['lockstep', 'incident', 'high', 'open', 'api-8', 'payments'],
    });
    expect(row(frame, 1)).toMatchObject({
      timeEnd: Date.parse('2026-04-23T09:42:00.000Z'),
      title: 'medium incident: gzip on web-1',
    });
  });

  it('passes hostile strings through as data, unchanged and never split', () => {
    const hostile = '<img src=x onerror=alert(1)>, "><script>alert(2)</script>';
    const [signal] = body<ApiPage<ApiSignal>>('signals').items;
    const frame = signalAnnotations([
      { ...(signal as ApiSignal), rule: hostile, output: hostile, entity: { 'host.name': hostile } },
    ]);
    expect(row(frame, 0)).toMatchObject({ title: `falco: ${hostile}`, text: hostile });
    expect((row(frame, 0).tags as string[]).at(-1)).toBe(hostile);
  });
});
