import type { SignalSeverity, SignalSource } from '@lockstep/contract';
import type { ChangeEvent } from './change';
import type { ProcessRef } from './process';

/**
 * `alert`: a detection (a Falco rule, a Tetragon policy hit, a Suricata alert, a failed login burst...).
 * `context`: an observation that carries no judgement by itself (a Tetragon exec/exit record, an osquery
 * process row). Context never makes an incident on its own; it teaches the engine process identity and lineage.
 */
export type SignalKind = 'alert' | 'context';

/** One security observation in the engine's single shape, whatever tool produced it. */
export interface Signal {
  /** Epoch ms of the event. */
  time: number;
  source: SignalSource;
  kind: SignalKind;
  /** Rule, policy or event name, e.g. Falco's `rule`, `process_exec`, `sshd: Failed password`. */
  rule: string;
  severity: SignalSeverity;
  /** Host name as the tool reported it (lowercased); absent when the format carries none (e.g. raw audit.log). */
  host?: string;
  /** Normalized container id, when the event happened inside a container. */
  containerId?: string;
  k8sNamespace?: string;
  k8sPod?: string;
  process?: ProcessRef;
  /** `exec` / `exit` for process lifecycle records (Tetragon, auditd execve, osquery process_events). */
  lifecycle?: 'exec' | 'exit';
  /**
   * The account the event is about, as the tool wrote it: the user a login tried, the account sudo or su ran as or
   * was refused, the account created or changed, the tool's `user.name`, audit's `acct`.
   */
  user?: string;
  /**
   * The other end, as the tool named it (ECS `source.address` / `destination.address`: an IP address, or a host name
   * where the tool printed one): a login's client, a flow's endpoints, an accepted connection's peer (source) or a
   * connect()'s target (destination).
   */
  srcAddress?: string;
  srcPort?: number;
  destAddress?: string;
  destPort?: number;
  /** Whether the attempt the signal reports succeeded (ECS `event.outcome`); absent when it reports no attempt. */
  outcome?: 'success' | 'failure';
  /** How many occurrences this one signal stands for (`message repeated 3 times`, a brute-force burst); absent: 1. */
  count?: number;
  /** The tool's own human-readable text (untrusted). */
  output?: string;
  /** Extra tags worth keeping (MITRE ids, Falco tags). */
  tags?: string[];
}

/** A record a normalizer read but that is neither a security signal nor a change (e.g. Falco's metrics snapshot). */
export interface Skipped {
  skipped: true;
  reason: string;
}

export type NormalizeResult = Signal | Skipped;
/** What a change tool's parser makes of one record (dpkg, apt, change JSON): a change, or a skip. */
export type ChangeResult = ChangeEvent | Skipped;
/** Either: what the event decoder collects from any tool. */
export type EventResult = NormalizeResult | ChangeResult;

export function isSkipped(result: EventResult): result is Skipped {
  return (result as Skipped).skipped === true;
}
