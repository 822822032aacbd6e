import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';
import type { Answer } from './answers';

/** What the fake data proxy answers a request with; 'network' is a request that never got an answer. */
export type Reply = Pick<Answer, 'status' | 'body'> | 'network';
export type Handler = (url: URL) => Reply;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
};

/**
 * Grafana's backendSrv at the edge, as the data source sees it: a 2xx answer's body as `data` (JSON parsed, other
 * text as a string); any other status as a FetchError whose `data` backendSrv has processed (a text body becomes
 * `{ message, error: statusText, response }`; a JSON `{ error }` gains `message`).
 */
export function fakeBackend(handler: Handler): { requests: BackendSrvRequest[]; urls: URL[] } {
  const requests: BackendSrvRequest[] = [];
  const urls: URL[] = [];
  const fetch = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable((subscriber) => {
      requests.push(options);
      const url = new URL(options.url, 'http://grafana.local');
      urls.push(url);
      const reply = handler(url);
      if (reply === 'network') {
        subscriber.error(new TypeError('Failed to fetch'));
        return;
      }
      const statusText = STATUS_TEXT[reply.status] ?? '';
      if (reply.status >= 200 && reply.status < 300) {
        const response = { data: reply.body as T, status: reply.status, statusText, ok: true, config: options };
        subscriber.next(response as FetchResponse<T>);
        subscriber.complete();
        return;
      }
      let data = reply.body;
      if (typeof data === 'string') {
        data = { message: data, error: statusText, response: data };
      } else if (typeof data === 'object' && data !== null && !('message' in data) && 'error' in data) {
        data = { ...data, message: (data as { error: unknown }).error };
      }
      subscriber.error({ status: reply.status, statusText, data, config: options });
    });
  setBackendSrv({ fetch } as unknown as BackendSrv);
  return { requests, urls };
}

/** The path under the data-proxy route, e.g. `/api/v1/incidents`, or undefined for a URL outside it. */
export function apiPath(url: URL): string | undefined {
  const prefix = `${PROXY_URL}/lockstep`;
  return url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : undefined;
}

/** Serves answers by path under the route; any other path gets the correlator's own 404. */
export function serve(routes: Record<string, Reply>): Handler {
  return (url) => {
    const path = apiPath(url) ?? '';
    return routes[path] ?? { status: 404, body: { error: `There is no route GET ${path}; see /api/v1/openapi.json.` } };
  };
}

/** `instanceSettings.url` of a proxy-mode data source. */
export const PROXY_URL = '/api/datasources/proxy/uid/lockstep';

/** The request's query parameters as a plain object, for assertions. */
export function paramsOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
