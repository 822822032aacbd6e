import type { AgentLog } from '../agent';
import type { AgentConfig } from '../config';
import { EventForwarder } from './forwarder';
import { FileTailer } from './tailer';

/** How often tailed files are polled for new lines. */
const POLL_MS = 1_000;

export interface Tailers {
  stop(): Promise<void>;
}

/** Tails each configured file and forwards its lines to the correlator endpoint of its format. */
export async function startTailers(config: AgentConfig, log: AgentLog): Promise<Tailers> {
  const pairs = config.tail.map((entry) => ({
    tailer: new FileTailer(entry.path, { fromStart: entry.fromStart }),
    forwarder: new EventForwarder(`${config.endpoint}/v1/events/${entry.format}`, config.headers),
  }));
  let running = Promise.resolve();
  const poll = (): void => {
    running = running.then(async () => {
      for (const { tailer, forwarder } of pairs) {
        try {
          forwarder.push(await tailer.poll());
        } catch (error) {
          log.warn(`cannot read ${tailer.path}: ${error instanceof Error ? error.message : String(error)}`);
        }
        await forwarder.flush();
      }
    });
  };
  poll();
  const timer = setInterval(poll, POLL_MS);
  for (const entry of config.tail) log.info(`tailing ${entry.path} as ${entry.format}`);
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
      for (const { tailer, forwarder } of pairs) {
        forwarder.push(await tailer.poll().catch(() => []));
        await forwarder.flush();
        await tailer.close();
      }
    },
  };
}
