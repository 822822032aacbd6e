import type { SignalSeverity } from '@lockstep/contract';

/**
 * Every tool's own severity mapped onto the engine scale `info | low | medium | high | critical`, plus the
 * severities Lockstep assigns where a tool has none (auth.log, audit records, exec locations).
 */

/** Falco priorities (case-insensitive names, and the syslog levels 0-7 they are modelled on). */
const FALCO_PRIORITY: ReadonlyMap<string, SignalSeverity> = new Map([
  ['emergency', 'critical'],
  ['alert', 'critical'],
  ['critical', 'critical'],
  ['error', 'high'],
  ['warning', 'medium'],
  ['notice', 'low'],
  ['informational', 'info'],
  ['info', 'info'],
  ['debug', 'info'],
]);
const SYSLOG_LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'];

/** A Falco rule fired but its priority is missing or unknown: treat it like the default ruleset's median. */
const FALCO_UNKNOWN_PRIORITY: SignalSeverity = 'medium';

export function falcoSeverity(priority: unknown): SignalSeverity {
  let name: string | undefined;
  if (typeof priority === 'string') name = priority.trim().toLowerCase();
  else if (typeof priority === 'number' && Number.isInteger(priority)) name = SYSLOG_LEVELS[priority];
  return (name !== undefined ? FALCO_PRIORITY.get(name) : undefined) ?? FALCO_UNKNOWN_PRIORITY;
}

/** Suricata `alert.severity`: 1 is the most severe; 3 is what a rule without `priority` gets. */
const SURICATA_HIGH = 1;
const SURICATA_MEDIUM = 2;

export function suricataSeverity(severity: unknown): SignalSeverity {
  const n = typeof severity === 'string' ? Number(severity) : severity;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < SURICATA_HIGH) return 'low';
  if (n === SURICATA_HIGH) return 'high';
  if (n === SURICATA_MEDIUM) return 'medium';
  return 'low';
}

/**
 * Tetragon policy hits carry no severity. A policy that enforced (killed, signalled, overrode the return of the
 * call) judged the behaviour bad enough to stop it: high. Any other hit is a detection: medium.
 */
const TETRAGON_ENFORCING_ACTIONS = new Set([
  'KPROBE_ACTION_SIGKILL',
  'KPROBE_ACTION_SIGNAL',
  'KPROBE_ACTION_OVERRIDE',
  'KPROBE_ACTION_NOTIFYENFORCER',
]);

export function tetragonPolicySeverity(action: unknown): SignalSeverity {
  return typeof action === 'string' && TETRAGON_ENFORCING_ACTIONS.has(action) ? 'high' : 'medium';
}

/** Severities Lockstep assigns to detections whose tool has no severity of its own. */
export const ASSIGNED_SEVERITY = {
  /** Context records (exec, exit, query rows, accepted logins): observations, no judgement. */
  context: 'info',
  /** An exec from /tmp, /var/tmp, /dev/shm, a memfd or a deleted file: how dropped miners and implants start. */
  suspiciousExec: 'medium',
  /** An audit rule with a `key` matched: an operator asked to watch this, but it is a watch hit, not a verdict. */
  auditKey: 'low',
  /** SELinux / AppArmor denied an access. */
  accessDenied: 'medium',
  /** Kernel anomaly records (ANOM_ABEND, ANOM_PROMISCUOUS, ...). */
  auditAnomaly: 'medium',
  /** A seccomp filter killed a process, or a kernel module was loaded. */
  kernelEnforcement: 'low',
  /** One failed password, an invalid user, a scanner that never sent a banner: noise alone, a pattern in bulk. */
  failedLogin: 'low',
  /** sshd gave up on a client after too many failures: a brute force in progress. */
  bruteForce: 'medium',
  /** sudo or su refused (wrong password). */
  privilegeFailure: 'medium',
  /** `user NOT in sudoers`: someone tried root without the right to. */
  notInSudoers: 'high',
  /** A new user account (persistence), or a user put into a privileged group. */
  accountCreated: 'medium',
  privilegedGroupGrant: 'high',
  /** A new group, a password change, a deleted account, other account edits. */
  accountChanged: 'low',
  /** Suricata `anomaly` records: protocol decoding oddities. */
  networkAnomaly: 'low',
} as const satisfies Record<string, SignalSeverity>;
