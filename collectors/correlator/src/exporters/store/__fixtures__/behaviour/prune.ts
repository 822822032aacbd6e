import { anomaly, incident, iso, MINUTE, signal, T0 } from './__fixtures__/records';
import { SqliteStore } from './sqlite';

describe('prune', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });
  afterEach(() => store.close());

  const at = (minutes: number): string => iso(T0 + minutes * MINUTE);
  const cited = (id: string, minutes: number, rule: string) => signal({ id, rule, time: at(minutes) });

  it('deletes what ended before the cut-off unless a kept incident references it', () => {
    store.putAnomaly(anomaly({ id: 'a-old', start: at(-130), end: at(-125) }), true);
    store.putAnomaly(anomaly({ id: 'a-cited', start: at(-180), end: at(-175) }), true);
    store.putAnomaly(anomaly({ id: 'a-open', start: at(-200), end: null }), false);
    store.putAnomaly(anomaly({ id: 'a-new', start: at(-10), end: at(5) }), true);
    store.putSignals([
      cited('s-old', -128, 'old rule'),
      cited('s-cited', -178, 'cited rule'),
      cited('s-stray', -300, 'stray rule'),
      cited('s-new', 1, 'new rule'),
    ]);
    const evidence = (s: ReturnType<typeof cited>) => ({
      source: s.source,
      rule: s.rule,
      severity: s.severity,
      time: s.time,
    });
    store.putIncident(
      incident({
        id: 'resolved-old',
        start: at(-130),
        end: at(-120),
        anomalies: ['a-old'],
        signals: [evidence(cited('s-old', -128, 'old rule'))],
      }),
      true,
    );
    store.putIncident(
      incident({
        id: 'open-old',
        status: 'open',
        start: at(-180),
        end: null,
        anomalies: ['a-cited'],
        signals: [evidence(cited('s-cited', -178, 'cited rule'))],
      }),
      false,
    );
    store.putIncident(incident({ id: 'resolved-new', start: at(-10), end: at(10) }), true);
    store.noteEntities([
      { host: 'gone', kind: 'metrics', time: T0 - 500 * MINUTE },
      { host: 'web-1', kind: 'metrics', time: T0 },
    ]);

    // resolved-old, a-old, s-old, s-stray, the "gone" entity.
    expect(store.prune(T0)).toBe(5);

    expect(
      store
        .listIncidents({ limit: 10 })
        .items.map((i) => i.id)
        .sort(),
    ).toEqual(['open-old', 'resolved-new']);
    expect(
      store
        .listAnomalies({ limit: 10 })
        .items.map((a) => a.id)
        .sort(),
    ).toEqual(['a-cited', 'a-new', 'a-open']);
    expect(
      store
        .listSignals({ limit: 10 })
        .items.map((s) => s.id)
        .sort(),
    ).toEqual(['s-cited', 's-new']);
    expect(store.kpis({}).coverage).toEqual({ both: 0, metricsOnly: 1, signalsOnly: 0 });
    expect(store.prune(T0)).toBe(0);
  });

  it('releases what an incident referenced once the incident itself goes', () => {
    store.putAnomaly(anomaly({ id: 'a', start: at(-60), end: at(-50) }), true);
    store.putIncident(incident({ id: 'i', start: at(-60), end: at(-5), anomalies: ['a'] }), true);
    expect(store.prune(T0 - 10 * MINUTE)).toBe(0);
    expect(store.prune(T0)).toBe(2);
  });

  it('prunes more rows than one batch', () => {
    store.putSignals(Array.from({ length: 4500 }, (_, n) => signal({ id: `s${n}`, time: iso(T0 - 10 * MINUTE + n) })));
    expect(store.prune(T0)).toBe(4500);
  });
});
