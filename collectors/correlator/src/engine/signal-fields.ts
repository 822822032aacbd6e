import type { IncidentSignal } from '@lockstep/contract';
import type { Signal } from '../model/signal';

/** The fields of a signal people search by, in the contract's (ECS) names. */
export type SearchFields = Pick<
  IncidentSignal,
  'user.name' | 'source.address' | 'source.port' | 'destination.address' | 'destination.port' | 'event.outcome'
>;

/**
 * A signal's user, addresses, ports and outcome as incidents and `/api/v1/signals` carry them. They stay as the tool
 * wrote them (JSON escapes them on the way out, the Grafana plugins render them as text), so a search by a user name
 * or an address finds exactly what the log said.
 */
export function searchFields(signal: Signal): SearchFields {
  const out: SearchFields = {};
  if (signal.user !== undefined) out['user.name'] = signal.user;
  if (signal.srcAddress !== undefined) out['source.address'] = signal.srcAddress;
  if (signal.srcPort !== undefined) out['source.port'] = signal.srcPort;
  if (signal.destAddress !== undefined) out['destination.address'] = signal.destAddress;
  if (signal.destPort !== undefined) out['destination.port'] = signal.destPort;
  if (signal.outcome !== undefined) out['event.outcome'] = signal.outcome;
  return out;
}

/**
 * What repeats of one signal share, so they fold into one entry with a count: the same rule from the same tool, about
 * the same process (or, for a failed login, from the same source: sshd starts a process per connection, and a burst
 * of failures from one address is one finding), on the same user and addresses.
 */
export function foldKey(signal: Signal, who: string | number): string {
  const bySource = signal.outcome === 'failure' && signal.srcAddress !== undefined;
  return [
    signal.source,
    signal.rule,
    bySource ? '' : who,
    signal.user ?? '',
    signal.srcAddress ?? '',
    signal.destAddress ?? '',
  ].join('\u0000');
}
