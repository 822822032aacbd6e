import { CORRELATED_SCORE } from '@lockstep/contract';
import { busyHost, runEngine, SPIKE } from '../__fixtures__/change-run';
import { falco } from '../__fixtures__/spike-host';
import { CatalogError, parseCatalog } from './parse';

const YAML = `services:
  - match: { service: checkout }
    name: Online order processing
    tier: 1
    owner: Payments
    data_classes: [PCI, PII]
    cost_per_hour: 12000
  - match: { host: "web-*" }
    name: Web front end
    tier: 2
`;

describe('service catalogue matching', () => {
  const catalog = parseCatalog(YAML, 'catalog.yaml');

  it.each([
    [{ host: 'web-01', services: ['checkout'] }, 'Online order processing'],
    [{ host: 'WEB-7.eu-west.internal'.toLowerCase(), services: [] }, 'Web front end'],
    [{ host: 'db-1', services: ['billing'] }, undefined],
  ])('%j → %s', (subject, name) => {
    const business = catalog.match({ containerNames: [], ...subject });
    expect(business?.name).toBe(name);
  });

  it('carries the entry in business terms', () => {
    expect(catalog.match({ host: 'x', services: ['checkout'], containerNames: [] })).toEqual({
      service: 'checkout',
      name: 'Online order processing',
      tier: 1,
      owner: 'Payments',
      data_classes: ['PCI', 'PII'],
      cost_per_hour: 12000,
    });
  });
});

describe('incidents in business terms', () => {
  const alert = falco(SPIKE + 15_000, 'Detect crypto miners using the Stratum protocol', { pid: 4242, name: 'xmrig' });

  it('names the service, its tier, data and owner, and the estimated cost', () => {
    const catalog = parseCatalog(YAML.replace('{ service: checkout }', '{ host: "web-0*" }'), 'catalog.yaml');
    const [incident] = runEngine(busyHost('miner'), [alert], { catalog }).incidents;
    expect(incident?.score).toBeGreaterThanOrEqual(CORRELATED_SCORE);
    const hours = (Date.parse(incident?.end ?? '') - Date.parse(incident?.start ?? '')) / 3_600_000;
    const cost = Math.round(12000 * hours);
    expect(cost).toBeGreaterThan(1000);
    expect(incident?.business).toEqual({
      service: 'Online order processing',
      name: 'Online order processing',
      tier: 1,
      owner: 'Payments',
      data_classes: ['PCI', 'PII'],
      cost_per_hour: 12000,
      estimated_cost: cost,
    });
    expect(incident?.summary.business).toBe(
      'Online order processing (tier 1, in PCI and PII scope, owned by Payments) was slowed by likely cryptomining ' +
        `for 8 min on web-01: someone else is spending this machine’s compute. Estimated cost: ${cost.toLocaleString('en-US')} (12,000 per hour).`,
    );
  });

  it('is null when a catalogue is configured and no entry matches, and absent without one', () => {
    const catalog = parseCatalog('services:\n  - match: {service: nothing}\n    name: N\n', 'c.yaml');
    expect(runEngine(busyHost('miner'), [alert], { catalog }).incidents[0]?.business).toBeNull();
    expect(runEngine(busyHost('miner'), [alert]).incidents[0]).not.toHaveProperty('business');
  });
});

describe('catalogue validation', () => {
  it.each([
    [
      'services:\n  - match: {service: checkout}\n    name: X\n    tierr: 1\n',
      'line 4: services[0].tierr: unknown key',
    ],
    ['services:\n  - match: {service: checkout}\n    tier: 1\n', 'line 2: services[0].name: is required'],
    [
      'services:\n  - match: {service: checkout}\n    name: X\n    tier: first\n',
      'line 4: services[0].tier: must be a whole number from 1 (most critical) to 9',
    ],
    [
      'services:\n  - match: {}\n    name: X\n',
      'line 2: services[0].match: must name at least one of service, host, container_name, k8s_namespace',
    ],
    [
      'services:\n  - match: {service: a}\n    name: X\n  - match: {servise: b}\n    name: Y\n',
      'line 4: services[1].match.servise: unknown key',
    ],
    [
      'services:\n  - match: {service: a}\n    name: X\n    cost_per_hour: -5\n',
      'line 4: services[0].cost_per_hour: must not be negative',
    ],
    ['services:\n  - match: {service: a}\n    name: X\n    name: Y\n', 'line 4: Map keys must be unique'],
    ['services: [\n', 'line 2: '],
    ['servics: []\n', 'line 1: servics: unknown key'],
  ])('%j is refused: %s', (yaml, problem) => {
    expect(() => parseCatalog(yaml, 'catalog.yaml')).toThrow(CatalogError);
    expect(() => parseCatalog(yaml, 'catalog.yaml')).toThrow(problem);
  });

  it('names the file in the message', () => {
    expect(() => parseCatalog('services: 3\n', '/etc/lockstep/catalog.yaml')).toThrow(
      /^service catalogue \/etc\/lockstep\/catalog.yaml is invalid:\n {2}line 1: services: must be a list of services$/,
    );
  });
});
