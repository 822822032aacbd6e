import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './load';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lockstep-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, yaml: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, yaml);
  return target;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('no file, no environment: the defaults, on loopback', async () => {
  const { config, warnings, file: read } = await loadConfig({}, {});
  expect(read).toBeUndefined();
  expect(warnings).toEqual([]);
  expect(config.otlp.listen).toEqual({ host: '127.0.0.1', port: 4318 });
  expect(config.api.listen).toEqual({ host: '127.0.0.1', port: 8480 });
  expect(config.data_dir).toBe('./data');
});

test('a bad value names its key', async () => {
  const message = await failure(loadConfig({ config: file('bad.yaml', 'limits:\n  max_body_bytes: -1\n') }, {}));
  expect(message).toMatch(/limits\.max_body_bytes: /);
});

test.each([
  ['a misspelled key', 'limits:\n  max_body_byte: 1\n', /limits\.max_body_byte: unknown key/],
  ['an unknown section', 'exporters: {}\n', /exporters: unknown key/],
  ['__proto__', '__proto__:\n  polluted: 1\n', /__proto__: unknown key/],
  ['a bad listen address', 'otlp:\n  listen: nowhere\n', /otlp\.listen: expected HOST:PORT/],
])('%s is refused, naming the key', async (_name, yaml, pattern) => {
  expect(await failure(loadConfig({ config: file('unknown.yaml', yaml) }, {}))).toMatch(pattern);
});

test('a missing file and invalid YAML are sentences naming the file', async () => {
  expect(await failure(loadConfig({ config: path.join(dir, 'absent.yaml') }, {}))).toMatch(
    /absent\.yaml: no such file/,
  );
  expect(await failure(loadConfig({ config: file('broken.yaml', 'a: [\n') }, {}))).toMatch(/is not valid YAML/);
});

test('the environment overrides the file; a bad environment value warns and falls back', async () => {
  const config = file('limits.yaml', 'limits:\n  max_body_bytes: 1000\nengine:\n  allowed_lateness_ms: 5\n');
  const loaded = await loadConfig(
    { config },
    { LOCKSTEP_MAX_BODY_BYTES: '2000', LOCKSTEP_ALLOWED_LATENESS_MS: 'soon' },
  );
  expect(loaded.config.limits.max_body_bytes).toBe(2000);
  expect(loaded.config.engine.allowed_lateness_ms).toBe(5);
  expect(loaded.warnings).toEqual([expect.stringMatching(/^ignoring LOCKSTEP_ALLOWED_LATENESS_MS: /)]);
});

test('flags win over the environment and the file; LOCKSTEP_CONFIG names the file', async () => {
  const config = file('listen.yaml', 'otlp:\n  listen: 10.0.0.1:1\ndata_dir: /from/file\n');
  const { config: result } = await loadConfig(
    { otlpListen: '127.0.0.1:3', dataDir: '/from/flag' },
    { LOCKSTEP_CONFIG: config, LOCKSTEP_OTLP_LISTEN: '127.0.0.1:2', LOCKSTEP_DATA_DIR: '/from/env' },
  );
  expect(result.otlp.listen).toEqual({ host: '127.0.0.1', port: 3 });
  expect(result.data_dir).toBe('/from/flag');
});

test('a bad flag stops startup (flags never fall back)', async () => {
  expect(await failure(loadConfig({ apiListen: 'x' }, {}))).toMatch(/api\.listen: expected HOST:PORT/);
});

test('the two listeners must differ', async () => {
  expect(await failure(loadConfig({ otlpListen: '127.0.0.1:9000', apiListen: '127.0.0.1:9000' }, {}))).toMatch(
    /must be different addresses/,
  );
});

describe('store.url (--store-url, LOCKSTEP_STORE_URL)', () => {
  test('empty by default: SQLite in the data directory', async () => {
    expect((await loadConfig({}, {})).config.store.url).toBe('');
  });

  test('the file, then the environment, then the flag', async () => {
    const config = file('store.yaml', 'store:\n  url: postgresql://file@db:5432/lockstep\n');
    const url = async (flags: object, env: NodeJS.ProcessEnv): Promise<string> =>
      (await loadConfig({ config, ...flags }, env)).config.store.url;
    expect(await url({}, {})).toBe('postgresql://file@db:5432/lockstep');
    expect(await url({}, { LOCKSTEP_STORE_URL: 'postgres://env@db/lockstep' })).toBe('postgres://env@db/lockstep');
    expect(await url({ storeUrl: 'postgresql://flag@db/l' }, { LOCKSTEP_STORE_URL: 'postgres://env@db/l' })).toBe(
      'postgresql://flag@db/l',
    );
  });

  test.each([
    ['another scheme', 'mysql://db/lockstep', /store\.url: must be empty or a postgresql:\/\/ URL; mysql/],
    ['not a URL', 'db:5432', /store\.url: must be empty or a postgresql:\/\/ URL; db:\/\/ is not/],
    ['a path', '/var/lib/lockstep', /store\.url: must be empty \(SQLite in data_dir\) or a postgresql/],
    ['no host', 'postgresql:///lockstep', /store\.url: names no host/],
  ])('refuses %s, naming the key, without echoing a password', async (_name, url, pattern) => {
    const message = await failure(loadConfig({ storeUrl: url }, {}));
    expect(message).toMatch(pattern);
  });

  test('a bad LOCKSTEP_STORE_URL warns and falls back to the file', async () => {
    const loaded = await loadConfig({}, { LOCKSTEP_STORE_URL: 'mysql://secret:hunter2@db/x' });
    expect(loaded.config.store.url).toBe('');
    expect(loaded.warnings).toEqual([expect.stringMatching(/^ignoring LOCKSTEP_STORE_URL: must be empty/)]);
    expect(loaded.warnings.join('')).not.toContain('hunter2');
  });
});
