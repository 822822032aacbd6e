import { performance } from 'node:perf_hooks';
import type { Child } from './child-process';
import { rssBytes } from './child-process';
import { postAll } from './http-load';
import { JSON_TYPE, RssSampler, jsonBodies } from './ingest-phases';
import type { Round } from './ingest-load';

export interface PacedRss {
  rounds: number;
  idle: number;
  peak: number;
  /** Median RSS over the second half of the rounds, once the engine's windows have filled. */
  steady: number;
  errors: number;
}

/**
 * The memory the issue asks about: 100 hosts × 50 processes each scraped every 10 s of data time, sent at a fixed
 * pace (one round per `paceMs` of wall time) rather than as fast as possible, so the figure is the service's
 * working set for that fleet, not garbage waiting for a collector under a flood. With `paceMs` under 10,000 the
 * fleet is sent faster than real life (10,000 / `paceMs` times): more garbage per second than the real load,
 * never less.
 */
export async function pacedRss(
  child: Child,
  rounds: readonly Round[],
  paceMs: number,
  concurrency: number,
): Promise<PacedRss> {
  const idle = rssBytes(child.pid);
  const sampler = new RssSampler(child.pid);
  let errors = 0;
  try {
    for (const [index, round] of rounds.entries()) {
      const started = performance.now();
      sampler.round = index;
      const result = await postAll({
        url: `${child.ready.otlpUrl}/v1/metrics`,
        contentType: JSON_TYPE,
        bodies: jsonBodies([round]),
        concurrency,
        deadline: started + 10 * paceMs,
      });
      errors += result.errors;
      const rest = paceMs - (performance.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  } finally {
    sampler.stop();
  }
  return {
    rounds: rounds.length,
    idle,
    peak: sampler.peak(),
    steady: sampler.steady(Math.floor(rounds.length / 2)),
    errors,
  };
}
