import type { NormalizeResult, Signal } from '../../../model/signal';
import type { JsonObject } from '../common/fields';
import { cap, get, getObject, ipAddress, isObject, nonNegativeInt, stringList, text } from '../common/fields';
import { MAX_HOST, MAX_NAME, MAX_OUTPUT, MAX_RULE, MAX_TAG, MAX_TAGS } from '../../../model/limits';
import { ASSIGNED_SEVERITY, suricataSeverity } from '../common/severity';
import { skipped } from '../common/skipped';
import { parseTimestampMillis } from '../common/timestamps';

/** Suricata rule metadata keys whose values are worth keeping as tags (ATT&CK ids). */
const METADATA_TAG_KEYS = ['mitre_tactic_id', 'mitre_technique_id'];

/**
 * One Suricata EVE JSON record. `alert` records are detections on a network flow; `anomaly` records are low
 * alerts; every other event type (flow, dns, http, fileinfo, stats, ...) is valid telemetry but no signal.
 * Suricata knows addresses and ports (`src_ip`/`src_port` is the flow's initiator), not processes: the engine ties these to a host by address and time.
 */
const MAX_PORT = 65535;

export function normalizeSuricata(record: unknown): NormalizeResult[] {
  if (!isObject(record)) return [skipped('suricata: invalid record: not a JSON object')];
  const eventType = text(get(record, 'event_type'), MAX_NAME);
  if (eventType === undefined) return [skipped('suricata: missing event_type')];
  if (eventType !== 'alert' && eventType !== 'anomaly')
    return [skipped(`suricata: ${eventType} events carry no alert`)];
  const time = parseTimestampMillis(get(record, 'timestamp'));
  if (time === undefined) return [skipped(`suricata: ${eventType} with missing or invalid timestamp`)];
  const signal = eventType === 'alert' ? alertSignal(record, time) : anomalySignal(record, time);
  if (signal === undefined) return [skipped('suricata: alert missing alert.signature')];
  const host = text(get(record, 'host'), MAX_HOST);
  if (host !== undefined) signal.host = host.toLowerCase();
  const srcAddress = ipAddress(get(record, 'src_ip'));
  if (srcAddress !== undefined) signal.srcAddress = srcAddress;
  const srcPort = nonNegativeInt(get(record, 'src_port'));
  if (srcAddress !== undefined && srcPort !== undefined && srcPort <= MAX_PORT) signal.srcPort = srcPort;
  const destAddress = ipAddress(get(record, 'dest_ip'));
  if (destAddress !== undefined) signal.destAddress = destAddress;
  const destPort = nonNegativeInt(get(record, 'dest_port'));
  if (destAddress !== undefined && destPort !== undefined && destPort <= MAX_PORT) signal.destPort = destPort;
  signal.output ??= flowText(record);
  return [signal];
}

function alertSignal(record: JsonObject, time: number): Signal | undefined {
  const alert = getObject(record, 'alert');
  if (!alert) return undefined;
  const sid = nonNegativeInt(get(alert, 'signature_id'));
  const rule = text(get(alert, 'signature'), MAX_RULE) ?? (sid !== undefined ? `suricata sid ${sid}` : undefined);
  if (rule === undefined) return undefined;
  const signal: Signal = {
    time,
    source: 'suricata',
    kind: 'alert',
    rule,
    severity: suricataSeverity(get(alert, 'severity')),
  };
  const tags: string[] = [];
  const category = text(get(alert, 'category'), MAX_TAG);
  if (category !== undefined) tags.push(category);
  const metadata = getObject(alert, 'metadata');
  if (metadata) {
    for (const key of METADATA_TAG_KEYS) tags.push(...(stringList(get(metadata, key), MAX_TAGS, MAX_TAG) ?? []));
  }
  if (tags.length > 0) signal.tags = tags.slice(0, MAX_TAGS);
  return signal;
}

/** Anomaly records name a decoder or app-layer event, e.g. `ipv4.trunc_pkt`, `UNABLE_TO_MATCH_RESPONSE_TO_REQUEST`. */
function anomalySignal(record: JsonObject, time: number): Signal {
  const anomaly = getObject(record, 'anomaly');
  const what = anomaly ? (text(get(anomaly, 'event'), MAX_RULE) ?? text(get(anomaly, 'type'), MAX_RULE)) : undefined;
  return {
    time,
    source: 'suricata',
    kind: 'alert',
    rule: cap(what === undefined ? 'anomaly' : `anomaly: ${what}`, MAX_RULE),
    severity: ASSIGNED_SEVERITY.networkAnomaly,
  };
}

/** `TCP 172.17.0.2:41402 -> 54.230.202.37:80`, the flow as fast.log prints it. */
function flowText(record: JsonObject): string | undefined {
  const src = ipAddress(get(record, 'src_ip'));
  const dest = ipAddress(get(record, 'dest_ip'));
  if (src === undefined || dest === undefined) return undefined;
  const proto = text(get(record, 'proto'), MAX_NAME) ?? '';
  const srcPort = nonNegativeInt(get(record, 'src_port'));
  const destPort = nonNegativeInt(get(record, 'dest_port'));
  const from = srcPort === undefined ? src : `${src}:${srcPort}`;
  const to = destPort === undefined ? dest : `${dest}:${destPort}`;
  return cap(`${proto} ${from} -> ${to}`.trim(), MAX_OUTPUT);
}
