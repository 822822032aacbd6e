import { processName } from './verdict';

/**
 * The program family of a syslog tag: OpenSSH 9.8 moved per-connection logging to `sshd-session` and 10.0 the
 * authentication to `sshd-auth`; RHEL 4 tagged PAM's lines `sshd(pam_unix)`. All of them are sshd's lines.
 */
const FAMILIES: ReadonlyMap<string, string> = new Map([
  ['sshd-session', 'sshd'],
  ['sshd-auth', 'sshd'],
  ['su-l', 'su'],
]);

export function programFamily(tag: string): string {
  const name = processName(tag);
  return FAMILIES.get(name) ?? name;
}

/** The PAM module a tag names (`sshd(pam_unix)` → `pam_unix`), if any. */
export function tagModule(tag: string): string | undefined {
  const m = /\((pam_[a-z0-9_]{1,32})\)$/.exec(tag);
  return m?.[1];
}
