import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ALERT_RULES } from '../provisioning/src/alerts';
import { CONTACT_POINT, DEFAULT_CONTACT_POINT, WEBHOOK_URL_VARIABLE } from '../provisioning/src/build-alerts';
import { ALERT_RULE_FOLDER, DASHBOARD_FOLDER, DASHBOARDS_PATH } from '../provisioning/src/folders';

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
    expect(provider?.options.path).toBe(DASHBOARDS_PATH);
    expect(provider).toMatchObject({ folder: DASHBOARD_FOLDER.title, folderUid: DASHBOARD_FOLDER.uid });
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

/**
 * How Grafana's file provisioners find the folder they write into, emulated from Grafana's source
 * (pkg/services/provisioning/dashboards/file_reader.go `getOrCreateFolder`, pkg/services/provisioning/alerting/
 * rules_provisioner.go `getOrCreateFolderFullpath`): the dashboard provider looks its folder up by `folderUid` when it
 * has one, else by title, and creates it (with that uid, or a random one) when absent; the alert-rule provisioner
 * has no uid to go by (apiVersion 1 groups name a folder by title, `a/b` for nested ones), looks each title up under
 * its parent and creates missing ones with a random uid. Recent Grafana runs the two concurrently
 * (pkg/services/provisioning/provisioning.go, phase 2), so both lookups may happen before either create.
 */
interface Folder {
  uid: string;
  title: string;
  parent: string;
}
interface FolderClaim {
  /** Which provisioner, for messages. */
  by: string;
  /** One step per folder level: found by uid (dashboards with folderUid) or by title under the previous step. */
  steps: Array<{ uid?: string; title: string }>;
}

function dashboardClaims(): FolderClaim[] {
  const dir = path.join(ROOT, 'provisioning/grafana/dashboards');
  const claims: FolderClaim[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    for (const provider of DashboardProviders.parse(read(`dashboards/${file}`)).providers) {
      // foldersFromFilesStructure puts each subdirectory's dashboards in a folder of its name, looked up by title.
      if (provider.options.foldersFromFilesStructure) {
        throw new Error(`${file}: a provider with foldersFromFilesStructure needs its subdirectories modelled here`);
      }
      if (provider.folder === '') continue; // the General folder: nothing to find or create
      const step =
        provider.folderUid === '' ? { title: provider.folder } : { uid: provider.folderUid, title: provider.folder };
      claims.push({ by: `dashboard provider ${provider.name}`, steps: [step] });
    }
  }
  return claims;
}

function alertClaims(): FolderClaim[] {
  const dir = path.join(ROOT, 'provisioning/grafana/alerting');
  const claims: FolderClaim[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const groups = (read(`alerting/${file}`) as { groups?: Array<{ name: string; folder: string }> }).groups ?? [];
    for (const group of groups) {
      claims.push({ by: `alert group ${group.name}`, steps: group.folder.split('/').map((title) => ({ title })) });
    }
  }
  return claims;
}

/**
 * Runs every claim's get-or-create against one folder store. `concurrent`: every claim looks its folder up before
 * any creates (the worst interleaving of provisioners running at once). Returns the folders each claim ended in
 * and the problems Grafana would have: a create whose title already exists under that parent (refused with "a
 * folder with the same name already exists", or a second folder of that name) or whose uid is taken.
 */
function provision(claims: FolderClaim[], concurrent: boolean): { landed: Folder[]; problems: string[] } {
  const store: Folder[] = [];
  const problems: string[] = [];
  let random = 0;
  const find = (step: { uid?: string; title: string }, parent: string) =>
    step.uid === undefined
      ? store.find((f) => f.title === step.title && f.parent === parent)
      : store.find((f) => f.uid === step.uid);
  const create = (by: string, step: { uid?: string; title: string }, parent: string): Folder => {
    if (store.some((f) => f.title === step.title && f.parent === parent))
      problems.push(`${by}: a folder "${step.title}" already exists`);
    if (step.uid !== undefined && store.some((f) => f.uid === step.uid))
      problems.push(`${by}: uid ${step.uid} is taken`);
    const folder = { uid: step.uid ?? `random-${++random}`, title: step.title, parent };
    store.push(folder);
    return folder;
  };
  const landed: Folder[] = [];
  // Concurrent: each claim's first lookup happens before anything is created.
  const missing = claims.map((claim) => (concurrent ? find(claim.steps[0] ?? { title: '' }, '') === undefined : false));
  claims.forEach((claim, index) => {
    let parent = '';
    let folder: Folder | undefined;
    claim.steps.forEach((step, depth) => {
      const found = depth === 0 && missing[index] ? undefined : find(step, parent);
      folder = found ?? create(claim.by, step, parent);
      parent = folder.uid;
    });
    if (folder !== undefined) landed.push(folder);
  });
  return { landed, problems };
}

describe('Grafana folders for the provisioned dashboards and alert rules', () => {
  const claims = [...dashboardClaims(), ...alertClaims()];

  it('are claimed by both provisioners (the files hold dashboards and alert rules)', () => {
    expect(claims.map((c) => c.by.split(' ')[0])).toEqual(expect.arrayContaining(['dashboard', 'alert']));
  });

  it.each([
    ['dashboards first', false, false],
    ['alert rules first', true, false],
    ['both at once', false, true],
    ['both at once, alert rules creating first', true, true],
  ])('each resolve to the folder they ask for, without a clash, %s', (_order, reverse, concurrent) => {
    const ordered = reverse ? [...claims].reverse() : claims;
    const { landed, problems } = provision(ordered, concurrent);
    expect(problems).toEqual([]);
    // Each claim ends in a folder with the title it asked for (no create was refused or doubled: see problems).
    expect(landed.map((f) => f.title)).toEqual(ordered.map((c) => c.steps[c.steps.length - 1]?.title));
    const dashboards = landed.filter((_f, i) => ordered[i]?.by.startsWith('dashboard'));
    for (const folder of dashboards) expect(folder.uid).toBe(DASHBOARD_FOLDER.uid);
    const rules = landed.filter((_f, i) => ordered[i]?.by.startsWith('alert'));
    for (const folder of rules) expect(folder.title).toBe(ALERT_RULE_FOLDER);
  });

  it('the emulation sees the clash of two provisioners creating one folder by title at once (control)', () => {
    const byTitle = [
      { by: 'dashboard provider x', steps: [{ title: 'Shared' }] },
      { by: 'alert group y', steps: [{ title: 'Shared' }] },
    ];
    expect(provision(byTitle, false).problems).toEqual([]);
    expect(provision(byTitle, true).problems).toEqual(['alert group y: a folder "Shared" already exists']);
  });
});
