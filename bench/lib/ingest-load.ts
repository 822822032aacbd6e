import { falcoAlert } from '../../test/scenarios/formats';
import type { SimProcess } from '../../test/scenarios/host';
import { hostmetricsLines, pointsIn } from '../load/hostmetrics-lines';
import type { LoadShape } from '../load/hostmetrics-lines';
import { encodeMetricsRequest } from './otlp-metrics-proto';

/** One HTTP request of the load: the same data as OTLP/JSON text and as OTLP/protobuf bytes. */
export interface MetricsBody {
  json: string;
  protobuf: Uint8Array;
  points: number;
}

/** All requests of one scrape round (every host once), in the order a collector gateway would send them. */
export interface Round {
  bodies: MetricsBody[];
  points: number;
}

function countPoints(request: { resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: unknown[] }> }> }): number {
  let points = 0;
  for (const rm of request.resourceMetrics) {
    for (const sm of rm.scopeMetrics) {
      for (const metric of sm.metrics as Array<{
        sum?: { dataPoints: unknown[] };
        gauge?: { dataPoints: unknown[] };
      }>) {
        points += (metric.sum ?? metric.gauge)?.dataPoints.length ?? 0;
      }
    }
  }
  return points;
}

/**
 * Hostmetrics-shaped rounds: round r is scrape r of every host (data time advancing `intervalMs` per round), cut
 * into requests of `hostsPerRequest` hosts each, as an OpenTelemetry Collector's batch processor would group them.
 */
export function metricsRounds(shape: LoadShape, hostsPerRequest: number): Round[] {
  const rounds: Round[] = [];
  const linesPerRound = shape.hosts * (shape.processesPerHost > 0 ? 2 : 1);
  const linesPerRequest = hostsPerRequest * (shape.processesPerHost > 0 ? 2 : 1);
  let pending: unknown[] = [];
  let inRound = 0;
  let round: Round = { bodies: [], points: 0 };
  const flush = (): void => {
    if (pending.length === 0) return;
    const request = { resourceMetrics: pending } as Parameters<typeof countPoints>[0];
    const points = countPoints(request);
    round.bodies.push({ json: JSON.stringify(request), protobuf: encodeMetricsRequest(request), points });
    round.points += points;
    pending = [];
  };
  for (const line of hostmetricsLines(shape)) {
    pending.push(...(JSON.parse(line) as { resourceMetrics: unknown[] }).resourceMetrics);
    inRound += 1;
    if (inRound % linesPerRequest === 0) flush();
    if (inRound === linesPerRound) {
      flush();
      rounds.push(round);
      round = { bodies: [], points: 0 };
      inRound = 0;
    }
  }
  const expected = pointsIn(shape);
  const generated = rounds.reduce((sum, r) => sum + r.points, 0);
  if (generated !== expected) throw new Error(`load generator made ${generated} points, expected ${expected}`);
  return rounds;
}

/** Rules a host sensor fires most, with Falco's priorities (the text varies; the shape is what costs). */
const RULES = [
  { rule: 'Terminal shell in container', priority: 'Notice', message: 'A shell was spawned in a container' },
  { rule: 'Read sensitive file untrusted', priority: 'Warning', message: 'Sensitive file opened for reading' },
  { rule: 'Detect crypto miners using the Stratum protocol', priority: 'Critical', message: 'Possible miner' },
  { rule: 'Drop and execute new binary in container', priority: 'Critical', message: 'Executing new binary' },
] as const;

/**
 * Newline-delimited Falco JSON alerts (json_output with output_fields and tags, as test/scenarios writes them),
 * `eventsPerRequest` per request, spread over the hosts and processes of the metrics load at times from `fromMs`.
 */
export function falcoBodies(
  shape: LoadShape,
  requests: number,
  eventsPerRequest: number,
  fromMs: number,
): { bodies: string[]; events: number } {
  const bodies: string[] = [];
  for (let r = 0; r < requests; r += 1) {
    const lines: string[] = [];
    for (let e = 0; e < eventsPerRequest; e += 1) {
      const n = r * eventsPerRequest + e;
      const host = `host-${String(n % shape.hosts).padStart(3, '0')}`;
      const p = n % Math.max(1, shape.processesPerHost);
      const process: SimProcess = {
        pid: 1000 + p,
        ppid: 1,
        name: `worker-${p}`,
        exe: `/usr/bin/worker-${p}`,
        cmdline: `/usr/bin/worker-${p} --serve --port ${8000 + p}`,
        owner: 'app',
        start: fromMs - 600_000,
        load: () => 0,
      };
      const rule = RULES[n % RULES.length]!;
      lines.push(
        falcoAlert({
          time: fromMs + (n % 1000),
          host,
          process,
          withPid: true,
          ...rule,
          tags: ['host', 'mitre_execution'],
        }),
      );
    }
    bodies.push(lines.join('\n'));
  }
  return { bodies, events: requests * eventsPerRequest };
}
