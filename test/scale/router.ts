import { HashRing } from './ring';

/**
 * The gateway of docs/scale.md in miniature: OTLP/JSON requests split per resource by `host.name` over a hash ring
 * of shards (ring.ts), each part sent to its shard's OTLP/HTTP listener. Like the Collector's exporter with its
 * retry: a part refused with 503 + Retry-After waits and is sent again; a shard that refuses connections is taken
 * off the ring (as the exporter's DNS resolver drops a gone backend) and its hosts' parts go to their new shards.
 * `send` resolves once every part is acknowledged (200) by some shard: what it returns has been stored.
 */
export type Otlp = Record<string, unknown>;

interface Part {
  shard: string;
  resources: unknown[];
}

const GIVE_UP_MS = 180_000;

export class ShardRouter {
  readonly ring: HashRing;
  /** Answers seen, by status (or 'refused' for a connection refused), for the test to read. */
  readonly answers = new Map<string, number>();

  constructor(private readonly shards: Map<string, string>) {
    this.ring = new HashRing([...shards.keys()]);
  }

  shardOf(host: string): string {
    return this.ring.endpointFor(host);
  }

  /** Takes a shard off the ring (it is gone); its hosts move to the others. */
  remove(shard: string): void {
    this.ring.set(this.ring.endpoints.filter((name) => name !== shard));
  }

  /** Sends an ExportMetricsServiceRequest (`/v1/metrics`) or ExportLogsServiceRequest (`/v1/logs`). */
  async send(path: '/v1/metrics' | '/v1/logs', request: Otlp): Promise<void> {
    const key = path === '/v1/metrics' ? 'resourceMetrics' : 'resourceLogs';
    const deadline = Date.now() + GIVE_UP_MS;
    let pending = (request[key] as unknown[]) ?? [];
    while (pending.length > 0) {
      if (Date.now() > deadline) throw new Error(`gave up sending to ${path} after ${GIVE_UP_MS} ms`);
      const parts = this.split(pending);
      const outcomes = await Promise.all(parts.map((part) => this.post(path, key, part)));
      pending = parts.filter((_, i) => outcomes[i] !== 'ok').flatMap((part) => part.resources);
      const waits = outcomes.filter((o): o is number => typeof o === 'number');
      if (pending.length > 0) await sleep(waits.length > 0 ? Math.max(...waits) * 1000 : 100);
    }
  }

  private split(resources: unknown[]): Part[] {
    const byShard = new Map<string, unknown[]>();
    for (const resource of resources) {
      const shard = this.shardOf(hostName(resource));
      byShard.set(shard, [...(byShard.get(shard) ?? []), resource]);
    }
    return [...byShard].map(([shard, list]) => ({ shard, resources: list }));
  }

  /** 'ok', seconds to wait before a retry, or 'moved' when the shard is gone and the part must be routed again. */
  private async post(path: string, key: string, part: Part): Promise<'ok' | 'moved' | number> {
    const url = this.shards.get(part.shard) as string;
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ [key]: part.resources }),
      });
    } catch {
      this.count('refused');
      this.remove(part.shard);
      return 'moved';
    }
    await response.arrayBuffer();
    this.count(String(response.status));
    if (response.status === 200) return 'ok';
    if (response.status === 503 || response.status === 429) return Number(response.headers.get('retry-after') ?? 1);
    throw new Error(`${part.shard} answered ${response.status} to ${path}`);
  }

  private count(answer: string): void {
    this.answers.set(answer, (this.answers.get(answer) ?? 0) + 1);
  }
}

function hostName(resource: unknown): string {
  const attributes = ((resource as { resource?: { attributes?: unknown[] } }).resource?.attributes ?? []) as Array<{
    key: string;
    value: { stringValue?: string };
  }>;
  return attributes.find((a) => a.key === 'host.name')?.value.stringValue ?? '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
