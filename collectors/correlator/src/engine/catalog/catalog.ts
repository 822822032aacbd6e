import type { Business } from '@lockstep/contract';
import picomatch from 'picomatch';
import type { CatalogEntry } from './schema';

/** What an incident's entity offers to match against: its own names and what runs on its host. */
export interface CatalogSubject {
  host: string;
  /** The entity's service, else the services seen on its host. */
  services: readonly string[];
  /** Names of the entity's container (from `container.name`), when known. */
  containerNames: readonly string[];
  k8sNamespace?: string;
}

type Matcher = (value: string) => boolean;

interface CompiledEntry {
  entry: CatalogEntry;
  service?: Matcher;
  host?: Matcher;
  containerName?: Matcher;
  k8sNamespace?: Matcher;
}

/** Glob patterns over names (not paths): `*` crosses `/` and `.`, so `web-*` matches `web-7.eu-west.internal`. */
function compile(pattern: string, nocase: boolean): Matcher {
  return picomatch(pattern, { dot: true, nocase, contains: false, bash: true });
}

/**
 * The service catalogue, compiled: the first entry (in file order) whose every `match` key matches the subject
 * names it in business terms.
 */
export class Catalog {
  private readonly entries: CompiledEntry[];

  constructor(entries: readonly CatalogEntry[]) {
    this.entries = entries.map((entry) => {
      const compiled: CompiledEntry = { entry };
      const { service, host, container_name: containerName, k8s_namespace: namespace } = entry.match;
      if (service !== undefined) compiled.service = compile(service, false);
      // Host names are case-insensitive (Lockstep lowercases them).
      if (host !== undefined) compiled.host = compile(host, true);
      if (containerName !== undefined) compiled.containerName = compile(containerName, false);
      if (namespace !== undefined) compiled.k8sNamespace = compile(namespace, false);
      return compiled;
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The business terms of the first matching entry, or null when none matches. */
  match(subject: CatalogSubject): Business | null {
    for (const compiled of this.entries) {
      if (compiled.host && !compiled.host(subject.host)) continue;
      const service = compiled.service ? subject.services.find(compiled.service) : undefined;
      if (compiled.service && service === undefined) continue;
      if (compiled.containerName && !subject.containerNames.some(compiled.containerName)) continue;
      if (compiled.k8sNamespace && (subject.k8sNamespace === undefined || !compiled.k8sNamespace(subject.k8sNamespace)))
        continue;
      return business(compiled.entry, service);
    }
    return null;
  }
}

/** `service`: the entry's `id`, else the service it matched, else its name. */
function business(entry: CatalogEntry, matchedService: string | undefined): Business {
  const out: Business = { service: entry.id ?? matchedService ?? entry.name, name: entry.name };
  if (entry.tier !== undefined) out.tier = entry.tier;
  if (entry.owner !== undefined) out.owner = entry.owner;
  if (entry.data_classes !== undefined) out.data_classes = [...entry.data_classes];
  if (entry.cost_per_hour !== undefined) out.cost_per_hour = entry.cost_per_hour;
  return out;
}
