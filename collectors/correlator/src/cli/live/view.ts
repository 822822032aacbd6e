import type { Anomaly, Incident } from '@lockstep/contract';
import { DEFAULT_DETECTOR_OPTIONS } from '../../engine/detector';
import type { IncidentChange } from './incident-feed';
import { IncidentFeed } from './incident-feed';
import { SpikeFeed } from './spike-feed';
import { formatSpike } from './spike-lines';
import type { Palette, StatusFigures } from './render';
import { formatChange, formatStatus, line } from './render';
import { safeText } from '../../model/safe-text';

/** How often the view looks for new and changed incidents. */
const POLL_MS = 1_000;
/** Incidents this far back are listed (and, at startup, remembered without being shown). */
export const LOOKBACK_MS = 24 * 60 * 60 * 1000;

/** Where the view reads from: the store in this process, or a correlator's query API. */
export interface IncidentSource {
  /** Incidents of the last LOOKBACK_MS, any order. */
  list(): Promise<readonly Incident[]>;
  /** Spikes of the last LOOKBACK_MS (open ones with their contributors so far), any order. */
  anomalies(): Promise<readonly Anomaly[]>;
  /** Host CPU utilization (0..1) samples the engine holds for `host`, oldest first: what spikes are judged on. */
  hostCpu(host: string): Promise<number[]>;
  /** Engine figures for the status line, when the engine is in this process. */
  figures?(): Omit<StatusFigures, 'open'>;
}

export interface ViewOptions {
  palette: Palette;
  /** Where the view's lines go (stdout). */
  write: (text: string) => void;
  /** Status line period; 0 for none. */
  statusEverySeconds: number;
  /** The host whose baseline the status line follows. */
  hostName: string;
}

/**
 * The terminal view of incidents: polls its source, prints each incident as it opens, changes and resolves, and a
 * status line now and then. What it prints is what the store acknowledged, i.e. what the query API and Grafana
 * serve. Every string from the outside passes through `safeText` on its way to the screen.
 */
export class IncidentView {
  private readonly feed: IncidentFeed;
  private readonly spikes: SpikeFeed;
  private readonly listeners: Array<(change: IncidentChange) => void> = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private polling: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: IncidentSource,
    private readonly options: ViewOptions,
  ) {
    this.feed = new IncidentFeed(() => source.list());
    this.spikes = new SpikeFeed(() => source.anomalies());
  }

  /** Remembers what is already there (not shown); returns how many incidents that is. */
  async prime(): Promise<number> {
    await this.spikes.prime();
    return this.feed.prime();
  }

  /** Starts polling (and the status line). */
  start(): void {
    this.timers.push(setInterval(() => this.poll(), POLL_MS));
    if (this.options.statusEverySeconds > 0) {
      this.timers.push(setInterval(() => void this.status(), this.options.statusEverySeconds * 1000));
    }
  }

  /** Called with every change, after it is printed. */
  onChange(listener: (change: IncidentChange) => void): void {
    this.listeners.push(listener);
  }

  /** A line in the view. `text` is ours: strings from the outside must be passed through `safeText` first. */
  say(label: string, text: string): void {
    this.options.write(`${line(this.options.palette, label, text)}\n`);
  }

  /** Lines as they are (already formatted and safe). */
  write(text: string): void {
    this.options.write(text);
  }

  /** This host's CPU utilization samples so far, oldest first. */
  hostCpu(): Promise<number[]> {
    return this.source.hostCpu(this.options.hostName);
  }

  async status(): Promise<void> {
    const warmUp = DEFAULT_DETECTOR_OPTIONS.warmUpSamples;
    const baseline = (await this.hostCpu().catch(() => [])).length;
    const figures = { open: this.feed.open(), ...this.source.figures?.() };
    const warming = baseline < warmUp ? ` · baseline ${baseline}/${warmUp} samples` : '';
    this.options.write(`${formatStatus(figures, this.options.palette)}${warming}\n`);
  }

  /** Stops polling, after a last look so that nothing acknowledged goes unshown. Safe twice. */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.poll();
    await this.polling;
  }

  private poll(): void {
    this.polling = this.polling
      .then(async () => {
        // Spikes first: an incident is about a spike the reader has just seen open.
        for (const change of await this.spikes.poll()) {
          for (const text of formatSpike(change, this.options.palette)) this.options.write(`${text}\n`);
        }
        for (const change of await this.feed.poll()) {
          for (const text of formatChange(change, this.options.palette)) this.options.write(`${text}\n`);
          for (const listener of this.listeners) listener(change);
        }
      })
      .catch((error: unknown) => this.say('error', `reading incidents failed: ${safeText(String(error))}`));
  }
}
