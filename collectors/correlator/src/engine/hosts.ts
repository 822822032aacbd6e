/** Names syslog-style sources use for "this machine" when they do not know better. */
const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', '127.0.0.1', '::1']);

function shortName(host: string): string {
  const dot = host.indexOf('.');
  return dot > 0 && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? host.slice(0, dot) : host;
}

/**
 * Maps the host names security tools print onto the hosts metrics come from. Tools disagree on spelling
 * (FQDN vs short name, case; syslog often says `localhost`), so: exact match, then short-name match, then —
 * when exactly one host sends metrics — `localhost` and missing names mean that host.
 */
export class HostDirectory {
  private readonly known = new Set<string>();
  /** Known hosts by short name; two or more make the short name ambiguous. */
  private readonly byShort = new Map<string, Set<string>>();

  add(host: string): void {
    if (this.known.has(host)) return;
    this.known.add(host);
    const short = shortName(host);
    let hosts = this.byShort.get(short);
    if (!hosts) this.byShort.set(short, (hosts = new Set()));
    hosts.add(host);
  }

  /** Forgets a host (evicted): its short name then means the other known host that has it, if exactly one. */
  remove(host: string): void {
    if (!this.known.delete(host)) return;
    const short = shortName(host);
    const hosts = this.byShort.get(short);
    hosts?.delete(host);
    if (hosts?.size === 0) this.byShort.delete(short);
  }

  get hosts(): ReadonlySet<string> {
    return this.known;
  }

  /** The metrics host a signal's host name refers to, or undefined if it cannot be told. */
  resolve(raw: string | undefined): string | undefined {
    if (raw === undefined || raw === '' || LOCAL_NAMES.has(raw)) return this.soleHost();
    if (this.known.has(raw)) return raw;
    const viaShort = this.byShort.get(shortName(raw));
    if (viaShort?.size !== 1) return undefined;
    for (const host of viaShort) return host;
    return undefined;
  }

  private soleHost(): string | undefined {
    if (this.known.size !== 1) return undefined;
    for (const host of this.known) return host;
    return undefined;
  }
}
