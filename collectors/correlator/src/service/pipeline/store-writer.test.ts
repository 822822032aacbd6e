import type { IncidentStore } from '../../exporters/store/store';
import { SqliteStore } from '../../exporters/store/sqlite';
import { StoreUnavailableError } from '../../exporters/store/unavailable';
import { incident } from '../../exporters/store/__fixtures__/records';
import { StoreWriter } from './store-writer';

/**
 * The writer's promise when the store cannot commit: nothing behind a failed write commits before it, waiting
 * requests hear "not stored" at once, and the writes go in, in order, once the store is back. The store is a real
 * SQLite store whose writes are made to fail while `down` is set, as a full disk or a lost database would.
 */
function flakyStore(): { store: IncidentStore; sqlite: SqliteStore; down: { value: boolean }; order: string[] } {
  const sqlite = new SqliteStore(':memory:');
  const down = { value: false };
  const order: string[] = [];
  const store = Object.create(sqlite) as IncidentStore;
  store.putIncident = async (value, final) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (down.value) throw new StoreUnavailableError('the database is restarting');
    order.push(value.id);
    sqlite.putIncident(value, final);
  };
  return { store, sqlite, down, order };
}

describe('StoreWriter when the store cannot commit', () => {
  it('keeps the writes queued in order, answers waiters false at once, and commits them all once the store is back', async () => {
    const { store, sqlite, down, order } = flakyStore();
    const events: string[] = [];
    const writer = new StoreWriter(store, {
      onUnavailable: (reason) => events.push(`down: ${reason}`),
      onRecovered: () => events.push('up'),
    });
    writer.enqueue((s) => s.putIncident(incident({ id: 'a' }), true));
    expect(await writer.written()).toBe(true);

    down.value = true;
    for (const id of ['b', 'c', 'd']) writer.enqueue((s) => s.putIncident(incident({ id }), true));
    expect(await writer.written()).toBe(false);
    expect(writer.unavailable?.reason).toBe('the database is restarting');
    expect(writer.unavailable?.message).toBe('the incident store cannot write: the database is restarting');
    // Asked while the store is down: answered at once, never left waiting for the outage to end.
    expect(await writer.written()).toBe(false);
    expect(writer.backlog).toBe(3);

    down.value = false;
    await writer.drained();
    expect(writer.unavailable).toBeUndefined();
    expect(await writer.written()).toBe(true);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(events).toEqual(['down: the database is restarting', 'up']);
    expect(['b', 'c', 'd'].map((id) => sqlite.getIncident(id)?.id)).toEqual(['b', 'c', 'd']);
    sqlite.close();
  });

  it('stops a round at a synchronous "cannot commit", so nothing behind it commits first', async () => {
    const sqlite = new SqliteStore(':memory:');
    const committed: string[] = [];
    let refuse = true;
    const store = Object.create(sqlite) as IncidentStore;
    store.putIncident = (value) => {
      if (value.id === 'x' && refuse) {
        refuse = false;
        throw new StoreUnavailableError('disk full');
      }
      committed.push(value.id);
    };
    const writer = new StoreWriter(store);
    for (const id of ['w', 'x', 'y']) writer.enqueue((s) => s.putIncident(incident({ id }), true));
    await writer.drained();
    expect(committed).toEqual(['w', 'x', 'y']);
    sqlite.close();
  });

  it('counts a write that fails for good and goes on with the rest', async () => {
    const sqlite = new SqliteStore(':memory:');
    const errors: unknown[] = [];
    const writer = new StoreWriter(sqlite, { onError: (error) => errors.push(error) });
    writer.enqueue(() => {
      throw new TypeError('incident.start is not an ISO-8601 time');
    });
    writer.enqueue((s) => s.putIncident(incident({ id: 'kept' }), true));
    expect(await writer.written()).toBe(true);
    expect(writer.failures).toBe(1);
    expect(errors).toHaveLength(1);
    expect(sqlite.getIncident('kept')?.id).toBe('kept');
    sqlite.close();
  });

  it('treats SQLite\'s "disk full" (by its code) as the PostgreSQL store\'s "cannot commit": kept and retried, in order', async () => {
    const sqlite = new SqliteStore(':memory:');
    const committed: string[] = [];
    let full = 2;
    const store = Object.create(sqlite) as IncidentStore;
    store.putIncident = (value) => {
      if (value.id === 'q' && full > 0) {
        full -= 1;
        // What better-sqlite3 throws when the WAL cannot grow.
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
      committed.push(value.id);
    };
    const reasons: string[] = [];
    const writer = new StoreWriter(store, { onUnavailable: (reason) => reasons.push(reason) });
    for (const id of ['p', 'q', 'r']) writer.enqueue((s) => s.putIncident(incident({ id }), true));
    expect(await writer.written()).toBe(false);
    expect(writer.unavailable?.message).toBe('the incident store cannot write: database or disk is full');
    await writer.drained();
    expect(committed).toEqual(['p', 'q', 'r']);
    expect(reasons).toEqual(['database or disk is full']);
    expect(writer.failures).toBe(0);
    sqlite.close();
  });
});
