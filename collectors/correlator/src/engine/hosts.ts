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
  private readonly byShort = new Map<string, string | null>();

  add(host: string): void {
    if (this.known.has(host)) return;
    this.known.add(host);
    const short = shortName(host);
    // Two metric hosts with the same short name make the short name ambiguous: remember that with null.
    this.byShort.set(short, this.byShort.has(short) && this.byShort.get(short) !== host ? null : host);
  }

  /** Forgets a host (evicted): its short name then means whichever other known host has it, if exactly one. */
  remove(host: string): void {
    if (!this.known.delete(host)) return;
    const short = shortName(host);
    const others = [...this.known].filter((known) => shortName(known) === short);
    if (this.byShort.get(short) === host || others.length <= 1) {
      if (others.length === 1) this.byShort.set(short, others[0] as string);
      else this.byShort.delete(short);
    }
  }

  get hosts(): ReadonlySet<string> {
    return this.known;
  }

  /** The metrics host a signal's host name refers to, or undefined if it cannot be told. */
  resolve(raw: string | undefined): string | undefined {
    if (raw === undefined || raw === '' || LOCAL_NAMES.has(raw)) return this.soleHost();
    if (this.known.has(raw)) return raw;
    const viaShort = this.byShort.get(shortName(raw));
    return viaShort ?? undefined;
  }

  private soleHost(): string | undefined {
    if (this.known.size !== 1) return undefined;
    for (const host of this.known) return host;
    return undefined;
  }
}
