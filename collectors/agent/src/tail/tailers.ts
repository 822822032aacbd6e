import type { Logger } from '@opentelemetry/api-logs';
import type { AgentLog } from '../agent';
import type { AgentConfig } from '../config';
import { AgentConfigError } from '../config';
import { PositionStore } from './positions';
import type { Flush, Tail } from './shipper';
import { TailShipper } from './shipper';
import type { FileTailStats } from './stats';
import { newFileStats, tailStatusLine } from './stats';
import { FileTailer } from './tailer';

/** How often tailed files are looked at when nothing is waiting. */
const POLL_MS = 1_000;

export interface Tailing {
  readonly stats: readonly FileTailStats[];
  /** The status line, as the agent writes it every `status_every_seconds`. */
  status(): string;
  /** Finishes the round in progress and one more, saves the positions, closes the files. Safe twice. */
  stop(): Promise<void>;
}

/**
 * Tails each configured file from where the last run stopped (positions in `state_dir`) into OTLP log records.
 * Throws AgentConfigError when the state directory cannot be written: a restart would then lose or repeat lines.
 */
export async function startTailing(config: AgentConfig, logger: Logger, flush: Flush, log: AgentLog): Promise<Tailing> {
  let store: PositionStore;
  try {
    store = await PositionStore.open(config.stateDir, log);
  } catch (error) {
    throw new AgentConfigError(
      `cannot keep tail positions in ${config.stateDir} (${error instanceof Error ? error.message : String(error)}): ` +
        'set state_dir to a directory the agent can write',
    );
  }
  const tails: Tail[] = config.tail.map((entry) => {
    const stats = newFileStats(entry.path, entry.format);
    if (store.lost) stats.gaps.positions_lost += 1;
    const tailer = new FileTailer(entry.path, { fromStart: entry.fromStart, resume: store.get(entry.path) });
    return { tailer, format: entry.format, stats };
  });
  const shipper = new TailShipper(tails, logger, flush, store, log);

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = (): void => {
    running = shipper.round().then(
      (more) => {
        if (!stopped) timer = setTimeout(loop, more ? 0 : POLL_MS);
      },
      (error: unknown) => {
        log.warn(`tailing failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!stopped) timer = setTimeout(loop, POLL_MS);
      },
    );
  };
  timer = setTimeout(loop, 0);
  for (const entry of config.tail) log.info(`tailing ${entry.path} as ${entry.format}, positions in ${store.file}`);

  const stats = tails.map((tail) => tail.stats);
  let stopping: Promise<void> | undefined;
  return {
    stats,
    status: () => tailStatusLine(stats, shipper.failing),
    stop(): Promise<void> {
      stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
        // Lines written just before the stop go now rather than at the next start, unless delivery is failing.
        if (!shipper.failing) await shipper.round().catch(() => false);
        await shipper.save();
        for (const tail of tails) await tail.tailer.close();
      })();
      return stopping;
    },
  };
}
