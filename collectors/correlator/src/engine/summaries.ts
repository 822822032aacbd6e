import type { Incident } from '@lockstep/contract';
import type { AnomalyState } from './anomalies';
import type { Link } from './evidence';
import type { Verdict } from './scoring';
import { safeText as clean } from '../model/safe-text';
import { clockTime, duration, percent, seconds } from './text';

/** Lengths of untrusted values inside one-line summaries. */
const NAME_LIMIT = 64;
const PATH_LIMIT = 120;
const RULE_LIMIT = 96;
/** Rules named in one security sentence before "and N more". */
const RULES_NAMED = 2;

export interface SummaryInput {
  host: string;
  anomalies: AnomalyState[];
  verdict: Verdict;
  links: Link[];
  correlated: boolean;
  /** Time the engine has seen data up to (for spikes still open). */
  now: number;
}

type Category = { label: string; impact: string };

const CATEGORIES: Array<{ test: RegExp; category: Category }> = [
  {
    test: /miner|mining|crypto|stratum|xmrig|minerd|cpuminer|xmr|monero/i,
    category: { label: 'Likely cryptomining', impact: 'someone else is spending this machine’s compute' },
  },
  {
    test: /privilege|sudoers|setuid|escalat|polkit/i,
    category: {
      label: 'Possible privilege escalation',
      impact: 'an account may have gained rights it should not have',
    },
  },
  {
    test: /shell|reverse|netcat|remote code|web server spawned|spawned.*(child|process)/i,
    category: { label: 'Possible intrusion', impact: 'a service ran commands it is not meant to run' },
  },
  {
    test: /memfd|fileless|\/dev\/shm|temp directory|\/tmp|drop and execute|drift/i,
    category: { label: 'Suspicious program', impact: 'a program that was not installed normally is running' },
  },
];

function categorize(texts: string[]): Category {
  for (const { test, category } of CATEGORIES) if (texts.some((t) => test.test(t))) return category;
  return { label: 'Suspicious activity', impact: 'security tools flagged the process behind the load' };
}

function processLabel(verdict: Verdict): string | undefined {
  const instance = verdict.culprit?.instance;
  if (!instance) return undefined;
  const name = clean(instance.name ?? instance.exePath ?? 'unknown', NAME_LIMIT);
  return instance.pid === undefined ? name : `${name} (pid ${instance.pid})`;
}

function spikePhrase(anomaly: AnomalyState, now: number): string {
  const value =
    anomaly.unit === 's' ? seconds : anomaly.unit === '1' ? percent : (v: number): string => `${v.toFixed(2)} cores`;
  const what =
    anomaly.metric === 'latency'
      ? `${clean(anomaly.entity['service.name'] ?? 'service', NAME_LIMIT)} latency`
      : anomaly.entity['container.id']
        ? `CPU of container ${anomaly.entity['container.id'].slice(0, 12)}`
        : 'CPU';
  const lasted =
    anomaly.end === undefined
      ? `ongoing for ${duration(now - anomaly.start)}`
      : `lasting ${duration(anomaly.end - anomaly.start)}`;
  return `${what} rose from ${value(anomaly.baseline)} to ${value(anomaly.peak)} at ${clockTime(anomaly.start)} (${lasted})`;
}

function ops(input: SummaryInput): string {
  const host = clean(input.host, NAME_LIMIT);
  const main = input.anomalies.find((a) => a.metric === 'cpu') ?? input.anomalies[0];
  const phrases = input.anomalies.map((a) => spikePhrase(a, input.now));
  const who = processLabel(input.verdict);
  const culpritShare = input.verdict.culprit?.share;
  const top = main?.contributors[0];
  let cause: string;
  if (who && culpritShare !== undefined) cause = `${who} accounts for ${percent(culpritShare)} of the rise`;
  else if (top)
    cause = `the top contributor is ${clean(top.instance.name ?? 'unknown', NAME_LIMIT)} (pid ${top.instance.pid ?? '?'}, ${percent(top.share)} of the rise)`;
  else cause = 'no single process accounts for the rise';
  return `On ${host}, ${phrases.join('; ')}; ${cause}.`;
}

function ruleList(links: Link[]): string {
  const seen = new Set<string>();
  const named: string[] = [];
  for (const link of links) {
    const key = `${link.signal.source}:${link.signal.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (named.length < RULES_NAMED)
      named.push(`${link.signal.source} “${clean(link.signal.rule, RULE_LIMIT)}” (${link.signal.severity})`);
  }
  const more = seen.size - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(' and ');
}

function security(input: SummaryInput): string {
  const alerts = input.links.filter((l) => l.signal.kind === 'alert');
  const culprit = input.verdict.culprit?.instance;
  if (input.correlated && culprit) {
    const details = [
      culprit.owner ? `user ${clean(culprit.owner, NAME_LIMIT)}` : undefined,
      culprit.exePath ? clean(culprit.exePath, PATH_LIMIT) : undefined,
      culprit.containerId ? `container ${culprit.containerId.slice(0, 12)}` : undefined,
    ].filter((d): d is string => d !== undefined);
    const how = input.verdict.culpritLinks.some((l) => l.level === 'lineage') ? ' (through its process lineage)' : '';
    const rules = new Set(input.verdict.culpritLinks.map((l) => `${l.signal.source}:${l.signal.rule}`)).size;
    return `${ruleList(input.verdict.culpritLinks)} ${rules === 1 ? 'ties' : 'tie'} ${processLabel(input.verdict)}${details.length > 0 ? `, ${details.join(', ')},` : ''} to the spike${how}.`;
  }
  if (alerts.length === 0) return `No security signal on ${clean(input.host, NAME_LIMIT)} relates to this spike.`;
  return `${ruleList(alerts)} on ${clean(input.host, NAME_LIMIT)} did not come from the processes behind the spike, so they do not explain it.`;
}

function business(input: SummaryInput): string {
  const host = clean(input.host, NAME_LIMIT);
  const latency = input.anomalies.find((a) => a.metric === 'latency');
  const slower =
    latency && latency.baseline > 0
      ? ` ${clean(latency.entity['service.name'] ?? 'The service', NAME_LIMIT)} requests were ${(latency.peak / latency.baseline).toFixed(1)}× slower than usual.`
      : '';
  const start = Math.min(...input.anomalies.map((a) => a.start));
  const ends = input.anomalies.map((a) => a.end);
  const span = ends.some((e) => e === undefined) ? input.now - start : Math.max(...(ends as number[])) - start;
  if (!input.correlated) {
    return `No confirmed security cause for the load on ${host} (${duration(span)}); treat it as an operational issue.${slower}`;
  }
  const texts = [...input.verdict.culpritLinks.map((l) => l.signal.rule), input.verdict.culprit?.instance.name ?? ''];
  const category = categorize(texts);
  return `${category.label} on ${host} for ${duration(span)}: ${category.impact}.${slower}`;
}

export function summarize(input: SummaryInput): Incident['summary'] {
  return { ops: ops(input), security: security(input), business: business(input) };
}
