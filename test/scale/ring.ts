import { crc32 } from 'node:zlib';

/**
 * A consistent-hash ring over shard endpoints, modelled on the OpenTelemetry Collector's load-balancing exporter:
 * each endpoint takes many positions on a ring of `MAX_POSITIONS` (crc32 of the endpoint and an index), and a
 * routing key (here `host.name`) goes to the endpoint at the first position at or after the key's own crc32.
 * Removing an endpoint moves only the keys it owned; the others keep their shard.
 */
const MAX_POSITIONS = 36_000;
const POSITIONS_PER_ENDPOINT = 100;

export class HashRing {
  private points: Array<{ position: number; endpoint: string }> = [];

  constructor(endpoints: readonly string[]) {
    this.set(endpoints);
  }

  set(endpoints: readonly string[]): void {
    const points: Array<{ position: number; endpoint: string }> = [];
    for (const endpoint of endpoints) {
      for (let i = 0; i < POSITIONS_PER_ENDPOINT; i++) {
        points.push({ position: crc32(`${endpoint}${i}`) % MAX_POSITIONS, endpoint });
      }
    }
    this.points = points.sort((a, b) => a.position - b.position || (a.endpoint < b.endpoint ? -1 : 1));
  }

  get endpoints(): string[] {
    return [...new Set(this.points.map((p) => p.endpoint))].sort();
  }

  endpointFor(key: string): string {
    if (this.points.length === 0) throw new Error('the ring has no endpoints');
    const position = crc32(key) % MAX_POSITIONS;
    const at = this.points.find((p) => p.position >= position) ?? this.points[0];
    return (at as { endpoint: string }).endpoint;
  }
}
