const HEX64 = /[0-9a-f]{64}/;
const HEX12_EXACT = /^[0-9a-f]{12}$/;

/**
 * One spelling for container ids across sources: Falco prints the 12-hex short id, Tetragon
 * `containerd://` + 64 hex, cgroup paths embed the id (`docker-<id>.scope`, `cri-containerd-<id>.scope`,
 * `crio-<id>`, `libpod-<id>`), OTel `container.id` is usually the full 64 hex. Returns lowercase hex
 * (64 digits when the input has them, else 12), or undefined for "host" and other non-ids.
 */
export function normalizeContainerId(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().toLowerCase();
  if (value.length === 0 || value === 'host' || value === '<na>' || value === 'n/a') return undefined;
  const full = HEX64.exec(value);
  if (full) return full[0];
  const withoutScheme = value.replace(/^[a-z0-9-]+:\/\//, '');
  if (HEX12_EXACT.test(withoutScheme)) return withoutScheme;
  // Falco's container.id is 12 hex; some tools print 13+ (truncated differently): keep the first 12.
  const shortish = /^[0-9a-f]{12,63}$/.exec(withoutScheme);
  if (shortish) return withoutScheme.slice(0, 12);
  return undefined;
}

/** Two normalized ids name the same container when one is a prefix of the other (short vs full form). */
export function sameContainer(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}
