import type { NormalizeResult } from '../../../model/signal';
import type { JsonObject } from '../common/fields';
import { get, getObject, isObject, text } from '../common/fields';
import { MAX_HOST, MAX_ROWS, MAX_RULE } from '../../../model/limits';
import type { QueryContext } from './row';
import { osqueryRowSignal } from './row';
import { skipped } from '../common/skipped';
import { epochSecondsToMillis, parseAsctimeUtc } from '../common/timestamps';

/**
 * One osquery result record, in any of the logger's shapes: differential event (`action` added/removed +
 * `columns`), snapshot (`snapshot` array), batched differential (`diffResults.added/removed`). One result per
 * row: query rows are observations (context), except process rows that show a suspicious exec location.
 */
export function normalizeOsquery(record: unknown): NormalizeResult[] {
  if (!isObject(record)) return [skipped('osquery: invalid record: not a JSON object')];
  const name = text(get(record, 'name'), MAX_RULE);
  if (name === undefined) return [skipped('osquery: missing query name')];
  const time = epochSecondsToMillis(get(record, 'unixTime')) ?? parseAsctimeUtc(get(record, 'calendarTime'));
  if (time === undefined) return [skipped(`osquery: ${name}: missing or invalid unixTime and calendarTime`)];
  const decorations = getObject(record, 'decorations');
  const host =
    text(get(record, 'hostIdentifier'), MAX_HOST) ??
    text(get(record, 'hostname'), MAX_HOST) ??
    (decorations ? text(get(decorations, 'hostname'), MAX_HOST) : undefined);
  const context: QueryContext = { name, time };
  if (host !== undefined) context.host = host.toLowerCase();

  const out: NormalizeResult[] = [];
  const budget = { left: MAX_ROWS };
  const action = get(record, 'action');
  const diff = getObject(record, 'diffResults');
  if (Array.isArray(get(record, 'snapshot'))) {
    rows(get(record, 'snapshot'), context, budget, out);
  } else if (diff) {
    rows(get(diff, 'added'), { ...context, action: 'added' }, budget, out);
    rows(get(diff, 'removed'), { ...context, action: 'removed' }, budget, out);
  } else if (action === 'added' || action === 'removed') {
    rows([get(record, 'columns')], { ...context, action }, budget, out);
  } else {
    return [skipped(`osquery: ${name}: missing columns, snapshot or diffResults`)];
  }
  if (budget.left < 0) out.push(skipped(`osquery: ${name}: rows past the first ${MAX_ROWS} were dropped`));
  return out;
}

function rows(value: unknown, context: QueryContext, budget: { left: number }, out: NormalizeResult[]): void {
  if (!Array.isArray(value)) return;
  for (const row of value) {
    if (budget.left <= 0) {
      budget.left = -1;
      return;
    }
    budget.left -= 1;
    if (isObject(row)) out.push(osqueryRowSignal(row as JsonObject, context));
    else out.push(skipped(`osquery: ${context.name}: invalid row (not an object)`));
  }
}
