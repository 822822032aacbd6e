/**
 * A browser harness that loads the built plugins (plugins/lockstep-app/dist) in headless Chromium the way Grafana
 * does (docs/grafana.md): the host release's shared packages registered in SystemJS
 * as `package:<name>`, each `module.js` imported as AMD from `/public/plugins/<app id>/...`, and a data proxy that
 * forwards `/api/datasources/proxy/uid/<uid>/<route>/...` to the route's URL with the route's headers filled from
 * jsonData / secureJsonData, as Grafana's backend does. Only the Grafana server itself is emulated.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { type AppSettings, type Forwarded, type HarnessDataSource, GrafanaApi } from './grafana-api';
import { APP_ID, DIST, REPO } from './paths';

export { APP_ID, DIST, REPO } from './paths';
export type { HarnessDataSource } from './grafana-api';

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

/** The page-side sources: host-entry.ts and what it imports from host/. */
function pageSources(): string[] {
  const dir = path.join(__dirname, 'host');
  return [
    path.join(__dirname, 'host-entry.ts'),
    ...readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .sort()
      .map((file) => path.join(dir, file)),
  ];
}

/**
 * Bundles test/grafana/host-entry.ts against one host's node_modules (an IIFE for a <script> tag): every package
 * the page-side sources import resolves from the host's folder, as if they lived there; packages' own imports
 * resolve as usual. Cached under the OS temp dir by the sources' and the host lockfile's contents: a bundle of
 * @grafana/ui takes seconds.
 */
export async function hostBundle(name: HostName): Promise<string> {
  const dir = hostDir(name);
  const hash = createHash('sha256');
  for (const file of pageSources()) hash.update(readFileSync(file));
  const key = hash
    .update(readFileSync(path.join(dir, 'package-lock.json')))
    .digest('hex')
    .slice(0, 16);
  const cacheDir = path.join(tmpdir(), 'lockstep-grafana-hosts');
  const cached = path.join(cacheDir, `${name}-${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const fromHost: Plugin = {
    name: 'host-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'host' || args.importer.includes(`${path.sep}node_modules${path.sep}`))
          return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: dir, pluginData: 'host' });
        return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
      });
    },
  };
  const result = await build({
    entryPoints: [path.join(__dirname, 'host-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    logLevel: 'silent',
    plugins: [fromHost],
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.css': 'empty', '.svg': 'empty', '.woff': 'empty', '.woff2': 'empty', '.png': 'empty' },
  });
  const code = result.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error(`esbuild wrote no bundle for ${name}`);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, code);
  return code;
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
  /** Requests the data proxy forwarded (see GrafanaApi). */
  forwarded: Forwarded[];
  /** Grafana's state behind the emulated API: data sources with their secrets, the app's settings. */
  api: GrafanaApi;
  close(): Promise<void>;
}

export interface HarnessOptions {
  host: HostName;
  theme?: 'light' | 'dark';
  datasources: HarnessDataSource[];
  /** The app's settings row (default: enabled, pinned, pointed at the first data source). */
  app?: AppSettings;
  /** Grafana's [dataproxy] timeout (30 s by default). */
  proxyTimeoutMs?: number;
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

export async function startHarnessServer(options: HarnessOptions): Promise<HarnessServer> {
  const bundle = await hostBundle(options.host);
  const version = options.host.replace('grafana-', '') + '.0';
  const app = options.app ?? { enabled: true, pinned: true, jsonData: { datasourceUid: options.datasources[0]?.uid } };
  const api = new GrafanaApi(options.datasources, app, options.proxyTimeoutMs ?? 30_000);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://harness');
    const prefix = `/public/plugins/${APP_ID}/`;
    if (url.pathname === '/') send(res, 200, 'text/html', page(options.theme ?? 'light', version));
    else if (url.pathname === '/host.js') send(res, 200, 'text/javascript', bundle);
    else if (url.pathname.startsWith('/systemjs/')) serveFile(res, SYSTEMJS, url.pathname.slice('/systemjs/'.length));
    else if (url.pathname.startsWith(prefix)) serveFile(res, DIST, url.pathname.slice(prefix.length));
    else if (!api.handle(req, res, url)) send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded: api.forwarded,
    api,
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
