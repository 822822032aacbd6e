import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ALERT_RULES } from '../provisioning/src/alerts';
import { CONTACT_POINT, DEFAULT_CONTACT_POINT, WEBHOOK_URL_VARIABLE } from '../provisioning/src/build-alerts';

/**
 * The Grafana provisioning files in the shapes Grafana's file provisioning reads (apiVersion 1; strict, so a
 * misspelt key fails here rather than being ignored by Grafana), and the ids they share: data source uids, plugin
 * ids, contact points and the labels the alert rules carry.
 */
const ROOT = path.resolve(__dirname, '..');
const read = (file: string): unknown => parse(readFileSync(path.join(ROOT, 'provisioning/grafana', file), 'utf8'));
const ENV = /^\$\{[A-Z_]+\}$/;

const Datasources = z.strictObject({
  apiVersion: z.literal(1),
  datasources: z.array(
    z.strictObject({
      name: z.string(),
      uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/),
      type: z.string(),
      access: z.literal('proxy'),
      url: z.string().regex(ENV).optional(),
      isDefault: z.boolean(),
      jsonData: z.record(z.string(), z.unknown()),
      secureJsonData: z.record(z.string(), z.string().regex(ENV)).optional(),
      editable: z.boolean(),
    }),
  ),
});

const DashboardProviders = z.strictObject({
  apiVersion: z.literal(1),
  providers: z
    .array(
      z.strictObject({
        name: z.string(),
        orgId: z.literal(1),
        folder: z.string(),
        folderUid: z.string(),
        type: z.literal('file'),
        disableDeletion: z.boolean(),
        allowUiUpdates: z.boolean(),
        updateIntervalSeconds: z.number().int().positive(),
        options: z.strictObject({ path: z.string().startsWith('/'), foldersFromFilesStructure: z.boolean() }),
      }),
    )
    .length(1),
});

const Apps = z.strictObject({
  apiVersion: z.literal(1),
  apps: z
    .array(
      z.strictObject({
        type: z.string(),
        org_id: z.literal(1),
        disabled: z.literal(false),
        jsonData: z.strictObject({ datasourceUid: z.string() }),
      }),
    )
    .length(1),
});

const Matchers = z.array(z.tuple([z.string(), z.enum(['=', '!=', '=~', '!~']), z.string()]));
interface Route {
  receiver?: string;
  object_matchers?: z.infer<typeof Matchers>;
  routes?: Route[];
}
const RouteSchema: z.ZodType<Route> = z.lazy(() =>
  z.strictObject({
    receiver: z.string().optional(),
    object_matchers: Matchers.optional(),
    group_by: z.array(z.string()).optional(),
    group_wait: z.string().optional(),
    group_interval: z.string().optional(),
    repeat_interval: z.string().optional(),
    routes: z.array(RouteSchema).optional(),
  }),
);
const Notifications = z.strictObject({
  apiVersion: z.literal(1),
  contactPoints: z.array(
    z.strictObject({
      orgId: z.literal(1),
      name: z.string(),
      receivers: z.array(
        z.strictObject({
          uid: z.string().max(40),
          type: z.literal('webhook'),
          disableResolveMessage: z.boolean(),
          settings: z.strictObject({ url: z.string().regex(ENV), httpMethod: z.literal('POST') }),
        }),
      ),
    }),
  ),
  policies: z.array(RouteSchema.and(z.object({ orgId: z.literal(1), receiver: z.string() }))).length(1),
});

/** Plugin ids and types under the Grafana app's sources. */
function plugins(): Map<string, string> {
  const found = new Map<string, string>();
  const dir = path.join(ROOT, 'plugins/lockstep-app/src');
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (path.basename(file) !== 'plugin.json') continue;
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { id: string; type: string };
    found.set(json.id, json.type);
  }
  return found;
}

function receivers(route: Route): string[] {
  return [...(route.receiver === undefined ? [] : [route.receiver]), ...(route.routes ?? []).flatMap(receivers)];
}

function matchers(route: Route): Array<[string, string, string]> {
  return [...(route.object_matchers ?? []), ...(route.routes ?? []).flatMap(matchers)];
}

describe('Grafana provisioning', () => {
  const datasources = Datasources.parse(read('datasources/lockstep.yaml')).datasources;
  const byUid = new Map(datasources.map((d) => [d.uid, d]));

  it('provisions the Lockstep data source (the nested plugin) and Prometheus with stable uids', () => {
    expect(byUid.get('lockstep')?.type).toBe('lockstep-correlation-datasource');
    expect(plugins().get('lockstep-correlation-datasource')).toBe('datasource');
    expect(byUid.get('lockstep-prometheus')?.type).toBe('prometheus');
  });

  it('has a file dashboard provider for the folder the dashboards are mounted in', () => {
    const [provider] = DashboardProviders.parse(read('dashboards/lockstep.yaml')).providers;
    expect(provider?.options.path).toBe('/var/lib/grafana/dashboards/lockstep');
    expect(provider?.folder).toBe('Lockstep');
  });

  it('enables the Lockstep app, pointed at the provisioned Lockstep data source', () => {
    const [app] = Apps.parse(read('plugins/lockstep-app.yaml')).apps;
    expect(plugins().get(app?.type ?? '')).toBe('app');
    expect(byUid.get(app?.jsonData.datasourceUid ?? '')?.type).toBe('lockstep-correlation-datasource');
  });

  it("routes the alert rules' labels to a provisioned contact point whose URL comes from the environment", () => {
    const notifications = Notifications.parse(read('alerting/lockstep-notifications.yaml'));
    const names = new Set([...notifications.contactPoints.map((c) => c.name), DEFAULT_CONTACT_POINT]);
    const [policy] = notifications.policies;
    for (const receiver of receivers(policy as Route))
      expect([receiver, names.has(receiver)]).toEqual([receiver, true]);
    expect(notifications.contactPoints.map((c) => c.name)).toEqual([CONTACT_POINT]);
    expect(notifications.contactPoints[0]?.receivers[0]?.settings.url).toBe(`\${${WEBHOOK_URL_VARIABLE}}`);

    // The Lockstep route catches every rule: each rule carries the label it matches on.
    const lockstepRoute = policy?.routes?.find((r) => r.receiver === CONTACT_POINT) as Route;
    const rules = (
      read('alerting/lockstep-rules.yaml') as { groups: Array<{ rules: Array<{ labels: Record<string, string> }> }> }
    ).groups.flatMap((g) => g.rules);
    expect(rules).toHaveLength(ALERT_RULES.length);
    for (const [label, op, value] of lockstepRoute.object_matchers ?? []) {
      expect(op).toBe('=');
      for (const rule of rules) expect(rule.labels[label]).toBe(value);
    }
    // Nested matchers name label values some rule has.
    for (const [label, , value] of matchers(lockstepRoute)) {
      expect([label, value, rules.some((rule) => rule.labels[label] === value)]).toEqual([label, value, true]);
    }
  });
});
