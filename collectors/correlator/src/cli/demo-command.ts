import { availableParallelism, hostname, userInfo } from 'node:os';
import path from 'node:path';
import type { Incident } from '@lockstep/contract';
import { isCorrelated } from '@lockstep/contract';
import { DEFAULT_DETECTOR_OPTIONS } from '../engine/detector';
import { falcoMinerAlert, MINER_RULE, postEvents } from './demo/falco-alert';
import { headroom, STAND_OUT_SIGMAS } from './demo/headroom';
import type { SimulatedMiner } from './demo/miner';
import { MINER_NAME, startSimulatedMiner } from './demo/miner';
import { apiSource } from './live/api-source';
import type { LiveFlagValues } from './live/command';
import { LIVE_FLAG_OPTIONS, LIVE_FLAGS_HELP, liveOptions, startLiveSession, untilStopSignal } from './live/command';
import { paletteFor } from './live/render';
import { safeText } from '../model/safe-text';
import { IncidentView } from './live/view';
import { parseCommandArgs } from './service-flags';

const INTERVAL_SECONDS = 1;
const STATUS_EVERY_SECONDS = 10;
const BURN_SECONDS = 60;
const TIMEOUT_SECONDS = 180;
/** Samples of baseline the demo waits for: the detector's warm-up and a few more, for a steadier median. */
const BASELINE_SAMPLES = DEFAULT_DETECTOR_OPTIONS.warmUpSamples + 5;
/** Between the miner's start and the alert: Falco would fire at exec; the agent's first look at it comes first. */
const ALERT_AFTER_MS = 2_000;
/** How often the demo says it is still waiting for a busy host to settle. */
const BUSY_NOTICE_MS = 15_000;

const HELP = `Usage: lockstep demo [options]        (npm run demo -- [options] at the repository root)

What lockstep start does, plus a harmless simulated cryptominer, so you see an incident within a minute:
  1. the correlator and the agent start on this machine and the agent measures this host's normal CPU
     (${BASELINE_SAMPLES} samples, one a second; on a busy host it waits until the miner would stand out);
  2. a CPU burner named ${MINER_NAME} starts from a fresh temp directory (node, hard-linked or copied there), burns
     every core at the lowest priority for at most --burn-seconds, and does nothing else: no network, no files;
     then a Falco-format alert ("${MINER_RULE}") about it goes to the correlator's
     POST /v1/events/falco, as Falco would send it;
  3. the correlator ties the CPU spike to the alert and the incident naming ${MINER_NAME} is shown.
The demo then stops the miner and everything else and exits with status 0 (or keeps running with --keep-running).

Options:
${LIVE_FLAGS_HELP}
  --interval SECONDS         agent sampling interval (default ${INTERVAL_SECONDS})
  --status-every SECONDS     status line period (default ${STATUS_EVERY_SECONDS}; 0: never)
  --burn-seconds SECONDS     the longest the simulated miner runs (default ${BURN_SECONDS})
  --threads N                cores it burns (default: all of them)
  --keep-running             keep running once the incident is shown, until Ctrl-C (the incident resolves about
                             two minutes after the miner stops)
  --timeout SECONDS          give up with status 1 when no incident names the miner by then (default ${TIMEOUT_SECONDS})
  --correlator URL           use a correlator that is already running, at this OTLP/HTTP base URL, with an agent
                             on this machine sending to it, instead of starting both here (docker-compose.yml's
                             demo profile does this); --api names its API, LOCKSTEP_API_TOKEN its token
  --api URL                  that correlator's query API base URL (with --correlator)
  --host-name NAME           with --correlator: the host.name that agent reports (default: this hostname)
  -h, --help                 this help

Exit status: 0 once the incident naming the miner is shown (with --keep-running: after Ctrl-C), 1 when it could
not start or no incident came in time, 2 on usage errors, 130 when interrupted before the incident.
`;

const DEMO_FLAG_OPTIONS = {
  ...LIVE_FLAG_OPTIONS,
  'burn-seconds': { type: 'string' },
  threads: { type: 'string' },
  'keep-running': { type: 'boolean' },
  timeout: { type: 'string' },
  correlator: { type: 'string' },
  api: { type: 'string' },
  'host-name': { type: 'string' },
} as const;

interface DemoValues extends LiveFlagValues {
  'burn-seconds'?: string;
  threads?: string;
  'keep-running'?: boolean;
  timeout?: string;
  correlator?: string;
  api?: string;
  'host-name'?: string;
}

/** Where the demo plays: the correlator and agent it started, or ones already running. */
interface Stage {
  hostName: string;
  otlpUrl: string;
  apiUrl: string;
  view: IncidentView;
  stop(): Promise<void>;
}

/** `lockstep demo`; resolves with the exit code. */
export async function runDemoCommand(args: string[]): Promise<number> {
  const values = parseCommandArgs<DemoValues>('demo', args, DEMO_FLAG_OPTIONS, HELP);
  if (values === 0 || values === 2) return values;
  const numbers = demoNumbers(values);
  if (typeof numbers === 'string') {
    process.stderr.write(`lockstep demo: ${numbers}\n`);
    return 2;
  }
  const stop = untilStopSignal();
  const stage = await openStage(values);
  if (typeof stage === 'number') {
    stop.cancel();
    return stage;
  }
  const miner: { current?: SimulatedMiner } = {};
  let code: number;
  try {
    code = await play(stage, numbers, miner, stop.signal, values['keep-running'] === true);
  } finally {
    stop.cancel();
    await miner.current?.stop();
    stage.view.say('stopping', 'the simulated miner is stopped; stopping the agent, storing open incidents');
    await stage.stop();
    stage.view.say('stopped', 'cleanly');
  }
  return code;
}

interface DemoNumbers {
  intervalSeconds: number;
  burnSeconds: number;
  threads: number | undefined;
  timeoutMs: number;
}

function demoNumbers(values: DemoValues): DemoNumbers | string {
  const positive = (name: string, raw: string | undefined, fallback: number, integer = false): number | string => {
    const value = Number(raw ?? fallback);
    const ok = Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
    return ok
      ? value
      : `--${name} must be a ${integer ? 'whole number' : 'number'} greater than 0, got ${safeText(String(raw))}`;
  };
  const interval = positive('interval', values.interval, INTERVAL_SECONDS);
  const burn = positive('burn-seconds', values['burn-seconds'], BURN_SECONDS);
  const threads = values.threads === undefined ? undefined : positive('threads', values.threads, 1, true);
  const timeout = positive('timeout', values.timeout, TIMEOUT_SECONDS);
  for (const value of [interval, burn, threads, timeout]) if (typeof value === 'string') return value;
  if ((values.correlator === undefined) !== (values.api === undefined)) return '--correlator and --api go together';
  return {
    intervalSeconds: interval as number,
    burnSeconds: burn as number,
    threads: threads as number | undefined,
    timeoutMs: (timeout as number) * 1000,
  };
}

async function openStage(values: DemoValues): Promise<Stage | 1 | 2> {
  if (values.correlator !== undefined && values.api !== undefined) {
    const hostName = values['host-name'] ?? hostname();
    const statusEverySeconds = Number(values['status-every'] ?? STATUS_EVERY_SECONDS);
    const view = new IncidentView(apiSource(values.api.replace(/\/+$/, ''), process.env.LOCKSTEP_API_TOKEN ?? ''), {
      palette: paletteFor(process.stdout),
      write: (text) => void process.stdout.write(text),
      statusEverySeconds: Number.isFinite(statusEverySeconds) ? statusEverySeconds : STATUS_EVERY_SECONDS,
      hostName,
    });
    try {
      await view.prime();
    } catch (error) {
      process.stderr.write(`lockstep demo: cannot read ${safeText(values.api)}: ${safeText(String(error))}\n`);
      return 1;
    }
    view.say('demo', `using the correlator at ${safeText(values.correlator)} (API ${safeText(values.api)})`);
    view.start();
    return {
      hostName,
      otlpUrl: values.correlator.replace(/\/+$/, ''),
      apiUrl: values.api.replace(/\/+$/, ''),
      view,
      stop: () => view.stop(),
    };
  }
  const options = await liveOptions('demo', values, {
    intervalSeconds: INTERVAL_SECONDS,
    statusEverySeconds: STATUS_EVERY_SECONDS,
  });
  if (options === 2) return 2;
  return startLiveSession('demo', options);
}

/** The demo's three steps; resolves with the exit code. The caller stops the miner and the stage. */
async function play(
  stage: Stage,
  numbers: DemoNumbers,
  miner: { current?: SimulatedMiner },
  signal: Promise<NodeJS.Signals>,
  keepRunning: boolean,
): Promise<number> {
  const started = Date.now();
  const say = (text: string): void => stage.view.say('demo', text);
  const interrupted = signal.then(() => 'interrupted' as const);
  const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), numbers.timeoutMs).unref());
  const until = <T>(work: Promise<T>): Promise<T | 'interrupted' | 'timeout'> =>
    Promise.race([work, interrupted, timedOut]);
  const found = new Promise<Incident>((resolve) =>
    stage.view.onChange(({ incident }) => {
      if (miner.current !== undefined && namesMiner(incident, miner.current)) resolve(incident);
    }),
  );

  say(
    `step 1/3: measuring the normal CPU of host ${safeText(stage.hostName, 80)}: ${BASELINE_SAMPLES} samples, ` +
      `about ${Math.ceil(BASELINE_SAMPLES * numbers.intervalSeconds)} s (a spike is judged against this baseline)`,
  );
  const waiting = new AbortController();
  const share = Math.min(1, (numbers.threads ?? availableParallelism()) / availableParallelism());
  const baseline = await until(waitForBaseline(stage, share, say, waiting.signal));
  waiting.abort();
  if (baseline !== 'ready') return give(baseline, stage, numbers);

  say(`step 2/3: starting the simulated miner ${MINER_NAME} from a fresh temp directory`);
  const running = await startSimulatedMiner({ seconds: numbers.burnSeconds, threads: numbers.threads });
  miner.current = running;
  say(
    `${safeText(running.name)} (pid ${running.pid}) runs ${safeText(running.exe)}: it burns ` +
      `${running.threads} core(s) at the lowest priority for at most ${running.seconds} s and does nothing else`,
  );
  const pause = await until(new Promise<'paused'>((resolve) => setTimeout(() => resolve('paused'), ALERT_AFTER_MS)));
  if (pause !== 'paused') return give(pause, stage, numbers);
  const alert = falcoMinerAlert(
    {
      pid: running.pid,
      name: running.name,
      exe: running.exe,
      commandLine: running.commandLine,
      owner: running.owner,
      uid: userInfo().uid,
      parentPid: process.pid,
      parentName: path.basename(process.execPath),
    },
    stage.hostName,
    Date.now(),
  );
  const answer = await postEvents(stage.otlpUrl, 'falco', [alert]);
  if (answer.status !== 200 || answer.accepted !== 1) {
    stage.view.say('error', `the correlator did not take the Falco alert: ${answer.status} ${safeText(answer.body)}`);
    return 1;
  }
  say(
    `Falco-format alert "${MINER_RULE}" on pid ${running.pid} sent to POST ${stage.otlpUrl}/v1/events/falco: accepted`,
  );
  say('step 3/3: waiting for the correlator to tie the CPU spike to the alert (usually 5 to 15 s)');

  const incident = await until(found);
  if (incident === 'interrupted' || incident === 'timeout') return give(incident, stage, numbers);
  const seconds = Math.round((Date.now() - started) / 1000);
  say(
    `done in ${seconds} s: incident ${safeText(incident.id)} names the simulated miner ` +
      `${safeText(running.name)} (pid ${running.pid}). Details: ${stage.apiUrl}/api/v1/incidents/${encodeURIComponent(incident.id)}`,
  );
  if (!keepRunning) return 0;
  say(`still running (--keep-running): the miner stops within ${running.seconds} s of its start; Ctrl-C stops all`);
  await signal;
  return 0;
}

/**
 * Waits until the engine holds enough host CPU samples and the miner would stand out of them, saying how far it is:
 * every few samples while the baseline fills, and now and then while the host is too busy for the demo to work.
 */
async function waitForBaseline(
  stage: Stage,
  share: number,
  say: (text: string) => void,
  abort: AbortSignal,
): Promise<'ready'> {
  let shown = 0;
  let busySaid = 0;
  const percent = (value: number): string => `${Math.round(value * 100)}%`;
  while (!abort.aborted) {
    const samples = await stage.view.hostCpu().catch(() => []);
    if (samples.length >= BASELINE_SAMPLES) {
      const room = headroom(samples, share);
      const normal = `CPU normally ${percent(room.level)} (spread ${percent(room.scale)})`;
      if (room.sigmas >= STAND_OUT_SIGMAS) {
        say(`baseline ready: ${normal}; the miner will stand out`);
        return 'ready';
      }
      if (Date.now() - busySaid > BUSY_NOTICE_MS) {
        busySaid = Date.now();
        say(`this host is busy or unsteady (${normal}): the miner would not stand out yet; waiting for it to settle`);
      }
    } else if (samples.length >= shown + 5) {
      shown = samples.length - (samples.length % 5);
      say(`baseline: ${samples.length} of ${BASELINE_SAMPLES} samples`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return 'ready';
}

/**
 * The incident the demo waits for: correlated, the miner as culprit, and the Falco alert the demo sent among its
 * signals (the agent's own "writable temp directory" signal can open it a moment before the alert is tied).
 */
function namesMiner(incident: Incident, miner: SimulatedMiner): boolean {
  return (
    isCorrelated(incident) &&
    incident.culprit?.['process.pid'] === miner.pid &&
    incident.signals.some((signal) => signal.source === 'falco' && signal.rule === MINER_RULE)
  );
}

function give(reason: 'interrupted' | 'timeout', stage: Stage, numbers: DemoNumbers): number {
  if (reason === 'interrupted') {
    stage.view.say('demo', 'interrupted before the incident was shown');
    return 130;
  }
  stage.view.say(
    'error',
    `no incident named the simulated miner within ${numbers.timeoutMs / 1000} s. A spike is judged against this ` +
      "host's recent CPU: on a machine that is already busy, the miner's CPU may not stand out. Try again when it is quieter.",
  );
  return 1;
}
