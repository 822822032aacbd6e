/**
 * Run by hidden-classes.test.ts as `node --allow-natives-syntax --import tsx` (V8's %HaveSameMap needs the flag):
 * prints whether objects the service keeps by the hundred thousand, built from inputs of several shapes, share
 * their hidden classes. A hidden class per object costs a map and its descriptors (about 180 bytes each): 18 MB of
 * heap for 100,000 processes.
 */
import type { Signal } from '../../../../model/signal';
import { ChangeStore } from '../../../../engine/changes/store';
import type { ChangeEvent } from '../../../../model/change';
import { SignalStore } from '../../../../engine/signals';
import { OtlpMetricsDecoder } from '../decoder';
import {
  metricsRequest,
  processCpuTime,
  processResource,
  resourceMetrics,
  SECOND,
  T0,
} from '../../__fixtures__/builders';

// Natives syntax cannot be written in TypeScript, so the check is compiled at run time.
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** What a check saw: how many shapes (key sets) came before, and whether the last 100 share one hidden class. */
interface Seen {
  shapesBefore: number;
  share: boolean;
}

/** `before` are objects of several shapes; `last` (100, one shape) must share the first one's hidden class. */
function seen(before: readonly object[], last: readonly object[]): Seen {
  const first = last[0];
  return {
    shapesBefore: new Set(before.map((o) => Object.keys(o).join(','))).size,
    share: last.length === 100 && first !== undefined && last.every((o) => haveSameMap(o, first)),
  };
}

/** Splits objects tagged with their index: under 200 before, the rest last. */
function split(objects: ReadonlyArray<[number, object]>): Seen {
  return seen(
    objects.filter(([n]) => n < 200).map(([, o]) => o),
    objects.filter(([n]) => n >= 200).map(([, o]) => o),
  );
}

/** Process refs as the decoder hands them out (and keeps one per series), the last 100 after refs of other shapes. */
function processRefs(): Seen {
  // With and without a container id: refs of two shapes.
  const shapes: Array<Record<string, string>> = [{}, { 'container.id': '0123456789ab' }];
  // No process.creation.time: the point's start time becomes the ref's startTime.
  const scrape = (time: number, cpuSeconds: number): ReturnType<typeof metricsRequest> => {
    const resources = [];
    for (let pid = 100; pid < 400; pid += 1) {
      const extra = pid < 300 ? (shapes[pid % shapes.length] as Record<string, string>) : {};
      const cpu = processCpuTime(time, T0 - 60 * SECOND, { user: cpuSeconds });
      resources.push(resourceMetrics(processResource(pid, `job-${pid}`, extra), [cpu]));
    }
    return metricsRequest(...resources);
  };
  const decoder = new OtlpMetricsDecoder();
  decoder.decode(scrape(T0, 1));
  const samples = decoder.decode(scrape(T0 + 10 * SECOND, 2)).samples;
  return split(samples.flatMap((s) => (s.kind === 'process-cpu' ? [[(s.process.pid ?? 0) - 100, s.process]] : [])));
}

/** Signals as the engine stores them, the last 100 of one shape after signals of several others. */
function storedSignals(): Seen {
  const store = new SignalStore(1000);
  const stored: Array<[number, object]> = [];
  for (let n = 0; n < 300; n += 1) {
    const signal: Signal = { time: T0 + n, source: 'falco', kind: 'alert', rule: 'r', severity: 'high', host: 'h' };
    if (n < 200 && n % 3 === 1) signal.user = 'alice';
    if (n < 200 && n % 3 === 2) signal.containerId = 'abcdef012345';
    signal.process = { pid: n, name: 'xmrig' };
    const kept = store.add(signal);
    stored.push([n, kept]);
  }
  return split(stored);
}

/** Changes as the engine stores them, the last 100 of one shape after changes of several others. */
function storedChanges(): Seen {
  const store = new ChangeStore(1000);
  const stored: Array<[number, object]> = [];
  for (let n = 0; n < 300; n += 1) {
    const change: ChangeEvent = { kind: 'change', time: T0 + n, source: 'change', change: 'deploy', summary: 's' };
    if (n < 200 && n % 3 === 1) change.actor = 'alice';
    if (n < 200 && n % 3 === 2) change.service = 'checkout';
    change.host = 'h';
    const kept = store.add(change);
    stored.push([n, kept]);
  }
  return split(stored);
}

process.stdout.write(
  JSON.stringify({ processRefs: processRefs(), signals: storedSignals(), changes: storedChanges() }),
);
