import type { Meter } from '@opentelemetry/api';
import type { FileTailStats } from '../tail/stats';
import { TAIL_GAPS } from '../tail/stats';

/**
 * The tail's own figures beside the host's CPU, so a loss shows where the agent's metrics go (Prometheus through
 * the Collector, or the correlator): `lockstep.agent.tail.lines` by outcome (`sent`, and the two that lose lines:
 * `refused`, `too_long`), `lockstep.agent.tail.gaps` by reason, `lockstep.agent.tail.retries`. One attribute set
 * per configured file and outcome: few and fixed.
 */
export function registerTailMetrics(meter: Meter, files: () => readonly FileTailStats[]): void {
  const lines = meter.createObservableCounter('lockstep.agent.tail.lines', {
    unit: '{line}',
    description: 'Tailed lines by outcome: sent (acknowledged), refused by the receiver or too long (both dropped).',
  });
  const gaps = meter.createObservableCounter('lockstep.agent.tail.gaps', {
    unit: '{gap}',
    description: 'Points where tailed lines may have been missed: a truncated file, one rotated away, lost positions.',
  });
  const retries = meter.createObservableCounter('lockstep.agent.tail.retries', {
    unit: '{export}',
    description: 'Exports of tailed lines that failed and were retried (nothing is lost).',
  });
  meter.addBatchObservableCallback(
    (observer) => {
      for (const file of files()) {
        const attributes = { 'log.file.path': file.path, 'lockstep.format': file.format };
        observer.observe(lines, file.sent, { ...attributes, outcome: 'sent' });
        observer.observe(lines, file.refused, { ...attributes, outcome: 'refused' });
        observer.observe(lines, file.tooLong, { ...attributes, outcome: 'too_long' });
        for (const reason of TAIL_GAPS) observer.observe(gaps, file.gaps[reason], { ...attributes, reason });
        observer.observe(retries, file.retries, attributes);
      }
    },
    [lines, gaps, retries],
  );
}
