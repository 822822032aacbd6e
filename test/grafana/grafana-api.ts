/**
 * The parts of Grafana's HTTP API the plugins call, answering as Grafana's backend does:
 * - the data proxy, `/api/datasources/proxy/uid/<uid>/<route>/...` (pkg/api/pluginproxy/ds_proxy.go): the route's
 *   URL and headers filled from jsonData / secureJsonData; an upstream 401 becomes 400 with the plain text
 *   "Authentication to data source failed" (so the browser's session is not logged out); an upstream that cannot
 *   be reached gets 502, one that does not answer within the data source's timeout (`jsonData.timeout` seconds, else
 *   [dataproxy] timeout) 504, both with an empty body
 *   (pkg/util/proxyutil/reverse_proxy.go); Set-Cookie is dropped and `Content-Security-Policy: sandbox` added;
 * - plugin settings, `GET|POST /api/plugins/<app id>/settings` (pkg/api/plugins.go): the app's enabled, pinned and
 *   jsonData; a POST replaces all three (a field left out is false or null, as Go binds it);
 * - data source settings, `GET|PUT /api/datasources/uid/<uid>` (pkg/api/datasources.go): secrets are written,
 *   never read back (only `secureJsonFields`), a PUT keeps the secrets it does not name, checks `version` and
 *   refuses a provisioned (read-only) data source.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { APP_ID, DIST } from './paths';

/** A data source instance the harness serves: its settings and the secrets only the server sees. */
export interface HarnessDataSource {
  uid: string;
  name: string;
  type: string;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  /** Provisioned data sources are read-only in Grafana: the settings page cannot save them. */
  readOnly?: boolean;
  version?: number;
}

/** The app's plugin settings row; Grafana has none until the app is first enabled or configured. */
export interface AppSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown> | null;
}

export interface Forwarded {
  target: string;
  /** Whether a bearer token went with it (added by the proxy, never by the page). */
  authorization: boolean;
  /** The upstream's status (0: no answer), and what the proxy answered the page. */
  status: number;
  answered: number;
}

interface ProxyRoute {
  path: string;
  url?: string;
  headers?: Array<{ name: string; content: string }>;
}

/** Grafana's route templates: `{{ .JsonData.x }}` and `{{ .SecureJsonData.x }}` (missing values render empty). */
export function renderRouteTemplate(template: string, ds: HarnessDataSource): string {
  return template.replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_match, scope: string, key: string) => {
    const value = scope === 'JsonData' ? ds.jsonData[key] : ds.secureJsonData[key];
    return value === undefined || value === null ? '' : String(value);
  });
}

function pluginJson(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(DIST, dir, 'plugin.json'), 'utf8')) as Record<string, unknown>;
}

function routesOf(type: string): ProxyRoute[] {
  if (type !== 'lockstep-correlation-datasource') return [];
  return (pluginJson('datasource').routes as ProxyRoute[] | undefined) ?? [];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Go's http server: a status with nothing written gets no Content-Type and an empty body. */
function empty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
}

export class GrafanaApi {
  readonly forwarded: Forwarded[] = [];
  app: AppSettings;

  constructor(
    readonly datasources: HarnessDataSource[],
    app: AppSettings,
    private readonly proxyTimeoutMs: number,
  ) {
    this.app = app;
  }

  /** Answers a request under /api/, or returns false for one it does not emulate. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const route = url.pathname;
    if (route.startsWith('/api/datasources/proxy/uid/')) void this.proxy(req, res, url);
    else if (route === `/api/plugins/${APP_ID}/settings`) void this.pluginSettings(req, res);
    else if (route.startsWith('/api/plugins/') && route.endsWith('/settings')) {
      json(res, 404, { message: 'Plugin not found, no installed plugin with that id' });
    } else if (route.startsWith('/api/datasources/uid/')) void this.datasourceSettings(req, res, url);
    else return false;
    return true;
  }

  private async proxy(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = /^\/api\/datasources\/proxy\/uid\/([^/]+)\/(.*)$/.exec(url.pathname);
    const ds = match === null ? undefined : this.find(decodeURIComponent(match[1] ?? ''));
    const rest = match?.[2];
    if (ds === undefined || rest === undefined) return json(res, 404, { message: 'Unable to find datasource' });
    const route = routesOf(ds.type).find((r) => rest === r.path || rest.startsWith(`${r.path}/`));
    if (route?.url === undefined) return json(res, 404, { message: 'Route not found' });
    const base = renderRouteTemplate(route.url, ds).replace(/\/+$/, '');
    const target = `${base}${rest.slice(route.path.length)}${url.search}`;
    const headers: Record<string, string> = { accept: req.headers.accept ?? 'application/json' };
    for (const header of route.headers ?? []) headers[header.name] = renderRouteTemplate(header.content, ds);
    const record = (status: number, answered: number) =>
      this.forwarded.push({ target, authorization: /^Bearer \S+/.test(headers.Authorization ?? ''), status, answered });
    let upstream: Response;
    try {
      // An empty or non-http URL fails in Go's transport ("unsupported protocol scheme"): 502 like any other.
      if (!/^https?:\/\//.test(base)) throw new Error(`unsupported protocol scheme in ${JSON.stringify(base)}`);
      upstream = await fetch(target, { method: req.method, headers, signal: AbortSignal.timeout(this.timeoutMs(ds)) });
    } catch (error) {
      // By name: under jest the error comes from another realm than this module's Error.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      record(0, timedOut ? 504 : 502);
      return empty(res, timedOut ? 504 : 502);
    }
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (upstream.status === 401) {
      record(401, 400);
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': 'sandbox' });
      res.end('Authentication to data source failed');
      return;
    }
    record(upstream.status, upstream.status);
    const out: Record<string, string> = { 'content-security-policy': 'sandbox' };
    upstream.headers.forEach((value, name) => {
      if (!['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) {
        out[name] = value;
      }
    });
    res.writeHead(upstream.status, out);
    res.end(answer);
  }

  private async pluginSettings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'POST') {
      let cmd: Partial<AppSettings> | null;
      try {
        cmd = (await body(req)) as Partial<AppSettings> | null;
      } catch {
        return json(res, 400, { message: 'bad request data' });
      }
      this.app = { enabled: cmd?.enabled === true, pinned: cmd?.pinned === true, jsonData: cmd?.jsonData ?? null };
      return json(res, 200, { message: 'Plugin settings updated' });
    }
    const meta = pluginJson('');
    json(res, 200, {
      name: meta.name,
      type: meta.type,
      id: APP_ID,
      enabled: this.app.enabled,
      pinned: this.app.pinned,
      autoEnabled: false,
      module: `public/plugins/${APP_ID}/module.js`,
      baseUrl: `public/plugins/${APP_ID}`,
      info: meta.info,
      includes: meta.includes,
      dependencies: meta.dependencies,
      jsonData: this.app.jsonData,
      secureJsonFields: {},
      defaultNavUrl: `/plugins/${APP_ID}/`,
      state: '',
      signature: 'unsigned',
      signatureType: '',
      signatureOrg: '',
      latestVersion: '',
      hasUpdate: false,
      angularDetected: false,
      loadingStrategy: 'script',
    });
  }

  /** The data source as GET /api/datasources/uid/<uid> shows it: secrets only as `secureJsonFields`. */
  settingsOf(ds: HarnessDataSource, index: number): Record<string, unknown> {
    const secureJsonFields = Object.fromEntries(
      Object.entries(ds.secureJsonData).map(([key, value]) => [key, value !== '']),
    );
    return {
      id: index + 1,
      uid: ds.uid,
      orgId: 1,
      name: ds.name,
      type: ds.type,
      access: 'proxy',
      url: '',
      basicAuth: false,
      withCredentials: false,
      isDefault: index === 0,
      jsonData: ds.jsonData,
      secureJsonFields,
      version: ds.version ?? 1,
      readOnly: ds.readOnly ?? false,
    };
  }

  private async datasourceSettings(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const uid = decodeURIComponent(url.pathname.slice('/api/datasources/uid/'.length));
    const index = this.datasources.findIndex((d) => d.uid === uid);
    const ds = this.datasources[index];
    if (ds === undefined) return json(res, 404, { message: 'Data source not found' });
    if (req.method !== 'PUT') return json(res, 200, this.settingsOf(ds, index));
    if (ds.readOnly) return json(res, 403, { message: 'Cannot update read-only data source' });
    const cmd = (await body(req)) as {
      name?: string;
      jsonData?: Record<string, unknown>;
      secureJsonData?: Record<string, string>;
      version?: number;
    } | null;
    if (cmd?.version !== undefined && cmd.version !== (ds.version ?? 1)) {
      return json(res, 409, {
        message: 'Datasource has already been updated by someone else. Please reload and try again',
      });
    }
    ds.name = cmd?.name ?? ds.name;
    ds.jsonData = cmd?.jsonData ?? {};
    ds.secureJsonData = { ...ds.secureJsonData, ...cmd?.secureJsonData };
    ds.version = (ds.version ?? 1) + 1;
    const datasource = this.settingsOf(ds, index);
    json(res, 200, { datasource, id: index + 1, message: 'Datasource updated', name: ds.name });
  }

  /** A data source's HTTP timeout: `jsonData.timeout` in whole seconds when set, else [dataproxy] timeout. */
  private timeoutMs(ds: HarnessDataSource): number {
    const seconds = Math.trunc(Number(ds.jsonData.timeout));
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : this.proxyTimeoutMs;
  }

  private find(uid: string): HarnessDataSource | undefined {
    return this.datasources.find((d) => d.uid === uid);
  }
}
