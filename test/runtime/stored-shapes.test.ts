// What the API server keeps in its store stays in V8's fast object form. An object one of whose
// properties (other than the last added) is deleted becomes a dictionary-mode object, several
// times the memory, and the store holds every object (and the watch history's versions) for the
// life of the cluster: 10,000 pods whose conditions were written with `lastProbeTime: null`
// (as every kubelet writes them) cost ~26 MiB more heap that way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setFlagsFromString } from 'node:v8';
import { Pipeline, createStore, memoryDriver, inProcessClient, type ObjectStore } from '../../src/runtime/index.js';
import { ResourceCatalog } from '../../src/runtime/apiserver/catalog.js';
import { builtinResources } from '../../src/runtime/apiserver/registry/index.js';
import type { KubeClient } from '../../src/kube/client.js';

setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

/** Paths of the objects under `v` that are in dictionary mode. */
function slowObjects(v: unknown, path = '', out: string[] = []): string[] {
  if (typeof v !== 'object' || v === null) return out;
  if (!Array.isArray(v) && !hasFastProperties(v)) out.push(path || '.');
  for (const [k, x] of Object.entries(v)) slowObjects(x, `${path}.${k}`, out);
  return out;
}

let store: ObjectStore;
let client: KubeClient;
const POD = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const stored = (resource: string, name: string) => store.get({ resource, namespace: 'default', name })!.object;

test.before(async () => {
  store = createStore(memoryDriver());
  const pipeline = new Pipeline({ store, catalog: new ResourceCatalog(builtinResources()), now: () => new Date() });
  client = inProcessClient(pipeline);
  await client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
});

test('the check itself: a deleted middle property is seen as dictionary mode', () => {
  const o: Record<string, unknown> = { a: 1, b: null, c: 2 };
  assert.equal(slowObjects({ o }), []);
  delete o.b;
  assert.equal(slowObjects({ o }), ['.o']);
});

test('a pod whose status is written with null fields (as a kubelet writes conditions) and then updated with its resourceVersion is stored in fast form', async () => {
  await client.create(POD, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' }, annotations: null }, spec: { containers: [{ name: 'c', image: 'i', args: null, resources: {} }] } });
  const t = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: t });
  await client.patch({ ...POD, name: 'p', subresource: 'status' }, 'merge', { status: { phase: 'Running', conditions: [cond('Initialized'), cond('Ready'), cond('PodScheduled')], podIP: '10.0.0.1' } });
  const written = stored('/pods', 'p') as any;
  assert.equal(written.status.conditions.map((c: any) => Object.keys(c)), Array(3).fill(['type', 'status', 'lastTransitionTime']));
  assert.equal(slowObjects(written), []);
  const got = await client.get({ ...POD, name: 'p' });
  assert.is(got.metadata.resourceVersion !== undefined, true);
  await client.update({ ...POD, name: 'p' }, { ...got, metadata: { ...got.metadata, labels: { a: 'c' } } });
  const p = stored('/pods', 'p') as any;
  assert.equal(p.status.conditions.map((c: any) => Object.keys(c)), Array(3).fill(['type', 'status', 'lastTransitionTime']));
  assert.is(p.metadata.labels.a, 'c');
  assert.is('annotations' in p.metadata, false);
  assert.equal(slowObjects(p), []);
});

test('an object whose null field goes at the top level (an Event without eventTime) is stored in fast form', async () => {
  await client.create(
    { group: '', version: 'v1', resource: 'events', namespace: 'default' },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'R', message: 'm', eventTime: null, type: 'Normal', count: 1 },
  );
  const e = stored('/events', 'e') as any;
  assert.is('eventTime' in e, false);
  assert.is(e.reason, 'R');
  assert.equal(slowObjects(e), []);
});

test.run();
