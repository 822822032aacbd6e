import type { Business, Incident } from '@lockstep/contract';
import type { AnomalyState } from './anomalies';
import type { Share } from './attribution';
import type { Link } from './evidence';
import type { ProcessInstance } from './processes/instance';
import type { Verdict } from './scoring';
import { safeText as clean } from '../model/safe-text';
import { businessName, costSentence } from './business-terms';
import { afterChange } from './change-phrases';
import type { StoredChange } from './changes/store';
import { incidentSpan } from './span';
import { clockTime, duration, percent, seconds } from './text';

/** Lengths of untrusted values inside one-line summaries. */
const NAME_LIMIT = 64;
const PATH_LIMIT = 120;
const RULE_LIMIT = 96;
/** Rules named in one security sentence before "and N more". */
const RULES_NAMED = 2;

export interface SummaryInput {
  host: string;
  anomalies: readonly AnomalyState[];
  verdict: Verdict;
  links: Link[];
  /** Everything that accounts for the rise, largest share first (the security tooling included). */
  contributors: readonly Share[];
  correlated: boolean;
  /** Time the engine has seen data up to (for spikes still open). */
  now: number;
  /** Changes on the entity shortly before the spikes, closest to their start first. */
  changes?: readonly StoredChange[];
  /** From the service catalogue, when one is configured and the entity matches an entry. */
  business?: Business | null;
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

/** Below this share a security agent is a bystander of the spike, not behind it. */
const TOOLING_BEHIND_SHARE = 0.25;

/** `xmrig (pid 4242)`, or for a group `xmrig (pid 4242, one of 12 instances)`. */
function label(instance: ProcessInstance, instances: number, extra?: string): string {
  const name = clean(instance.name ?? instance.exePath ?? 'unknown', NAME_LIMIT);
  const details = [
    instance.pid === undefined ? undefined : `pid ${instance.pid}`,
    instances > 1 ? `one of ${instances} instances` : undefined,
    extra,
  ].filter((d): d is string => d !== undefined);
  return details.length === 0 ? name : `${name} (${details.join(', ')})`;
}

function processLabel(verdict: Verdict): string | undefined {
  const instance = verdict.named;
  return instance === undefined ? undefined : label(instance, verdict.culprit?.instances ?? 1);
}

/** The security or monitoring agents behind the spike, when the largest contributor is one. */
function toolingBehind(input: SummaryInput): Share[] {
  if (input.contributors[0]?.tooling === undefined) return [];
  return input.contributors.filter((c) => c.tooling !== undefined && c.share >= TOOLING_BEHIND_SHARE);
}

function toolList(tools: readonly Share[], withShares: boolean): string {
  return tools
    .map((t) => {
      const who = label(t.instance, t.instances, t.tooling);
      return withShares ? `${who} accounts for ${percent(t.share)} of the rise` : who;
    })
    .join(withShares ? ' and ' : ', ');
}

function products(tools: readonly Share[]): string {
  return [...new Set(tools.map((t) => t.tooling))].join(' and ');
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
  const closest = input.changes?.[0];
  if (closest !== undefined) {
    // The change is told beside the spike it came before: the earliest one.
    const first = input.anomalies.reduce((a, b) => (b.start < a.start ? b : a));
    const i = input.anomalies.indexOf(first);
    phrases[i] = `${phrases[i] ?? ''}, ${afterChange(closest, first.start)}`;
  }
  const who = processLabel(input.verdict);
  const culpritShare = input.verdict.culprit?.share;
  const tools = input.contributors.filter((c) => c.tooling !== undefined && c.share >= TOOLING_BEHIND_SHARE);
  const top = input.contributors[0] ?? main?.contributors[0];
  let cause: string;
  if (who && culpritShare !== undefined) {
    cause = `${who} accounts for ${percent(culpritShare)} of the rise`;
    if (tools.length > 0) cause += `, beside the security tooling: ${toolList(tools, true)}`;
  } else if (toolingBehind(input).length > 0) {
    cause = `the security tooling itself is behind it: ${toolList(toolingBehind(input), true)}`;
  } else if (top) {
    cause = `the top contributor is ${label(top.instance, top.instances, `${percent(top.share)} of the rise`)}`;
  } else cause = 'no single process accounts for the rise';
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
  const culprit = input.verdict.named;
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
  const host = clean(input.host, NAME_LIMIT);
  const tools = toolingBehind(input);
  if (tools.length > 0) {
    const own = alerts.filter((l) => l.tooling !== undefined);
    const others = alerts.filter((l) => l.tooling === undefined);
    const about =
      own.length > 0
        ? `${ruleList(own)} about the tooling ${own.length === 1 ? 'is' : 'are'} its own work, not an attack`
        : 'no security signal ties it to an attack';
    const rest = others.length > 0 ? `; ${ruleList(others)} on ${host} did not come from the processes behind it` : '';
    return `The spike is the security tooling at work — ${toolList(tools, false)}: ${about}${rest}.`;
  }
  if (alerts.length === 0) return `No security signal on ${host} relates to this spike.`;
  return `${ruleList(alerts)} on ${host} did not come from the processes behind the spike, so they do not explain it.`;
}

function business(input: SummaryInput): string {
  const host = clean(input.host, NAME_LIMIT);
  const named = input.business ? businessName(input.business) : undefined;
  const subject = named === undefined ? host : `${named} on ${host}`;
  const latency = input.anomalies.find((a) => a.metric === 'latency');
  const slower =
    latency && latency.baseline > 0
      ? ` ${clean(latency.entity['service.name'] ?? 'The service', NAME_LIMIT)} requests were ${(latency.peak / latency.baseline).toFixed(1)}× slower than usual.`
      : '';
  const span = incidentSpan(input.anomalies, input.now);
  const cost = costSentence(input.business, span.ms, span.open);
  const tools = toolingBehind(input);
  if (!input.correlated && tools.length > 0) {
    return `The load on ${subject} (${duration(span.ms)}) comes from its own security tooling (${products(tools)}), not from an attack: tune or reschedule that agent rather than treating this as an incident.${slower}${cost}`;
  }
  const change = input.changes?.[0];
  if (!input.correlated && change !== undefined) {
    const start = Math.min(...input.anomalies.map((a) => a.start));
    return `An operational change, not an attack: the load on ${subject} (${duration(span.ms)}) came ${afterChange(change, start)}, and no security evidence ties it to the processes behind it.${slower}${cost}`;
  }
  if (!input.correlated) {
    return `No confirmed security cause for the load on ${subject} (${duration(span.ms)}); treat it as an operational issue.${slower}${cost}`;
  }
  const texts = [...input.verdict.culpritLinks.map((l) => l.signal.rule), input.verdict.named?.name ?? ''];
  const category = categorize(texts);
  if (named !== undefined) {
    return `${named} ${span.open ? 'has been' : 'was'} slowed by ${category.label.toLowerCase()} for ${duration(span.ms)} on ${host}: ${category.impact}.${slower}${cost}`;
  }
  return `${category.label} on ${host} for ${duration(span.ms)}: ${category.impact}.${slower}`;
}

export function summarize(input: SummaryInput): Incident['summary'] {
  return { ops: ops(input), security: security(input), business: business(input) };
}
