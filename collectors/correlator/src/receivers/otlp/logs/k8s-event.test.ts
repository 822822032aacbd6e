import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { signalFile } from '../../events/__fixtures__/samples';
import type { Json } from '../__fixtures__/builders';
import { nanos } from '../__fixtures__/builders';
import { decodeOtlpLogs } from './decoder';
import { workloadOfPod } from './k8s-event';

/** Real Event objects of a Deployment's rollout (samples/k8s/README: exported from a cluster). */
const EVENTS = parseAllDocuments(readFileSync(signalFile('k8s/deployment-update-events.yaml'), 'utf8')).map(
  (doc) => doc.toJS() as Json,
);
const OBSERVED = Date.UTC(2020, 10, 27, 12, 5, 0);

/** A plain value as an OTLP AnyValue, as pdata's `Map.FromRaw` makes it (the k8sobjects receiver's body). */
function toAny(value: unknown): Json {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toAny) } };
  if (value !== null && typeof value === 'object') {
    return { kvlistValue: { values: Object.entries(value).map(([key, v]) => ({ key, value: toAny(v) })) } };
  }
  return {};
}

type Mode = 'pull' | 'watch (type, object)' | 'watch (event.type)';

/** One Event as the k8sobjects receiver emits it in each mode (unstructured_to_logdata.go). */
function k8sobjectsRequest(event: Json, mode: Mode): Json {
  const name = (event.metadata as Json).name as string;
  const attributes: Json[] = [{ key: 'k8s.resource.name', value: { stringValue: 'events' } }];
  if (mode !== 'pull') {
    attributes.push({ key: 'event.domain', value: { stringValue: 'k8s' } });
    attributes.push({ key: 'event.name', value: { stringValue: name } });
  }
  if (mode === 'watch (event.type)') attributes.push({ key: 'event.type', value: { stringValue: 'ADDED' } });
  const body = mode === 'watch (type, object)' ? toAny({ type: 'ADDED', object: event }) : toAny(event);
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'k8s.namespace.name', value: { stringValue: 'default' } }] },
        scopeLogs: [{ scope: {}, logRecords: [{ observedTimeUnixNano: nanos(OBSERVED), attributes, body }] }],
      },
    ],
  };
}

const EXPECTED = [
  {
    kind: 'change',
    time: Date.parse('2020-11-27T12:04:05Z'),
    source: 'k8s',
    change: 'deploy',
    summary: 'Deployment default/hello-world: Scaled up replica set hello-world-6b9d85fbd6 to 1',
    id: 'k8s-44f4b5cd-9bce-49da-8d14-4a8334e5eca2-2',
    actor: 'deployment-controller',
    k8sNamespace: 'default',
    service: 'hello-world',
  },
  {
    kind: 'change',
    time: Date.parse('2020-11-27T12:04:06Z'),
    source: 'k8s',
    change: 'deploy',
    summary: 'Pod default/hello-world-6b9d85fbd6-klpv2: Started container hello-world',
    id: 'k8s-184a125b-95bf-48a1-8e60-5fec403136b8-1',
    actor: 'kubelet',
    host: 'kind-control-plane',
    k8sNamespace: 'default',
    k8sPod: 'hello-world-6b9d85fbd6-klpv2',
    service: 'hello-world',
  },
  {
    kind: 'change',
    time: Date.parse('2020-11-27T12:04:06Z'),
    source: 'k8s',
    change: 'deploy',
    summary: 'Deployment default/hello-world: Scaled down replica set hello-world-7ff854f459 to 0',
    id: 'k8s-ada9bb44-66ed-4309-870d-da7e47e47c1e-2',
    actor: 'deployment-controller',
    k8sNamespace: 'default',
    service: 'hello-world',
  },
  {
    kind: 'change',
    time: Date.parse('2020-11-27T12:04:06Z'),
    source: 'k8s',
    change: 'deploy',
    summary: 'Pod default/hello-world-7ff854f459-kl4hq: Stopping container hello-world',
    id: 'k8s-bb189ee2-1d61-4ab5-ad75-bb72f088ec6b-1',
    actor: 'kubelet',
    host: 'kind-control-plane',
    k8sNamespace: 'default',
    k8sPod: 'hello-world-7ff854f459-kl4hq',
    service: 'hello-world',
  },
];

describe('Kubernetes events from the k8sobjects receiver (real rollout events)', () => {
  it.each<Mode>(['pull', 'watch (type, object)', 'watch (event.type)'])(
    'reads a Deployment rollout in %s mode: the scaling, and the pods started and stopped on the node',
    (mode) => {
      const results = EVENTS.map((event) => decodeOtlpLogs(k8sobjectsRequest(event, mode)));
      expect(results.flatMap((r) => r.changes)).toEqual(EXPECTED);
      expect(results.flatMap((r) => r.signals)).toEqual([]);
      // The scheduler, the image pull, the container's creation and the ReplicaSets' pod bookkeeping are steps.
      expect(results.reduce((n, r) => n + r.skipped, 0)).toBe(5);
      expect(results.reduce((n, r) => n + r.rejected, 0)).toBe(0);
    },
  );
});

describe("the k8sobjects receiver's own expected output (its e2e test data)", () => {
  it.each(['k8s/k8sobjects-watch-events.yaml', 'k8s/k8sobjects-watch-events-core.yaml'])(
    'reads %s as no change: a test warning on a custom resource, or a deleted event',
    (file) => {
      const request = parse(readFileSync(signalFile(file), 'utf8')) as Json;
      const result = decodeOtlpLogs(request);
      expect(result).toMatchObject({ changes: [], signals: [], skipped: 1, rejected: 0 });
    },
  );
});

describe('k8s event records that cannot be read', () => {
  it('rejects a k8sobjects record without a map body, naming it', () => {
    const request = k8sobjectsRequest(EVENTS[0] as Json, 'pull');
    const record = ((request.resourceLogs as Json[])[0]?.scopeLogs as Json[])[0]?.logRecords as Json[];
    (record[0] as Json).body = { stringValue: 'not a map' };
    expect(decodeOtlpLogs(request)).toMatchObject({ rejected: 1, errors: [expect.stringMatching(/no map body/)] });
  });
});

describe('workloadOfPod', () => {
  it.each([
    ['checkout-7d9f8c6b5-x2x4p', 'checkout'],
    ['hello-world-6b9d85fbd6-klpv2', 'hello-world'],
    ['db-0', 'db'],
    ['standalone', undefined],
  ])('%s → %s', (pod, workload) => expect(workloadOfPod(pod)).toBe(workload));
});
