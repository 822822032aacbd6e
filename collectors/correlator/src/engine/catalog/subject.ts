import type { Business, Entity } from '@lockstep/contract';
import type { Placements } from '../changes/placement';
import type { Catalog } from './catalog';

export type BusinessOf = (entity: Entity) => Business | null;

/**
 * The catalogue's terms for an incident's entity: matched by its service (else the services seen on its host), its
 * host, its container's `container.name` and its namespace. Undefined without a catalogue.
 */
export function businessLookup(catalog: Catalog | undefined, placements: Placements): BusinessOf | undefined {
  if (catalog === undefined) return undefined;
  return (entity) => {
    const service = entity['service.name'];
    const container = entity['container.id'];
    const name = container === undefined ? undefined : placements.containerName(container);
    return catalog.match({
      host: entity['host.name'],
      services: service === undefined ? placements.servicesOn(entity['host.name']) : [service],
      containerNames: name === undefined ? [] : [name],
      k8sNamespace: entity['k8s.namespace.name'],
    });
  };
}
