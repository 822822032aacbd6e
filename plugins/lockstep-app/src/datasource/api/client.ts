import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { LockstepError, toLockstepError } from './errors';
import { isPage } from './guards';
import type { ApiPage } from './types';

/** Query-string values; undefined ones are left out. */
export type Params = Record<string, string | number | undefined>;

/** The API's largest page. */
export const MAX_PAGE = 1000;

export function queryString(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) {
      search.append(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Requests to the correlator through Grafana's data proxy: `base` is `${instanceSettings.url}/lockstep` (the route
 * in plugin.json adds the correlator's URL and the bearer token server-side, so the token never reaches the
 * browser). `label` names the correlator in error sentences (its URL, which every Viewer can read anyway).
 */
export class LockstepClient {
  constructor(
    private readonly base: string,
    readonly label: string
  ) {}

  async get<T>(path: string, params: Params, isShape: (value: unknown) => value is T): Promise<T> {
    let data: unknown;
    try {
      const response = await lastValueFrom(
        getBackendSrv().fetch<unknown>({ url: `${this.base}${path}${queryString(params)}`, showErrorAlert: false })
      );
      data = response.data;
    } catch (error) {
      throw toLockstepError(error, this.label);
    }
    if (!isShape(data)) {
      throw new LockstepError(
        'not-lockstep',
        `${this.label} answered ${path}, but not as a Lockstep correlator: set the URL to the correlator's API ` +
          'address, such as http://correlator:8480, without a path.'
      );
    }
    return data;
  }

  /**
   * Up to `limit` items of a list route, newest first, following `next` page by page (keyset cursors: nothing is
   * repeated or skipped while the correlator writes). `more` says items were left past the limit.
   */
  async list<T>(
    path: string,
    params: Params,
    limit: number,
    pageSize = MAX_PAGE
  ): Promise<{ items: T[]; more: boolean }> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const want = Math.min(pageSize, limit - items.length);
      const page: ApiPage<T> = await this.get(path, { ...params, limit: want, cursor }, isPage<T>);
      items.push(...page.items);
      cursor = page.next;
      // An empty page with a cursor would loop forever; the API never sends one, but a proxy could.
      if (page.items.length === 0) {
        break;
      }
    } while (cursor !== undefined && items.length < limit);
    return { items: items.slice(0, limit), more: cursor !== undefined };
  }
}
