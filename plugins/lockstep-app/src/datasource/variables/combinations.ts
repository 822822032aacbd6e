import { ENTITY_KEYS, type Entity, type EntityKey, type EntityValues } from './filters';

/**
 * Requests a multi-value selection may fan out to: each is a round trip through the data proxy, and more than
 * this many selected entities is better served by `All` (no filter) or a narrower selection.
 */
export const MAX_COMBINATIONS = 20;

const LABEL: Readonly<Record<EntityKey, string>> = { host: 'Host', container: 'Container', service: 'Service' };

/**
 * List queries (incidents, anomalies, signals): one request per combination of the selected values, merged by the
 * caller. The API filters by one exact value per entity, so this is how `$host = web-1 + web-2` shows both.
 */
export function combinations(values: EntityValues): Entity[] {
  let out: Entity[] = [{}];
  for (const key of ENTITY_KEYS) {
    const list = values[key];
    if (list !== undefined) {
      out = out.flatMap((entity) => list.map((value) => ({ ...entity, [key]: value })));
    }
  }
  if (out.length > MAX_COMBINATIONS) {
    throw new Error(
      `The selected hosts, containers and services make ${out.length} combinations, one request each; ` +
        `select at most ${MAX_COMBINATIONS}, or All.`
    );
  }
  return out;
}

/**
 * Queries about one entity (timeline, processes, KPIs): the first selected value of each filter, and a notice for
 * each filter that had more, so the panel says which one it shows.
 */
export function firstOfEach(values: EntityValues): { entity: Entity; notices: string[] } {
  const entity: Entity = {};
  const notices: string[] = [];
  for (const key of ENTITY_KEYS) {
    const list = values[key];
    if (list === undefined) {
      continue;
    }
    entity[key] = list[0];
    if (list.length > 1) {
      notices.push(`${LABEL[key]} has ${list.length} values selected; this query shows the first, ${list[0]}.`);
    }
  }
  return { entity, notices };
}
