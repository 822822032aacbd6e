import { anomaly, incident, iso, MINUTE, signal, T0 } from '../records';
import type { IncidentStore } from '../../store';
import type { StoreUnderTest } from './harness';

/** Retention: what ended before the cut-off goes, unless a kept incident references it. */
export function pruneBehaviour(subject: StoreUnderTest): void {
  let store: IncidentStore;
  beforeEach(async () => {
    store = await subject.open();
  });
  afterEach(() => store.close());

  const at = (minutes: number): string => iso(T0 + minutes * MINUTE);
  const cited = (id: string, minutes: number, rule: string) => signal({ id, rule, time: at(minutes) });

  it('deletes what ended before the cut-off unless a kept incident references it', async () => {
    await store.putAnomaly(anomaly({ id: 'a-old', start: at(-130), end: at(-125) }), true);
    await store.putAnomaly(anomaly({ id: 'a-cited', start: at(-180), end: at(-175) }), true);
    await store.putAnomaly(anomaly({ id: 'a-open', start: at(-200), end: null }), false);
    await store.putAnomaly(anomaly({ id: 'a-new', start: at(-10), end: at(5) }), true);
    await store.putSignals([
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
    await store.putIncident(
      incident({
        id: 'resolved-old',
        start: at(-130),
        end: at(-120),
        anomalies: ['a-old'],
        signals: [evidence(cited('s-old', -128, 'old rule'))],
      }),
      true,
    );
    await store.putIncident(
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
    await store.putIncident(incident({ id: 'resolved-new', start: at(-10), end: at(10) }), true);
    await store.noteEntities([
      { host: 'gone', kind: 'metrics', time: T0 - 500 * MINUTE },
      { host: 'web-1', kind: 'metrics', time: T0 },
    ]);

    // resolved-old, a-old, s-old, s-stray, the "gone" entity.
    expect(await store.prune(T0)).toBe(5);

    expect((await store.listIncidents({ limit: 10 })).items.map((i) => i.id).sort()).toEqual([
      'open-old',
      'resolved-new',
    ]);
    expect((await store.listAnomalies({ limit: 10 })).items.map((a) => a.id).sort()).toEqual([
      'a-cited',
      'a-new',
      'a-open',
    ]);
    expect((await store.listSignals({ limit: 10 })).items.map((s) => s.id).sort()).toEqual(['s-cited', 's-new']);
    expect((await store.kpis({})).coverage).toEqual({ both: 0, metricsOnly: 1, signalsOnly: 0 });
    expect(await store.prune(T0)).toBe(0);
  });

  it('releases what an incident referenced once the incident itself goes', async () => {
    await store.putAnomaly(anomaly({ id: 'a', start: at(-60), end: at(-50) }), true);
    await store.putIncident(incident({ id: 'i', start: at(-60), end: at(-5), anomalies: ['a'] }), true);
    expect(await store.prune(T0 - 10 * MINUTE)).toBe(0);
    expect(await store.prune(T0)).toBe(2);
  });

  it('prunes more rows than one batch', async () => {
    await store.putSignals(
      Array.from({ length: 4500 }, (_, n) => signal({ id: `s${n}`, time: iso(T0 - 10 * MINUTE + n) })),
    );
    expect(await store.prune(T0)).toBe(4500);
  });
}
