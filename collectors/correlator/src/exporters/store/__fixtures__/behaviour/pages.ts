import type { Incident } from '@lockstep/contract';
import { incident, iso, MINUTE, T0 } from '../records';
import { decodeCursor, encodeCursor } from '../../cursor';
import type { IncidentStore } from '../../store';
import type { StoreUnderTest } from './harness';

/** Several incidents share a start, so ordering must fall back to the id. */
function seeded(n: number): Incident {
  return incident({ id: `i${String(n).padStart(3, '0')}`, start: iso(T0 + Math.floor(n / 3) * MINUTE) });
}

export function pagesBehaviour(subject: StoreUnderTest): void {
  let store: IncidentStore;
  beforeEach(async () => {
    store = await subject.open();
  });
  afterEach(() => store.close());

  it('round-trips a cursor', () => {
    expect(decodeCursor('incidents', encodeCursor('incidents', { time: T0, id: 'a"b\n' }))).toEqual({
      time: T0,
      id: 'a"b\n',
    });
  });

  const made = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['a time before the epoch and an empty id', made([-1, ''])],
    ['the old two-element form', made([T0, 'i001'])],
    ['another list', encodeCursor('anomalies', { time: T0, id: 'an_1' })],
    ['an empty id', made(['incidents', T0, ''])],
    ['a fractional time', made(['incidents', 1.5, 'x'])],
    ['a spelling the encoder never writes', `${encodeCursor('incidents', { time: T0, id: 'x' })}=`],
  ])('refuses a made-up cursor: %s', async (_name, cursor) => {
    // SQLite throws at once, PostgreSQL rejects: both refuse.
    await expect(Promise.resolve().then(() => store.listIncidents({ limit: 5, cursor }))).rejects.toThrow(
      /not one this API returned/,
    );
  });

  it('walks every row once, newest first, with next absent on the last page', async () => {
    for (let n = 0; n < 20; n++) await store.putIncident(seeded(n), true);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listIncidents({ limit: 7, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, n) => seeded(19 - n).id));
  });

  it('has no next when the rows exactly fill the page', async () => {
    for (let n = 0; n < 5; n++) await store.putIncident(seeded(n), true);
    expect((await store.listIncidents({ limit: 5 })).next).toBeUndefined();
  });

  it('neither repeats nor skips rows while new ones are inserted between pages', async () => {
    for (let n = 0; n < 30; n++) await store.putIncident(seeded(n), true);
    const original = new Set(Array.from({ length: 30 }, (_, n) => seeded(n).id));
    const seen: string[] = [];
    let cursor: string | undefined;
    let extra = 0;
    do {
      const page = await store.listIncidents({ limit: 4, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next;
      // One newer than everything (ahead of the cursor) and one older than everything (behind it).
      await store.putIncident(incident({ id: `new${extra}`, start: iso(T0 + 1000 * MINUTE) }), true);
      await store.putIncident(incident({ id: `old${extra}`, start: iso(T0 - 1000 * MINUTE - extra) }), true);
      extra++;
    } while (cursor !== undefined);

    expect(new Set(seen).size).toBe(seen.length);
    for (const id of original) expect(seen).toContain(id);
    expect(seen.filter((id) => id.startsWith('new'))).toEqual([]);
    // Rows inserted behind the cursor are reached, oldest last.
    expect(seen.filter((id) => id.startsWith('old'))).toEqual(Array.from({ length: extra - 1 }, (_, k) => `old${k}`));
  });
}
