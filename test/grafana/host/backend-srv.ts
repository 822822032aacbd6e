/**
 * getBackendSrv() as a plugin sees it in Grafana (public/app/core/services/backend_srv.ts): `fetch` returns an
 * Observable of FetchResponse; a body is JSON when it parses and the text otherwise; a non-2xx answer errors with
 * a FetchError whose `data` processRequestError made an object (a text body becomes `{ message, error:
 * statusText, response }`; a missing message is copied from `error`). Requests really go over HTTP to the harness
 * server, which answers as Grafana's backend does (data proxy, plugin settings, data source settings).
 */
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { Observable, lastValueFrom } from 'rxjs';

/** A request the plugins sent, kept so the harness can assert on what went out and what came back. */
export interface SentRequest {
  url: string;
  method: string;
  status: number;
  /** The error's `data` as the plugin received it (non-2xx answers). */
  errorData?: unknown;
}

export const sent: SentRequest[] = [];

function urlOf(options: BackendSrvRequest): string {
  const params = Object.entries((options.params ?? {}) as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]): [string, string] => [key, String(value)]);
  const query = new URLSearchParams(params).toString();
  return query === '' ? options.url : `${options.url}${options.url.includes('?') ? '&' : '?'}${query}`;
}

/** Grafana's parseResponseBody without a responseType: JSON when it parses, else the text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Grafana's processRequestError: `data` always an object with a `message`. */
function processRequestError(error: FetchError): FetchError {
  error.data = error.data ?? { message: 'Unexpected error' };
  if (typeof error.data === 'string') {
    error.data = { message: error.data, error: error.statusText, response: error.data };
  }
  const data = error.data as { message?: unknown; error?: unknown };
  if (!data.message && typeof data.error === 'string') data.message = data.error;
  return error;
}

function request<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable<FetchResponse<T>>((subscriber) => {
    const controller = new AbortController();
    const url = urlOf(options);
    const method = (options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {
      accept: 'application/json, text/plain, */*',
      'x-grafana-org-id': '1',
      ...(options.headers as Record<string, string> | undefined),
    };
    let body: string | undefined;
    if (options.data !== undefined) {
      body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
      if (typeof options.data !== 'string') headers['content-type'] = 'application/json';
    }
    fetch(url, { method, headers, body, signal: controller.signal })
      .then(async (response) => {
        const data = parseBody(await response.text()) as T;
        const answer: FetchResponse<T> = {
          data,
          status: response.status,
          statusText: response.statusText,
          ok: response.ok,
          headers: response.headers,
          redirected: response.redirected,
          type: response.type,
          url: response.url,
          config: options,
        };
        if (response.ok) {
          sent.push({ url, method, status: response.status });
          subscriber.next(answer);
          subscriber.complete();
          return;
        }
        const error = processRequestError({ ...answer, data } as unknown as FetchError);
        sent.push({ url, method, status: response.status, errorData: structuredClone(error.data) });
        subscriber.error(error);
      })
      .catch((error: unknown) => {
        // The browser got no answer from Grafana at all: the TypeError itself, with Grafana's default data.
        sent.push({ url, method, status: 0 });
        const failure = error instanceof Error ? error : new Error(String(error));
        subscriber.error(Object.assign(failure, { data: { message: 'Unexpected error' } }));
      });
    return () => controller.abort();
  });
}

export function backendSrv(): BackendSrv {
  const once = <T>(options: BackendSrvRequest) => lastValueFrom(request<T>(options));
  return {
    fetch: request,
    request: (options: BackendSrvRequest) => once(options).then((r) => r.data),
    datasourceRequest: once,
    get: (url: string, params?: object) => once({ url, params }).then((r) => r.data),
    post: (url: string, data?: unknown) => once({ url, method: 'POST', data }).then((r) => r.data),
    put: (url: string, data?: unknown) => once({ url, method: 'PUT', data }).then((r) => r.data),
    patch: (url: string, data?: unknown) => once({ url, method: 'PATCH', data }).then((r) => r.data),
    delete: (url: string) => once({ url, method: 'DELETE' }).then((r) => r.data),
    resolveCancelerIfExists: () => undefined,
  } as unknown as BackendSrv;
}
