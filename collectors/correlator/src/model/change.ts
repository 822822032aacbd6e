import type { ChangeSource } from '@lockstep/contract';

/**
 * How a change can be undone by a later record that names no id: the inverse `iptables -D` of an `iptables -A`,
 * the `nft_unregister_rule` of an `nft_register_rule`. Two records undo each other when their `key` is equal and
 * their `op` opposite.
 */
export interface UndoKey {
  key: string;
  op: 'add' | 'remove';
}

/** One change on an entity in the engine's single shape, whatever its source. */
export interface ChangeEvent {
  kind: 'change';
  /** Epoch ms of the change. */
  time: number;
  source: ChangeSource;
  /** `deploy`, `package`, `config`, `firewall`, `access`, or another word change JSON gave. */
  change: string;
  /** What changed, in one line (untrusted). */
  summary: string;
  /** The source's id, when it gave one (a deployment id, a change JSON id). */
  id?: string;
  actor?: string;
  /** The id of the change this one undoes. */
  reverts?: string;
  undo?: UndoKey;
  /**
   * False for a firewall or access change nothing could be matched as reverting (a whole table restored, a kernel
   * record without the command that made it): listed, never a finding.
   */
  temporary?: false;
  /** Where: as reported (host names lowercased), any of them. */
  host?: string;
  service?: string;
  containerId?: string;
  k8sNamespace?: string;
  k8sPod?: string;
}

/** Changes that open a window (a rule opened "for an hour"): reverted or they become a finding. */
export const TEMPORARY_CHANGE_KINDS: ReadonlySet<string> = new Set(['firewall', 'access']);

export function isChange(observation: { kind: string }): observation is ChangeEvent {
  return observation.kind === 'change';
}
