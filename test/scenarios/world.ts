import type { Load, SimHost, SimProcess } from './host';
import { steady } from './host';
import { Rng } from './rng';

/**
 * The simulated world a scenario is built in: one host with a handful of ordinary processes, a timeline with a
 * spike phase, and the security tools' output files being written. Each kind (positives.ts, negatives.ts) adds its
 * own processes and alerts to it.
 */

export const MINUTE = 60_000;

export interface Expectation {
  /** Exactly one correlated incident (score >= 0.5) when true; none when false. */
  correlated: boolean;
  /**
   * The culprit's name and pid; for a culprit that is many instances of one program (a respawning miner, a worker
   * pool), `pids` lists every instance's pid and the incident may name any of them.
   */
  culprit?: { pid: number; name: string; pids?: number[] };
  /** The correlated incident's entity must be this container (any id form sharing the 12-hex prefix). */
  container?: string;
  /** Executable names that must never be any incident's culprit. */
  neverCulprit?: string[];
  /** At least one anomaly of this metric must be reported. */
  anomaly?: 'cpu' | 'latency';
  /** The correlated incident must fold a CPU and a latency anomaly. */
  foldsLatency?: boolean;
  /** The CPU spike (and a correlated incident) must list this change first: the closest before it. */
  changeBeside?: { kind: string; summary: string };
  /** Ids of the temporary changes that must end as open findings (and no others). */
  openFindings?: string[];
  /** Hosts the asset inventory must call unmanaged (checked where a store is: the service). */
  unmanagedHosts?: string[];
}

export interface Timed {
  time: number;
  line: string;
}

/** A host with a handful of ordinary processes, a timeline, and the signal files being written. */
export class World {
  readonly host: SimHost;
  readonly window: { from: number; to: number; interval: number };
  /** When the interesting phase starts and ends. */
  readonly spikeStart: number;
  readonly spikeEnd: number;
  readonly falco: Timed[] = [];
  readonly tetragon: Timed[] = [];
  readonly auth: Timed[] = [];
  readonly osquery: Timed[] = [];
  /** Change JSON lines and dpkg.log lines. */
  readonly changes: Timed[] = [];
  readonly dpkg: Timed[] = [];
  /** Further hosts whose metrics go to files of their own (another agent's export). */
  readonly extraHosts: SimHost[] = [];
  private readonly usedPids = new Set<number>();

  /**
   * Draw from the wider ranges of the held-out scenarios (evaluate.ts --wide): scrape intervals up to 60 s, 2-64
   * cores, busier and noisier hosts, longer leads and lags. Off, every draw is the one it always was, so the
   * scenarios of the test suite's seeds stay byte-identical.
   */
  readonly wide: boolean;

  constructor(
    private readonly rng: Rng,
    containers: boolean,
    wide = false,
  ) {
    this.wide = wide;
    const interval = wide
      ? rng.pick([10_000, 10_000, 15_000, 15_000, 30_000, 60_000])
      : rng.pick([10_000, 10_000, 10_000, 15_000, 30_000]);
    const from = Date.UTC(2026, rng.int(0, 10), rng.int(1, 27), rng.int(0, 20), 0, 0);
    // Wide: an hour or more of history before the spike, so an alert 55 min before it still falls in the window.
    const baseline = (wide ? rng.between(65, 90) : rng.between(45, 70)) * MINUTE;
    this.spikeStart = alignTo(from + baseline + rng.between(0, interval), 1000);
    this.spikeEnd = this.spikeStart + (wide ? rng.between(6, 25) : rng.between(6, 14)) * MINUTE;
    this.window = { from, to: this.spikeEnd + rng.between(15, 25) * MINUTE, interval };
    const cpus = wide ? rng.pick([2, 4, 4, 8, 8, 16, 16, 32, 64]) : rng.pick([2, 4, 4, 8, 8]);
    const name = containers
      ? `k8s-node-${rng.int(1, 9)}.${rng.pick(['prod', 'eu-west', 'cluster'])}.internal`
      : `${rng.pick(['web', 'app', 'api', 'shop', 'db'])}-${rng.int(1, 40)}`;
    this.host = {
      name,
      cpus,
      cpuMetric: rng.chance(0.5) ? 'system.cpu.time' : 'system.cpu.utilization',
      processes: [],
      containers: [],
      services: [],
      boot: from - rng.between(2, 40) * 24 * 60 * MINUTE,
    };
    if (!containers) this.addOrdinaryProcesses();
  }

  pid(): number {
    for (;;) {
      const pid = this.rng.int(300, 60_000);
      if (!this.usedPids.has(pid)) {
        this.usedPids.add(pid);
        return pid;
      }
    }
  }

  process(spec: Omit<SimProcess, 'pid' | 'start'> & { pid?: number; start?: number }): SimProcess {
    const process: SimProcess = {
      ...spec,
      pid: spec.pid ?? this.pid(),
      start: spec.start ?? this.host.boot + this.rng.between(10_000, 600_000),
    };
    this.host.processes.push(process);
    return process;
  }

  steady(level: number): Load {
    return steady(this.rng, level);
  }

  /**
   * systemd, sshd, cron, rsyslogd, node_exporter and two or three services, together 5-20% of the host (wide: 5-60%,
   * and the app server's request load wanders 3-8 points of the host from one scrape to the next).
   */
  private addOrdinaryProcesses(): void {
    const scale = this.host.cpus * (this.wide ? this.rng.between(0.05, 0.6) : this.rng.between(0.05, 0.2));
    this.process({
      pid: 1,
      ppid: 0,
      name: 'systemd',
      exe: '/usr/lib/systemd/systemd',
      cmdline: '/sbin/init',
      owner: 'root',
      load: this.steady(0.003),
    });
    const ordinary: [string, string, string, string, number][] = [
      ['sshd', '/usr/sbin/sshd', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 'root', 0.01],
      ['cron', '/usr/sbin/cron', '/usr/sbin/cron -f', 'root', 0.005],
      ['rsyslogd', '/usr/sbin/rsyslogd', '/usr/sbin/rsyslogd -n -iNONE', 'syslog', 0.03],
      [
        'node_exporter',
        '/usr/local/bin/node_exporter',
        '/usr/local/bin/node_exporter --collector.systemd',
        'prometheus',
        0.06,
      ],
      [
        'postgres',
        '/usr/lib/postgresql/15/bin/postgres',
        '/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main',
        'postgres',
        0.35,
      ],
      ['node', '/usr/bin/node', 'node /srv/app/server.js', 'app', 0.4],
    ];
    for (const [name, exe, cmdline, owner, share] of ordinary) {
      const level = this.steady(scale * share);
      const load =
        this.wide && name === 'node' ? noisy(level, this.host.cpus * this.rng.between(0.03, 0.08), this.rng) : level;
      this.process({ ppid: 1, name, exe, cmdline, owner, load });
    }
  }

  nginx(): { master: SimProcess; worker: SimProcess } {
    const master = this.process({
      ppid: 1,
      name: 'nginx',
      exe: '/usr/sbin/nginx',
      cmdline: 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
      owner: 'root',
      load: this.steady(0.002),
    });
    const worker = this.process({
      ppid: master.pid,
      name: 'nginx',
      exe: '/usr/sbin/nginx',
      cmdline: 'nginx: worker process',
      owner: 'www-data',
      load: this.steady(0.05 * this.host.cpus),
    });
    return { master, worker };
  }

  alertTimes(first: number, repeats: number): number[] {
    const times = [first];
    for (let i = 1; i < repeats; i += 1) times.push((times[i - 1] ?? first) + this.rng.between(20_000, 90_000));
    return times.filter((time) => time < this.window.to);
  }

  addFalco(time: number, line: string): void {
    this.falco.push({ time, line });
  }
}

/**
 * `load` plus request noise of about `amplitude` cores (its standard deviation), fresh every 10 s: the traffic of a
 * busy app server. Its own seeded stream, so the noise a time gets does not depend on who asks first.
 */
function noisy(load: Load, amplitude: number, rng: Rng): Load {
  const seed = rng.int(1, 2 ** 30);
  return (time) => {
    const slot = Math.floor(time / 10_000);
    const draw = new Rng(seed ^ Math.imul(slot, 0x9e3779b1)).normal();
    return Math.max(0, load(time) + amplitude * draw);
  };
}

export function alignTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** What a kind's builder says about the scenario it built. */
export type Builder = (world: World, rng: Rng) => { description: string; expect: Expectation };
