import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadAgentConfig } from '@lockstep/agent';
import { parse } from 'yaml';

/**
 * docker-compose.yml as Debian's docker-compose (1.29) reads it — `docker-compose config` parses and resolves it
 * without a Docker engine — checked against the repository: every mounted path exists (or is a build output), and
 * service names and ports agree with prometheus.yml, the Grafana data sources and the plugins' ids.
 */
const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);
/** Paths a build writes (not committed): `npm run build:plugins`. */
const BUILD_OUTPUTS = [path.join(ROOT, 'plugins/lockstep-app/dist')];
/** Host paths the agent reads, outside the repository on purpose. */
const HOST_PATHS = ['/proc', '/var/log'];

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: Array<string | { type: string; source: string; target: string; read_only?: boolean }>;
  ports?: Array<string | { host_ip?: string; published: number | string; target: number }>;
  profiles?: string[];
  pid?: string;
  network_mode?: string;
  networks?: Record<string, { aliases?: string[] } | null>;
  depends_on?: Record<string, { condition: string }>;
}
interface Compose {
  services: Record<string, Service>;
}
interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

async function config(...extra: string[]): Promise<Compose> {
  const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', ...extra, 'config'], {
    cwd: ROOT,
    env: { ...process.env, LOCKSTEP_API_TOKEN: '', LOCKSTEP_ALERT_WEBHOOK_URL: '' },
  });
  return parse(stdout) as Compose;
}

/** Bind mounts (named volumes have no path): short `source:target[:mode]` or long syntax. */
function binds(service: Service): Mount[] {
  const mounts: Mount[] = [];
  for (const volume of service.volumes ?? []) {
    if (typeof volume === 'string') {
      const [source = '', target = '', mode] = volume.split(':');
      if (source.startsWith('/')) mounts.push({ source, target, readOnly: mode === 'ro' });
    } else if (volume.type === 'bind') {
      mounts.push({ source: volume.source, target: volume.target, readOnly: volume.read_only === true });
    }
  }
  return mounts;
}

function mountOf(service: Service, target: string): Mount {
  const mount = binds(service).find((m) => m.target === target);
  if (mount === undefined) throw new Error(`nothing mounted at ${target}`);
  return mount;
}

/** `HOST:PORT` of a flag's value in a service's command, e.g. `--api-listen 0.0.0.0:8480`. */
function flag(service: Service, name: string): string | undefined {
  const command = service.command ?? [];
  const i = command.indexOf(name);
  return i < 0 ? undefined : command[i + 1];
}

/** Published loopback ports of a service, as `127.0.0.1:PUBLISHED->TARGET`. */
function published(service: Service): string[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'string') return port.replace(/\/tcp$/, '').replace(/^(.*):(\d+):(\d+)$/, '$1:$2->$3');
    return `${port.host_ip ?? ''}:${port.published}->${port.target}`;
  });
}

const yamlFile = <T>(file: string): T => parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;

interface PrometheusConfig {
  rule_files: string[];
  scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
  otlp?: { promote_resource_attributes?: string[]; translation_strategy?: string };
}

interface CollectorConfig {
  receivers: { otlp?: { protocols: Record<'grpc' | 'http', { endpoint: string } | undefined> } };
  exporters: Record<string, { endpoint?: string } | undefined>;
  service: { pipelines: Record<string, { exporters?: string[] } | undefined> };
}

/** A `--flag=value` in a service's command, e.g. Prometheus's `--config.file=...`. */
function flagValue(service: Service, name: string): string | undefined {
  const prefix = `${name}=`;
  return service.command?.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** The collector's `${env:NAME:-default}` substitution, from the compose service's environment. */
function resolve(text: string, environment: Record<string, string>): string {
  return text.replace(/\$\{env:(\w+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
    return environment[name] ?? fallback ?? '';
  });
}

function collectorConfigFile(): Mount {
  const collector = stack.services['otel-collector'] as Service;
  return mountOf(collector, flag(collector, '--config') ?? '');
}

function collectorConfig(): { config: CollectorConfig; environment: Record<string, string> } {
  const collector = stack.services['otel-collector'] as Service;
  const config = parse(readFileSync(collectorConfigFile().source, 'utf8')) as CollectorConfig;
  return { config, environment: collector.environment ?? {} };
}

/** Every plugin.json id under the Grafana app's sources (the app and its nested plugins). */
function pluginIds(): Map<string, { grafanaDependency?: string }> {
  const ids = new Map<string, { grafanaDependency?: string }>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (entry === 'plugin.json') {
        const json = JSON.parse(readFileSync(file, 'utf8')) as {
          id: string;
          dependencies?: { grafanaDependency?: string };
        };
        ids.set(json.id, { grafanaDependency: json.dependencies?.grafanaDependency });
      }
    }
  };
  walk(path.join(ROOT, 'plugins/lockstep-app/src'));
  return ids;
}

/** Numeric [major, minor, patch] of a `>=X.Y.Z` range or an image tag. */
function version(text: string): number[] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (match === null) throw new Error(`no version in ${text}`);
  return match.slice(1).map(Number);
}

function atLeast(have: number[], want: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  }
  return true;
}

/** The `scale` profile: PostgreSQL, two shards and a collector beside each, the gateway, Prometheus and Grafana. */
const SCALE_SERVICES = [
  'postgres',
  'shard-1',
  'shard-2',
  'shard-1-collector',
  'shard-2-collector',
  'gateway',
  'prometheus-scale',
  'grafana-scale',
];
const SHARDS = ['shard-1', 'shard-2'];

let stack: Compose;
let demo: Compose;
beforeAll(async () => {
  [stack, demo] = await Promise.all([config(), config('--profile', 'demo')]);
}, 30_000);

describe('docker-compose.yml', () => {
  it('parses with docker-compose config, with and without the demo profile', () => {
    expect(Object.keys(stack.services).sort()).toEqual(
      ['agent', 'attack-sim', 'correlator', 'grafana', 'otel-collector', 'prometheus', ...SCALE_SERVICES].sort(),
    );
    expect(demo.services['attack-sim']?.profiles).toEqual(['demo']);
    for (const [name, service] of Object.entries(stack.services)) {
      const profiles = name === 'attack-sim' ? ['demo'] : SCALE_SERVICES.includes(name) ? ['scale'] : undefined;
      expect([name, service.profiles]).toEqual([name, profiles]);
    }
  });

  it('mounts only paths that exist in the repository (or are build outputs), read-only', () => {
    for (const [name, service] of Object.entries(demo.services)) {
      for (const mount of binds(service)) {
        const where = `${name}: ${mount.source}`;
        expect([where, mount.readOnly]).toEqual([where, true]);
        if (HOST_PATHS.includes(mount.source)) continue;
        expect([where, mount.source.startsWith(`${ROOT}/`)]).toEqual([where, true]);
        const exists = existsSync(mount.source) || BUILD_OUTPUTS.includes(mount.source);
        expect([where, exists]).toEqual([where, true]);
      }
      if (service.build) expect(existsSync(path.join(service.build.context, service.build.dockerfile))).toBe(true);
    }
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(demo.services)) {
      if (service.build) continue;
      // A PostgreSQL release is major.minor (15.14); the others are major.minor.patch.
      const pinned = service.image?.startsWith('postgres:') === true ? /:\d+\.\d+$/ : /:v?\d+\.\d+\.\d+$/;
      expect([name, service.image]).toEqual([name, expect.stringMatching(pinned)]);
    }
  });

  it('runs Grafana at a version the plugins accept, loading unsigned only the Lockstep plugins, mounted and provisioned', () => {
    const grafana = stack.services.grafana as Service;
    const plugins = pluginIds();
    expect([...plugins.keys()].sort()).toEqual(
      ['lockstep-app', 'lockstep-correlation-datasource', 'lockstep-spike-panel'].sort(),
    );
    for (const [id, { grafanaDependency }] of plugins) {
      expect([id, atLeast(version(grafana.image ?? ''), version(grafanaDependency ?? ''))]).toEqual([id, true]);
    }
    const unsigned = grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS?.split(',') ?? [];
    expect(unsigned.sort()).toEqual([...plugins.keys()].sort());
    expect(mountOf(grafana, '/var/lib/grafana/plugins/lockstep-app').source).toBe(BUILD_OUTPUTS[0]);
    expect(mountOf(grafana, '/etc/grafana/provisioning').source).toBe(path.join(ROOT, 'provisioning/grafana'));
  });

  it('mounts the dashboards where the provisioned dashboard provider looks', () => {
    const grafana = stack.services.grafana as Service;
    const provider = yamlFile<{ providers: Array<{ options: { path: string } }> }>(
      'provisioning/grafana/dashboards/lockstep.yaml',
    ).providers[0];
    const mounted = binds(grafana).filter((m) => m.target.startsWith(`${provider?.options.path}/`));
    expect(mounted.map((m) => path.relative(ROOT, m.source)).sort()).toEqual(
      ['dashboards/executive-risk.json', 'dashboards/oncall.json'].sort(),
    );
  });

  it('gives Grafana every environment variable its provisioning files read, pointing at services that exist', () => {
    const grafana = stack.services.grafana as Service;
    const environment = grafana.environment ?? {};
    const dir = path.join(ROOT, 'provisioning/grafana');
    const read = new Set<string>();
    const walk = (at: string): void => {
      for (const entry of readdirSync(at)) {
        const file = path.join(at, entry);
        if (statSync(file).isDirectory()) walk(file);
        else for (const match of readFileSync(file, 'utf8').matchAll(/(?<!\$)\$\{(\w+)\}/g)) read.add(match[1] ?? '');
      }
    };
    walk(dir);
    expect([...read].sort()).toEqual(
      ['LOCKSTEP_ALERT_WEBHOOK_URL', 'LOCKSTEP_API_TOKEN', 'LOCKSTEP_API_URL', 'PROMETHEUS_URL'].sort(),
    );
    for (const name of read) expect([name, name in environment]).toEqual([name, true]);
    // The data source URLs name compose services on the ports they listen on.
    const api = new URL(environment.LOCKSTEP_API_URL ?? '');
    expect(flag(stack.services[api.hostname] as Service, '--api-listen')).toBe(`0.0.0.0:${api.port}`);
    const prometheus = new URL(environment.PROMETHEUS_URL ?? '');
    expect(prometheus.hostname).toBe('prometheus');
    expect(prometheus.port).toBe('9090');
  });

  it('has Prometheus scrape the correlator service on its API port, with the rule file prometheus.yml loads', () => {
    const prometheus = stack.services.prometheus as Service;
    const scrape = yamlFile<PrometheusConfig>('provisioning/prometheus/prometheus.yml');
    const configMount = mountOf(prometheus, flagValue(prometheus, '--config.file') ?? '');
    expect(configMount.source).toBe(path.join(ROOT, 'provisioning/prometheus/prometheus-compose.yml'));
    // The compose config is prometheus.yml (the one the tests load in Prometheus 2.42) plus the OTLP section.
    const { otlp, ...rest } = yamlFile<PrometheusConfig>('provisioning/prometheus/prometheus-compose.yml');
    expect(rest).toEqual(scrape);
    expect(otlp).toBeDefined();
    for (const rules of scrape.rule_files) {
      const mount = mountOf(prometheus, path.posix.join('/etc/prometheus', rules));
      expect(mount.source).toBe(path.join(ROOT, 'provisioning/prometheus', rules));
    }
    const targets = scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const [host = '', port] = target.split(':');
      const service = stack.services[host];
      expect([target, service !== undefined]).toEqual([target, true]);
      // The correlator binds every interface explicitly (its default is loopback, unreachable from Prometheus).
      expect(flag(service as Service, '--api-listen')).toBe(`0.0.0.0:${port}`);
    }
  });

  it('runs the collector at the pinned contrib release, with a config from collectors/otelcol', () => {
    const collector = stack.services['otel-collector'] as Service;
    const release = /release (\d+\.\d+\.\d+)/.exec(
      readFileSync(path.join(ROOT, 'collectors/otelcol/contrib-components.yaml'), 'utf8'),
    )?.[1];
    expect(collector.image).toBe(`otel/opentelemetry-collector-contrib:${release}`);
    expect(path.dirname(collectorConfigFile().source)).toBe(path.join(ROOT, 'collectors/otelcol'));
  });

  it('sends metrics from the collector to the correlator and Prometheus, logs to the correlator only', () => {
    const { config, environment } = collectorConfig();
    const pipelines = config.service.pipelines;
    const endpoints = (ids: string[] | undefined): URL[] =>
      (ids ?? []).map((id) => new URL(resolve(config.exporters[id]?.endpoint ?? '', environment)));
    const correlatorPort = (url: URL): string | undefined =>
      flag(stack.services[url.hostname] as Service, '--otlp-listen');

    const [correlator, prometheus, ...others] = endpoints(pipelines.metrics?.exporters);
    expect(others).toEqual([]);
    expect(correlator?.hostname).toBe('correlator');
    expect(correlatorPort(correlator as URL)).toBe(`0.0.0.0:${correlator?.port}`);
    // Prometheus's OTLP receiver (the exporter appends /v1/metrics), turned on by a flag.
    expect(prometheus?.hostname).toBe('prometheus');
    expect(prometheus?.port).toBe('9090');
    expect(prometheus?.pathname).toBe('/api/v1/otlp');
    expect(stack.services.prometheus?.command).toContain('--web.enable-otlp-receiver');

    const logs = endpoints(pipelines.logs?.exporters);
    expect(logs.map((url) => url.href)).toEqual([correlator?.href]);
  });

  it('has Prometheus label OTLP series with the resource attributes the dashboards group by', () => {
    const { otlp } = yamlFile<PrometheusConfig>('provisioning/prometheus/prometheus-compose.yml');
    // dashboards/src/prometheus-metrics.ts: by host_name, container_id and service_name (`.` becomes `_`).
    expect(otlp?.promote_resource_attributes).toEqual(
      expect.arrayContaining(['host.name', 'container.id', 'service.name']),
    );
    expect(otlp?.translation_strategy ?? 'UnderscoreEscapingWithSuffixes').toBe('UnderscoreEscapingWithSuffixes');
  });

  it('runs the agent and the demo in the host pid namespace, sending to the collector and correlator published on loopback', () => {
    const correlator = stack.services.correlator as Service;
    const collector = stack.services['otel-collector'] as Service;
    const agent = stack.services.agent as Service;
    const attack = demo.services['attack-sim'] as Service;
    const agentConfig = yamlFile<{ endpoint: string; proc_root: string }>('provisioning/lockstep/agent.yaml');
    expect(mountOf(agent, agentConfig.proc_root)).toEqual({ source: '/proc', target: '/host/proc', readOnly: true });
    expect(mountOf(agent, flag(agent, '--config') ?? '').source).toBe(
      path.join(ROOT, 'provisioning/lockstep/agent.yaml'),
    );
    const otlpPort = flag(correlator, '--otlp-listen')?.split(':')[1];
    const apiPort = flag(correlator, '--api-listen')?.split(':')[1];
    const publishedOn = (service: Service, target: string | undefined): string | undefined =>
      published(service)
        .find((port) => port.endsWith(`->${target}`))
        ?.replace(/^127\.0\.0\.1:(\d+)->\d+$/, '$1');
    // The correlator's OTLP/HTTP port (the Falco events endpoint too) on another host port than the collector's.
    const correlatorOtlp = publishedOn(correlator, otlpPort);
    expect(published(correlator).sort()).toEqual(
      [`127.0.0.1:${correlatorOtlp}->${otlpPort}`, `127.0.0.1:${apiPort}->${apiPort}`].sort(),
    );
    // The agent sends OTLP/HTTP to the collector's HTTP receiver, published on the host's loopback.
    const httpPort = collectorConfig().config.receivers.otlp?.protocols.http?.endpoint.split(':')[1];
    expect(collectorConfig().config.receivers.otlp?.protocols.http?.endpoint).toBe(`0.0.0.0:${httpPort}`);
    const collectorHttp = publishedOn(collector, httpPort);
    expect(collectorHttp).toBeDefined();
    expect(correlatorOtlp).toBeDefined();
    expect(correlatorOtlp).not.toBe(collectorHttp);
    for (const service of [agent, attack]) {
      expect(service.pid).toBe('host');
      expect(service.network_mode).toBe('host');
    }
    expect(agentConfig.endpoint).toBe(`http://127.0.0.1:${collectorHttp}`);
    expect(attack.command?.[0]).toBe('demo');
    expect(flag(attack, '--correlator')).toBe(`http://127.0.0.1:${correlatorOtlp}`);
    expect(flag(attack, '--api')).toBe(`http://127.0.0.1:${apiPort}`);
  });

  it('tails the host logs the agent is given read-only, keeping its positions on a volume of its own', async () => {
    const agent = stack.services.agent as Service;
    const agentConfig = yamlFile<{ tail: Array<{ path: string }>; state_dir: string }>(
      'provisioning/lockstep/agent.yaml',
    );
    const logs = mountOf(agent, '/host/var/log');
    expect(logs).toEqual({ source: '/var/log', target: '/host/var/log', readOnly: true });
    expect(agentConfig.tail.length).toBeGreaterThan(0);
    for (const entry of agentConfig.tail) expect(entry.path.startsWith(`${logs.target}/`)).toBe(true);
    // A named volume (not a bind, not the container's read-only root or its tmpfs): positions survive a restart.
    const volumes = (agent.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
    const state = volumes.find((v) => v.split(':')[1] === agentConfig.state_dir);
    expect(state?.startsWith('/')).toBe(false);
    // And the agent itself takes the file.
    const loaded = await loadAgentConfig({ config: path.join(ROOT, 'provisioning/lockstep/agent.yaml') });
    expect(loaded.stateDir).toBe(agentConfig.state_dir);
  });

  it('publishes ports on the host loopback only', () => {
    for (const [name, service] of Object.entries(demo.services)) {
      for (const port of published(service))
        expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:/)]);
    }
  });
});

describe('docker-compose.yml, scale profile (docs/scale.md)', () => {
  const service = (name: string): Service => {
    const found = stack.services[name];
    if (found === undefined) throw new Error(`no service ${name}`);
    return found;
  };
  const aliases = (name: string): string[] => service(name).networks?.default?.aliases ?? [];
  const gatewayConfig = (): {
    config: CollectorConfig & { exporters: Record<string, unknown> };
    env: Record<string, string>;
  } => {
    const gateway = service('gateway');
    const file = mountOf(gateway, flag(gateway, '--config') ?? '').source;
    return { config: parse(readFileSync(file, 'utf8')) as never, env: gateway.environment ?? {} };
  };

  it('runs two shards of the same image on one PostgreSQL store, the service that exists, once it is healthy', () => {
    const urls = SHARDS.map((name) => service(name).environment?.LOCKSTEP_STORE_URL ?? '');
    expect(new Set(urls).size).toBe(1);
    const url = new URL(urls[0] ?? '');
    expect(url.protocol).toBe('postgresql:');
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    const postgres = service('postgres');
    expect(url.pathname).toBe(`/${postgres.environment?.POSTGRES_DB}`);
    expect(decodeURIComponent(url.username)).toBe(postgres.environment?.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(postgres.environment?.POSTGRES_PASSWORD);
    for (const name of SHARDS) {
      expect(service(name).image).toBe(service('correlator').image);
      expect(service(name).depends_on?.postgres?.condition).toBe('service_healthy');
      expect(flag(service(name), '--api-listen')).toBe(flag(service('correlator'), '--api-listen'));
    }
  });

  it('puts a collector beside each shard, sending OTLP/HTTP to that shard, under the name the gateway resolves', () => {
    const { config, env } = gatewayConfig();
    const gateway = service('gateway');
    expect(path.relative(ROOT, mountOf(gateway, flag(gateway, '--config') ?? '').source)).toBe(
      'collectors/otelcol/gateway.yaml',
    );
    const balancing = config.exporters.loadbalancing as {
      routing_key: string;
      routing_attributes: string[];
      resolver: { dns: { hostname: string; port: string } };
    };
    expect(balancing.routing_attributes).toEqual(['host.name']);
    const shardsName = resolve(balancing.resolver.dns.hostname, env);
    for (const shard of SHARDS) {
      const collector = service(`${shard}-collector`);
      expect(aliases(`${shard}-collector`)).toEqual([shardsName]);
      const file = mountOf(collector, flag(collector, '--config') ?? '').source;
      expect(path.relative(ROOT, file)).toBe('collectors/otelcol/shard.yaml');
      const shardConfig = parse(readFileSync(file, 'utf8')) as CollectorConfig;
      expect(shardConfig.receivers.otlp?.protocols.grpc?.endpoint).toBe(`0.0.0.0:${balancing.resolver.dns.port}`);
      const endpoint = new URL(
        resolve(shardConfig.exporters['otlphttp/lockstep']?.endpoint ?? '', collector.environment ?? {}),
      );
      expect(endpoint.hostname).toBe(shard);
      expect(flag(service(shard), '--otlp-listen')).toBe(`0.0.0.0:${endpoint.port}`);
    }
    // Nothing else answers to that name: every A record is a shard's collector.
    for (const name of Object.keys(stack.services).filter((n) => !n.endsWith('-collector'))) {
      expect([name, aliases(name).includes(shardsName)]).toEqual([name, false]);
    }
  });

  it('has the gateway copy metrics to the scale Prometheus, and Prometheus scrape every shard under one job', () => {
    const { config, env } = gatewayConfig();
    expect(config.service.pipelines.metrics?.exporters).toEqual(['loadbalancing', 'otlphttp/prometheus']);
    expect(config.service.pipelines.logs?.exporters).toEqual(['loadbalancing']);
    const otlp = new URL(resolve((config.exporters['otlphttp/prometheus'] as { endpoint: string }).endpoint, env));
    expect([otlp.hostname, otlp.port, otlp.pathname]).toEqual(['prometheus-scale', '9090', '/api/v1/otlp']);
    const prometheus = service('prometheus-scale');
    expect(prometheus.command).toContain('--web.enable-otlp-receiver');
    const configMount = mountOf(prometheus, flagValue(prometheus, '--config.file') ?? '');
    expect(path.relative(ROOT, configMount.source)).toBe('provisioning/prometheus/prometheus-scale.yml');
    const scale = yamlFile<PrometheusConfig>('provisioning/prometheus/prometheus-scale.yml');
    const single = yamlFile<PrometheusConfig>('provisioning/prometheus/prometheus-compose.yml');
    // The same file but for the targets: the alert rules see the shards as instances of the correlator's job.
    const withoutTargets = (c: PrometheusConfig): unknown =>
      JSON.parse(JSON.stringify(c, (key, value: unknown) => (key === 'targets' ? [] : value)));
    expect(withoutTargets(scale)).toEqual(withoutTargets(single));
    const targets = scale.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets));
    expect(targets).toEqual(SHARDS.map((name) => `${name}:${flag(service(name), '--api-listen')?.split(':')[1]}`));
    for (const rules of scale.rule_files) {
      expect(mountOf(prometheus, path.posix.join('/etc/prometheus', rules)).source).toBe(
        path.join(ROOT, 'provisioning/prometheus', rules),
      );
    }
  });

  it('points the scale Grafana at a name every shard answers to and at the scale Prometheus, provisioned as the other', () => {
    const grafana = service('grafana-scale');
    const single = service('grafana');
    const env = grafana.environment ?? {};
    expect(Object.keys(env).sort()).toEqual(Object.keys(single.environment ?? {}).sort());
    const api = new URL(env.LOCKSTEP_API_URL ?? '');
    for (const shard of SHARDS) {
      expect(aliases(shard)).toContain(api.hostname);
      expect(flag(service(shard), '--api-listen')).toBe(`0.0.0.0:${api.port}`);
    }
    expect(Object.keys(stack.services).filter((name) => aliases(name).includes(api.hostname))).toEqual(SHARDS);
    const prometheus = new URL(env.PROMETHEUS_URL ?? '');
    expect([prometheus.hostname, prometheus.port]).toEqual(['prometheus-scale', '9090']);
    expect(grafana.image).toBe(single.image);
    const sameMounts = (s: Service): string[] => binds(s).map((m) => `${m.source}:${m.target}`);
    expect(sameMounts(grafana)).toEqual(sameMounts(single));
  });

  it('publishes the scale stack on ports of its own, so both stacks can run side by side', () => {
    const ports = (names: string[]): string[] =>
      names.flatMap((name) => published(service(name)).map((port) => port.split('->')[0] ?? ''));
    const single = ports(Object.keys(stack.services).filter((n) => !SCALE_SERVICES.includes(n)));
    const scale = ports(SCALE_SERVICES);
    expect(scale.length).toBeGreaterThan(0);
    expect(scale.filter((port) => single.includes(port))).toEqual([]);
    expect(new Set(scale).size).toBe(scale.length);
  });
});
