import type { EngineSink, EngineStats, Observation } from '../engine/engine';
import { Engine } from '../engine/engine';
import type { EngineOptions } from '../engine/options';
import type { SourceStats } from './sources';
import { FileSource } from './sources';

export interface ReplayProgress {
  observations: number;
  /** Data time reached (epoch ms). */
  dataTime: number | undefined;
}

export interface ReplayOptions {
  engine?: Partial<EngineOptions>;
  /** Called every `progressEvery` observations. */
  onProgress?: (progress: ReplayProgress) => void;
  progressEvery?: number;
}

export interface ReplayResult {
  sources: SourceStats[];
  engine: EngineStats;
}

interface Cursor {
  source: FileSource;
  iterator: AsyncGenerator<Observation[]>;
  batch: Observation[];
  index: number;
  done: boolean;
}

const DEFAULT_PROGRESS_EVERY = 100_000;

async function fill(cursor: Cursor): Promise<void> {
  while (!cursor.done && cursor.index >= cursor.batch.length) {
    const next = await cursor.iterator.next();
    if (next.done) cursor.done = true;
    else {
      cursor.batch = next.value;
      cursor.index = 0;
    }
  }
}

function headTime(cursor: Cursor): number {
  return (cursor.batch[cursor.index] as Observation).time;
}

/**
 * Offline correlation: opens every file (failing fast, before any output, on one that cannot be read or
 * recognized), merges their observations in time order — each file streams, so memory holds one batch per
 * file — and runs them through the same Engine the service uses.
 */
export async function replay(paths: string[], sink: EngineSink, options: ReplayOptions = {}): Promise<ReplayResult> {
  const sources: FileSource[] = [];
  for (const path of paths) sources.push(await FileSource.open(path));
  const cursors: Cursor[] = sources.map((source) => ({
    source,
    iterator: source.batches(),
    batch: [],
    index: 0,
    done: false,
  }));

  // Syslog lines carry no year: read the other files first and date them near the rest of the data.
  const undated = cursors.filter((c) => c.source.format === 'auth');
  const dated = cursors.filter((c) => c.source.format !== 'auth');
  for (const cursor of dated) await fill(cursor);
  const heads = dated.filter((c) => !c.done).map(headTime);
  const referenceTime = heads.length > 0 ? Math.min(...heads) : undefined;
  for (const cursor of undated) {
    cursor.source.referenceTime = referenceTime;
    await fill(cursor);
  }

  const engine = new Engine(sink, options.engine);
  const every = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  let count = 0;
  for (;;) {
    let next: Cursor | undefined;
    for (const cursor of cursors) {
      if (cursor.done) continue;
      if (!next || headTime(cursor) < headTime(next)) next = cursor;
    }
    if (!next) break;
    const observation = next.batch[next.index] as Observation;
    next.index += 1;
    engine.ingest(observation);
    count += 1;
    if (options.onProgress && count % every === 0)
      options.onProgress({ observations: count, dataTime: observation.time });
    if (next.index >= next.batch.length) await fill(next);
  }
  engine.flush();
  return { sources: sources.map((s) => s.stats), engine: engine.stats() };
}
