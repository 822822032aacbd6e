import type { Entity } from '@lockstep/contract';
import { sameContainer } from '../../model/container';
import type { ChangeEvent } from '../../model/change';
import type { MetricSample } from '../../model/samples';
import type { HostDirectory } from '../hosts';

/** Entries each map keeps; past it the oldest learned goes first (a bound on memory, not a working limit). */
const MAX_PLACEMENTS = 50_000;

/**
 * Where services, pods and containers run, learned from the metrics' resource attributes: a change that names only
 * a service (a CI deploy of `checkout`) or a pod (a Kubernetes event) applies to the hosts that run it.
 */
export class Placements {
  private readonly servicesOfHost = new Map<string, Set<string>>();
  private readonly hostOfContainer = new Map<string, string>();
  private readonly hostOfPod = new Map<string, string>();
  private readonly servicesOfContainer = new Map<string, Set<string>>();
  private readonly namesOfContainer = new Map<string, string>();

  note(sample: MetricSample): void {
    if (sample.kind === 'host-cpu') return;
    const service = sample.kind === 'latency' ? sample.service : sample.serviceName;
    const container = sample.kind === 'process-cpu' ? sample.process.containerId : sample.containerId;
    if (service !== undefined) addTo(this.servicesOfHost, sample.host, service);
    if (container !== undefined) {
      remember(this.hostOfContainer, container, sample.host);
      if (service !== undefined) addTo(this.servicesOfContainer, container, service);
      if (sample.kind === 'container-cpu' && sample.containerName !== undefined) {
        remember(this.namesOfContainer, container, sample.containerName);
      }
    }
    const pod = sample.kind === 'container-cpu' || sample.kind === 'latency' ? sample.k8sPod : undefined;
    if (pod !== undefined) remember(this.hostOfPod, pod, sample.host);
  }

  /** The `container.name` seen for a container id, when one was. */
  containerName(id: string): string | undefined {
    const exact = this.namesOfContainer.get(id);
    if (exact !== undefined) return exact;
    for (const [known, name] of this.namesOfContainer) if (sameContainer(known, id)) return name;
    return undefined;
  }

  /** Services seen on a host, in name order. */
  servicesOn(host: string): string[] {
    return [...(this.servicesOfHost.get(host) ?? [])].sort();
  }

  /**
   * Whether a change applies to a spike on `entity`: it was made on the spike's host (a change that names no place
   * at all is the sole metrics host's), or on the spike's container, service or pod, or on one that runs on the
   * spike's host. A change that names another container or service than the spike's own does not apply to it.
   */
  applies(change: ChangeEvent, entity: Entity, directory: HostDirectory): boolean {
    const host = entity['host.name'];
    const container = entity['container.id'];
    const service = entity['service.name'];
    if (change.containerId !== undefined && container !== undefined && !sameContainer(change.containerId, container)) {
      return false;
    }
    if (change.service !== undefined && service !== undefined && change.service !== service) return false;
    const named =
      change.host !== undefined ||
      change.containerId !== undefined ||
      change.service !== undefined ||
      change.k8sPod !== undefined;
    if (!named) return directory.resolve(undefined) === host;
    if (change.host !== undefined && (directory.resolve(change.host) ?? change.host) === host) return true;
    if (change.containerId !== undefined) {
      if (container !== undefined) return true;
      if (this.containerHost(change.containerId) === host) return true;
    }
    if (change.service !== undefined) {
      if (service !== undefined) return true;
      if (container !== undefined) return this.servicesOfContainerOn(container).has(change.service);
      if (this.servicesOfHost.get(host)?.has(change.service) === true) return true;
    }
    if (change.k8sPod !== undefined) {
      const pod = entity['k8s.pod.name'];
      if (pod !== undefined) return pod === change.k8sPod;
      return this.hostOfPod.get(change.k8sPod) === host;
    }
    return false;
  }

  private containerHost(id: string): string | undefined {
    const exact = this.hostOfContainer.get(id);
    if (exact !== undefined) return exact;
    for (const [known, host] of this.hostOfContainer) if (sameContainer(known, id)) return host;
    return undefined;
  }

  private servicesOfContainerOn(id: string): Set<string> {
    for (const [known, services] of this.servicesOfContainer) if (sameContainer(known, id)) return services;
    return new Set();
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (set === undefined) {
    if (map.size >= MAX_PLACEMENTS) map.delete(map.keys().next().value as string);
    set = new Set();
    map.set(key, set);
  }
  if (set.size < MAX_PLACEMENTS) set.add(value);
}

function remember(map: Map<string, string>, key: string, value: string): void {
  if (!map.has(key) && map.size >= MAX_PLACEMENTS) map.delete(map.keys().next().value as string);
  map.set(key, value);
}
