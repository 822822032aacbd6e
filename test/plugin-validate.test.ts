/**
 * The deterministic part of Grafana's plugin validator, scripted (the validator itself downloads a Go binary and
 * signing calls grafana.com; neither can run here): schema, ids, nested plugins, archive layout, docs, modules and
 * source maps, logos, versions, and that every AMD dependency of each built module.js is a package Grafana shares.
 * Runs on the built dist/ (`npm run build:plugins`; `npm test` builds it before jest).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST, HOSTS, hostDir, REPO } from './grafana/harness';

const APP_DIR = path.join(REPO, 'plugins', 'lockstep-app');
/** Grafana's plugin.json schema, copied beside the tests (origin and licence in test/fixtures/grafana/README.md). */
const SCHEMA = path.join(REPO, 'test', 'fixtures', 'grafana', 'plugin.schema.json');

/** What Grafana 13 shares with plugins (docs/grafana.md); everything else must be bundled. */
const SHARED = new Set([
  'react',
  'react/jsx-runtime',
  'react-dom',
  'react-dom/client',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  'rxjs',
  'rxjs/operators',
  'lodash',
  'moment',
  '@emotion/css',
  '@emotion/react',
  'i18next',
  'd3',
  'jquery',
  'redux',
  'react-router',
  'react-router-dom',
  'slate',
  'prismjs',
]);
/** AMD pseudo-dependencies webpack may emit: `module` gives the module's own URL (dynamic public path). */
const AMD_BUILTINS = new Set(['module', 'exports', 'require']);

interface PluginJson {
  id: string;
  type: string;
  info: { version: string; updated: string; logos: { small: string; large: string } };
  includes?: Array<{ type: string; path?: string; name: string }>;
  dependencies: { grafanaDependency: string };
  backend?: boolean;
  routes?: Array<{ path: string; url?: string; headers?: Array<{ name: string; content: string }> }>;
}

const PLUGINS = [
  { dir: '', id: 'lockstep-app', type: 'app' },
  { dir: 'datasource', id: 'lockstep-correlation-datasource', type: 'datasource' },
  { dir: 'panel', id: 'lockstep-spike-panel', type: 'panel' },
] as const;

function readPlugin(dir: string): PluginJson {
  return JSON.parse(readFileSync(path.join(DIST, dir, 'plugin.json'), 'utf8')) as PluginJson;
}

/** The dependency list of `define([...], factory)` at the top of a webpack AMD bundle. */
export function amdDependencies(source: string): string[] {
  const match = /define\(\s*(\[[^\]]*\])/.exec(source);
  if (match?.[1] === undefined) throw new Error('not an AMD module: no define([...]) found');
  return JSON.parse(match[1]) as string[];
}

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'plugin.json'))) {
    throw new Error(`${DIST} is not built: run npm run build:plugins first (npm test does).`);
  }
});

describe('built plugins, against plugin.schema.json', () => {
  // ajv 8 and ajv-formats (the plugin project's devDependencies: the schema checks `uri` formats); the schema's `\-`
  // patterns need unicodeRegExp off.
  type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
  type AjvInstance = { compile(schema: object): Validator };
  const requireFromApp = createRequire(path.join(APP_DIR, 'package.json'));
  const Ajv = requireFromApp('ajv') as new (options: object) => AjvInstance;
  const addFormats = requireFromApp('ajv-formats') as (ajv: AjvInstance) => AjvInstance;
  const validate = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile(
    JSON.parse(readFileSync(SCHEMA, 'utf8')) as object,
  );

  it.each(PLUGINS)('$id validates and has the contract id and type', ({ dir, id, type }) => {
    const plugin = readPlugin(dir);
    const valid = validate(plugin);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(plugin).toMatchObject({ id, type });
    expect(plugin.id).toMatch(/^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/);
    expect(plugin.backend ?? false).toBe(false);
  });

  it('the schema validator really rejects a broken plugin.json', () => {
    const broken = { ...readPlugin(''), id: 'Lockstep App', unknownKey: true };
    expect(validate(broken)).toBe(false);
  });
});

describe('plugin validator checks', () => {
  const version = (JSON.parse(readFileSync(path.join(APP_DIR, 'package.json'), 'utf8')) as { version: string }).version;

  it.each(PLUGINS)('$id: version from package.json, a real date, logos, module.js with its source map', ({ dir }) => {
    const plugin = readPlugin(dir);
    expect(plugin.info.version).toBe(version);
    expect(plugin.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const logo of [plugin.info.logos.small, plugin.info.logos.large]) {
      expect(existsSync(path.join(DIST, dir, logo))).toBe(true);
    }
    expect(existsSync(path.join(DIST, dir, 'module.js'))).toBe(true);
    expect(existsSync(path.join(DIST, dir, 'module.js.map'))).toBe(true);
    expect(readFileSync(path.join(DIST, dir, 'plugin.json'), 'utf8')).not.toMatch(/%[A-Z_]+%/);
  });

  it('the app declares both nested plugins, and each declared path exists', () => {
    const includes = readPlugin('').includes ?? [];
    expect(includes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'datasource', path: 'datasource/plugin.json' }),
        expect.objectContaining({ type: 'panel', path: 'panel/plugin.json' }),
      ]),
    );
    for (const include of includes.filter((i) => i.type === 'datasource' || i.type === 'panel')) {
      expect(existsSync(path.join(DIST, include.path ?? ''))).toBe(true);
    }
  });

  it('README, CHANGELOG and LICENSE ship, and the README is not the scaffold template', () => {
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE']) expect(existsSync(path.join(DIST, file))).toBe(true);
    const readme = readFileSync(path.join(DIST, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Lockstep/m);
    expect(readme).not.toMatch(/plugin template|<!--|Uncomment and replace|mage -v|grafana-plugin-sdk-go/i);
    // The manual install: the unsigned allow-list names all three plugins, and the app is enabled first.
    const allowList = /allow_loading_unsigned_plugins = (\S+)/.exec(readme)?.[1]?.split(',') ?? [];
    expect(allowList.sort()).toEqual(PLUGINS.map((p) => p.id).sort());
    expect(readme).toMatch(/Enable the app first/);
  });

  it('every plugin asks for the same Grafana range, whose oldest release the harness runs', () => {
    const ranges = new Set(PLUGINS.map(({ dir }) => readPlugin(dir).dependencies.grafanaDependency));
    expect([...ranges]).toEqual(['>=12.3.0']);
    const oldest = JSON.parse(readFileSync(path.join(hostDir(HOSTS[0]), 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(oldest.dependencies['@grafana/data']).toBe('12.3.0');
  });

  it('the data source reaches the correlator only through its data-proxy route, token from secureJsonData', () => {
    const routes = readPlugin('datasource').routes ?? [];
    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({ url: '{{ .JsonData.url }}' });
    expect(routes[0]?.headers).toEqual([{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiToken }}' }]);
  });

  it.each(PLUGINS)('$id: every AMD dependency of module.js is a package Grafana shares', ({ dir }) => {
    const dependencies = amdDependencies(readFileSync(path.join(DIST, dir, 'module.js'), 'utf8'));
    expect(dependencies.length).toBeGreaterThan(0);
    expect(dependencies.filter((d) => !SHARED.has(d) && !AMD_BUILTINS.has(d))).toEqual([]);
  });

  it('the AMD check would catch a bundle that expects an unshared package', () => {
    const deps = amdDependencies('define(["react","@grafana/schema","module"],(e,t,n)=>{})');
    expect(deps.filter((d) => !SHARED.has(d) && !AMD_BUILTINS.has(d))).toEqual(['@grafana/schema']);
  });

  it('the archive has one root folder named by the app id, with the nested plugins inside', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-zip-'));
    try {
      const zip = path.join(dir, 'lockstep-app.zip');
      execFileSync('bash', [path.join(REPO, 'scripts', 'package-plugin.sh'), zip], { stdio: 'pipe' });
      const listing = execFileSync('python3', ['-c', LIST_ZIP, zip], { encoding: 'utf8' }).trim().split('\n');
      const roots = new Set(listing.map((name) => name.split('/')[0]));
      expect([...roots]).toEqual(['lockstep-app']);
      for (const file of ['plugin.json', 'module.js', 'datasource/plugin.json', 'panel/module.js', 'README.md']) {
        expect(listing).toContain(`lockstep-app/${file}`);
      }
      // No build leftovers in the archive.
      expect(listing.filter((name) => /node_modules|\.tsbuildinfo|\.eslintcache/.test(name))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('plugin sources', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|tsx)$/.test(file))
      .map((file) => path.join(dir, file));

  it('never hand strings to the DOM as HTML', () => {
    const offenders = sources(path.join(APP_DIR, 'src')).filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

const LIST_ZIP = 'import sys, zipfile\nfor n in zipfile.ZipFile(sys.argv[1]).namelist(): print(n)';
