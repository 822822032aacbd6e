import { normalizeContainerId } from '../../model/container';
import type { CursorKey } from './cursor';
import type { EntityFilter, TimeRange } from './store';

export type Params = Record<string, string | number>;

/** WHERE conditions and their named parameters; values are always bound, never spliced into SQL. */
export class Where {
  readonly conditions: string[] = [];
  readonly params: Params = {};

  add(condition: string, params: Params = {}): this {
    this.conditions.push(condition);
    Object.assign(this.params, params);
    return this;
  }

  /** Items whose [start, end] overlaps [from, to); an open item (end NULL) runs on. */
  range(range: TimeRange, startColumn: string): this {
    if (range.to !== undefined) this.add(`${startColumn} < @to`, { to: range.to });
    if (range.from !== undefined) this.add('(end_ms IS NULL OR end_ms >= @from)', { from: range.from });
    return this;
  }

  entity(filter: EntityFilter): this {
    if (filter.host !== undefined) this.add('host = @host', { host: filter.host });
    if (filter.service !== undefined) this.add('service = @service', { service: filter.service });
    if (filter.pod !== undefined) this.add('pod = @pod', { pod: filter.pod });
    if (filter.container !== undefined) this.container(filter.container);
    return this;
  }

  /** Newest first: everything strictly before the cursor's (time, id). */
  before(cursor: CursorKey | undefined, startColumn: string): this {
    if (cursor === undefined) return this;
    return this.add(`(${startColumn}, id) < (@cursorTime, @cursorId)`, {
      cursorTime: cursor.time,
      cursorId: cursor.id,
    });
  }

  sql(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }

  /** Sources spell container ids differently (12 or 64 hex); a short id matches the full one it begins. */
  private container(raw: string): void {
    const id = normalizeContainerId(raw);
    if (id === undefined) {
      this.add('container = @container', { container: raw });
      return;
    }
    this.add(
      '(substr(container, 1, length(@container)) = @container OR substr(@container, 1, length(container)) = container)',
      { container: id },
    );
  }
}
