import type { Logger } from '@opentelemetry/api-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import type { Indicator } from '../indicators/rules';
import type { Sample } from '../sample/sampler';
import { processAttributes } from './instruments';

const SEVERITY: Record<Indicator['severity'], SeverityNumber> = {
  low: SeverityNumber.INFO,
  medium: SeverityNumber.WARN,
  high: SeverityNumber.ERROR,
  critical: SeverityNumber.FATAL,
};

/** Indicator keys remembered so each (process, rule) is reported once; the oldest are forgotten past this. */
const MAX_REMEMBERED = 10_000;

/**
 * Emits each suspicious-process indicator once per process instance (pid and creation time) as an OTLP log record
 * with `security_rule.*` attributes, the shape the correlator reads as a security signal.
 */
export class IndicatorLogs {
  private readonly reported = new Set<string>();

  constructor(
    private readonly logger: Logger,
    private readonly host: string,
  ) {}

  emit(sample: Sample): number {
    let emitted = 0;
    for (const process of sample.processes) {
      for (const indicator of process.indicators) {
        const key = `${process.pid}@${process.creationTime}:${indicator.rule}`;
        if (this.reported.has(key)) continue;
        this.remember(key);
        this.logger.emit({
          timestamp: sample.time,
          severityNumber: SEVERITY[indicator.severity],
          severityText: indicator.severity.toUpperCase(),
          body: indicator.description,
          attributes: {
            'event.name': 'lockstep.agent.indicator',
            'security_rule.name': indicator.rule,
            'security_rule.category': 'suspicious-process',
            'security_rule.ruleset': 'lockstep-agent',
            'security_rule.description': indicator.description,
            'host.name': this.host,
            ...processAttributes(process),
          },
        });
        emitted += 1;
      }
    }
    return emitted;
  }

  private remember(key: string): void {
    this.reported.add(key);
    if (this.reported.size > MAX_REMEMBERED) {
      const oldest = this.reported.values().next().value;
      if (oldest !== undefined) this.reported.delete(oldest);
    }
  }
}
