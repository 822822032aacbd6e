/**
 * A browser harness that loads the built plugins (plugins/lockstep-app/dist) in headless Chromium the way Grafana
 * does (docs/grafana.md): the host release's shared packages registered in SystemJS
 * as `package:<name>`, each `module.js` imported as AMD from `/public/plugins/<app id>/...`, and a data proxy that
 * forwards `/api/datasources/proxy/uid/<uid>/<route>/...` to the route's URL with the route's headers filled from
 * jsonData / secureJsonData, as Grafana's backend does. Only the Grafana server itself is emulated.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

export const REPO = path.resolve(__dirname, '..', '..');
export const DIST = path.join(REPO, 'plugins', 'lockstep-app', 'dist');
export const APP_ID = 'lockstep-app';
const HOSTS_DIR = path.join(__dirname, 'hosts');
const SYSTEMJS = path.join(REPO, 'node_modules', 'systemjs', 'dist');

/** The Grafana releases the harness runs against: the oldest and the newest the plugins' grafanaDependency admits. */
export const HOSTS = ['grafana-12.3', 'grafana-13.2'] as const;
export type HostName = (typeof HOSTS)[number];

export function hostDir(name: HostName): string {
  return path.join(HOSTS_DIR, name);
}

export function hostInstalled(name: HostName): boolean {
  return existsSync(path.join(hostDir(name), 'node_modules', '@grafana', 'ui', 'package.json'));
}

/**
 * Bundles test/grafana/host-entry.ts against one host's node_modules (an IIFE for a <script> tag). Cached under
 * the OS temp dir by the entry's and the host lockfile's contents: a bundle of @grafana/ui takes seconds.
 */
export async function hostBundle(name: HostName): Promise<string> {
  const dir = hostDir(name);
  const entry = readFileSync(path.join(__dirname, 'host-entry.ts'), 'utf8');
  const lock = readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
  const key = createHash('sha256').update(entry).update(lock).digest('hex').slice(0, 16);
  const cacheDir = path.join(tmpdir(), 'lockstep-grafana-hosts');
  const cached = path.join(cacheDir, `${name}-${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const result = await build({
    stdin: { contents: entry, resolveDir: dir, loader: 'ts', sourcefile: 'host-entry.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.css': 'empty', '.svg': 'empty', '.woff': 'empty', '.woff2': 'empty', '.png': 'empty' },
  });
  const code = result.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error(`esbuild wrote no bundle for ${name}`);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, code);
  return code;
}

/** A data source instance the harness serves: its settings and the secrets only the proxy sees. */
export interface HarnessDataSource {
  uid: string;
  name: string;
  type: string;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
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

function routesOf(type: string): ProxyRoute[] {
  const dir = type === 'lockstep-correlation-datasource' ? 'datasource' : null;
  if (dir === null) return [];
  const json = JSON.parse(readFileSync(path.join(DIST, dir, 'plugin.json'), 'utf8')) as { routes?: ProxyRoute[] };
  return json.routes ?? [];
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown',
  '.png': 'image/png',
};

export interface HarnessServer {
  url: string;
  /** Requests the data proxy forwarded: upstream URL and whether an Authorization header went with it. */
  forwarded: Array<{ target: string; authorization: boolean; status: number }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  host: HostName;
  theme?: 'light' | 'dark';
  datasources: HarnessDataSource[];
}

/** The page Grafana would serve: boot data first, then the host bundle, then SystemJS and its AMD extra. */
function page(theme: 'light' | 'dark', version: string): string {
  const bootData = {
    assets: { dark: '', light: '' },
    settings: {
      buildInfo: { version, commit: 'harness', env: 'production', edition: 'Open Source' },
      featureToggles: {},
      appSubUrl: '',
    },
    user: { theme, lightTheme: theme === 'light', login: 'harness', orgId: 1, orgRole: 'Viewer', timezone: 'utc' },
    navTree: [],
  };
  return [
    '<!doctype html><html><head><meta charset="utf-8"><title>Lockstep plugin harness</title>',
    '<style>html,body{margin:0;padding:0;font-family:sans-serif}#root{width:100%}</style>',
    `<script>window.grafanaBootData = ${JSON.stringify(bootData)};</script>`,
    '<script src="/host.js"></script>',
    '<script src="/systemjs/system.js"></script>',
    '<script src="/systemjs/extras/amd.js"></script>',
    '</head><body><div id="root"></div></body></html>',
  ].join('\n');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Serves a file under `root` named by `relative`, refusing anything that escapes it. */
function serveFile(res: ServerResponse, root: string, relative: string): void {
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (!file.startsWith(root + path.sep) || !existsSync(file)) {
    send(res, 404, 'text/plain', 'not found');
    return;
  }
  send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

async function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  datasources: HarnessDataSource[],
  forwarded: HarnessServer['forwarded'],
): Promise<void> {
  const match = /^\/api\/datasources\/proxy\/uid\/([^/]+)\/(.*)$/.exec(url.pathname);
  const ds = match === null ? undefined : datasources.find((d) => d.uid === decodeURIComponent(match[1] ?? ''));
  const rest = match?.[2];
  if (ds === undefined || rest === undefined) {
    send(res, 404, 'application/json', JSON.stringify({ message: 'Data source not found' }));
    return;
  }
  const route = routesOf(ds.type).find((r) => rest === r.path || rest.startsWith(`${r.path}/`));
  if (route === undefined || route.url === undefined) {
    send(res, 404, 'application/json', JSON.stringify({ message: 'Route not found' }));
    return;
  }
  const base = renderRouteTemplate(route.url, ds).replace(/\/+$/, '');
  const target = `${base}${rest.slice(route.path.length)}${url.search}`;
  const headers: Record<string, string> = { accept: req.headers.accept ?? 'application/json' };
  for (const header of route.headers ?? []) headers[header.name] = renderRouteTemplate(header.content, ds);
  let status = 502;
  try {
    if (!/^https?:\/\//.test(base)) throw new Error(`route URL ${JSON.stringify(base)} is not http(s)`);
    const upstream = await fetch(target, { method: req.method, headers, signal: AbortSignal.timeout(10_000) });
    status = upstream.status;
    const body = Buffer.from(await upstream.arrayBuffer());
    send(res, status, upstream.headers.get('content-type') ?? 'application/octet-stream', body);
  } catch {
    // What Grafana's data proxy answers when the upstream cannot be reached.
    send(res, 502, 'application/json', JSON.stringify({ message: 'Bad Gateway' }));
  }
  forwarded.push({ target, authorization: /^Bearer \S+/.test(headers.Authorization ?? ''), status });
}

export async function startHarnessServer(options: HarnessOptions): Promise<HarnessServer> {
  const bundle = await hostBundle(options.host);
  const version = options.host.replace('grafana-', '') + '.0';
  const forwarded: HarnessServer['forwarded'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://harness');
    const prefix = `/public/plugins/${APP_ID}/`;
    if (url.pathname === '/') send(res, 200, 'text/html', page(options.theme ?? 'light', version));
    else if (url.pathname === '/host.js') send(res, 200, 'text/javascript', bundle);
    else if (url.pathname.startsWith('/systemjs/')) serveFile(res, SYSTEMJS, url.pathname.slice('/systemjs/'.length));
    else if (url.pathname.startsWith(prefix)) serveFile(res, DIST, url.pathname.slice(prefix.length));
    else if (url.pathname.startsWith('/api/datasources/proxy/')) {
      void proxy(req, res, url, options.datasources, forwarded);
    } else send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headless Chromium from Debian, as these machines run it (docs/grafana.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const CHROMIUM = '/usr/bin/chromium';
