import { createDataFrame, FieldType, type DataFrame, type ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import type { LockstepVariableQuery } from '../../common/query';
import type { LockstepClient } from '../api/client';
import { isEntityList } from '../api/guards';
import { firstOfEach } from './combinations';
import { entityValues } from './filters';

const KINDS: ReadonlyArray<LockstepVariableQuery['kind']> = ['hosts', 'containers', 'services'];

/**
 * A variable query as saved: the object the editor writes, or a bare kind typed as text (`hosts`). Anything else
 * lists hosts, the variable most dashboards start from.
 */
export function toVariableQuery(saved: unknown): LockstepVariableQuery {
  if (typeof saved === 'string') {
    const kind = KINDS.find((k) => k === saved.trim());
    return { kind: kind ?? 'hosts' };
  }
  if (typeof saved === 'object' && saved !== null && KINDS.includes((saved as LockstepVariableQuery).kind)) {
    return saved as LockstepVariableQuery;
  }
  return { kind: 'hosts' };
}

export interface EntityRequest {
  client: LockstepClient;
  templateSrv: TemplateSrv;
  scopedVars?: ScopedVars;
  /** Epoch ms; without it the names of all time. */
  range?: { from: number; to: number };
}

/** The names a variable lists, ascending (GET /api/v1/entities); its filters may hold other variables. */
export async function entityNames(saved: unknown, request: EntityRequest): Promise<string[]> {
  const query = toVariableQuery(saved);
  const { entity } = firstOfEach(entityValues(query, request.scopedVars, request.templateSrv));
  const answer = await request.client.get(
    '/api/v1/entities',
    { from: request.range?.from, to: request.range?.to, kind: query.kind, ...entity },
    isEntityList
  );
  return answer.items;
}

/** Names as the frame Grafana reads variable values from (`text` and `value` fields). */
export function namesFrame(names: string[]): DataFrame {
  return createDataFrame({
    fields: [
      { name: 'text', type: FieldType.string, values: names },
      { name: 'value', type: FieldType.string, values: names },
    ],
  });
}
