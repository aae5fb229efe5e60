// The admission plugins on their own: each is called directly with the
// attributes the generic store would hand it, over an in-memory store holding
// the namespaces, PriorityClasses, LimitRanges and quotas it consults.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { openStore, type ObjectStore } from '../../src/runtime/store/index.js';
import { ResourceCatalog, type ServedResource } from '../../src/runtime/apiserver/catalog.js';
import { builtinResources } from '../../src/runtime/apiserver/registry/index.js';
import { AdmissionChain, defaultAdmissionChain, type AdmissionAttributes, type AdmissionPlugin } from '../../src/runtime/apiserver/admission/chain.js';
import { namespaceLifecycle } from '../../src/runtime/apiserver/admission/namespace-lifecycle.js';
import { priority } from '../../src/runtime/apiserver/admission/priority.js';
import { limitRanger } from '../../src/runtime/apiserver/admission/limit-ranger.js';
import { resourceQuota } from '../../src/runtime/apiserver/admission/resource-quota.js';
import { ApiError } from '../../src/runtime/apiserver/status.js';

const catalog = new ResourceCatalog(builtinResources());
const def = (group: string, plural: string): ServedResource => catalog.lookup(group, group ? catalog.groups().find((g) => g.name === group)!.versions[0]! : 'v1', plural)!;
const PODS = def('', 'pods');
const NAMESPACES = def('', 'namespaces');
const CONFIGMAPS = def('', 'configmaps');
const CLAIMS = def('', 'persistentvolumeclaims');

async function storeWith(...objects: { resource: string; object: KubeObject }[]): Promise<ObjectStore> {
  const store = openStore('memory:');
  for (const { resource, object } of objects) {
    await store.create({ resource, namespace: object.metadata.namespace ?? '', name: object.metadata.name! }, object);
  }
  return store;
}

const ns = (name: string, extra: Partial<KubeObject> = {}) => ({ resource: '/namespaces', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...extra } as KubeObject });
const pod = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'app' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

function create(store: ObjectStore, d: ServedResource, object: KubeObject): AdmissionAttributes {
  return { operation: 'CREATE', def: d, name: object.metadata.name ?? '', namespace: object.metadata.namespace, object, store };
}

/** The refusal a plugin throws: its HTTP code, reason and message. */
function refusal(fn: () => void): { code: number; reason?: string; message?: string; causes?: unknown } {
  try {
    fn();
  } catch (err) {
    assert.instance(err, ApiError);
    const s = (err as ApiError).status;
    return { code: s.code, reason: s.reason, message: s.message, causes: s.details?.causes };
  }
  assert.unreachable('expected the plugin to refuse');
  throw new Error('unreachable');
}

test('NamespaceLifecycle: 404 for a missing namespace, 403 NamespaceTerminating for a terminating one, system namespaces are kept', async () => {
  const store = await storeWith(ns('app'), ns('going', { status: { phase: 'Terminating' } }), ns('default'));
  namespaceLifecycle.admit!(create(store, PODS, pod('p')));
  const missing = refusal(() => namespaceLifecycle.admit!(create(store, PODS, { ...pod('p'), metadata: { name: 'p', namespace: 'nowhere' } })));
  assert.equal([missing.code, missing.reason, missing.message], [404, 'NotFound', 'namespaces "nowhere" not found']);
  const going = refusal(() => namespaceLifecycle.admit!(create(store, PODS, { ...pod('p'), metadata: { name: 'p', namespace: 'going' } })));
  assert.is(going.code, 403);
  assert.is(going.message, 'pods "p" is forbidden: unable to create new content in namespace going because it is being terminated');
  assert.equal(going.causes, [{ reason: 'NamespaceTerminating', message: 'namespace going is being terminated', field: 'metadata.namespace' }]);
  const del = (name: string): AdmissionAttributes => ({ operation: 'DELETE', def: NAMESPACES, name, old: ns(name).object, store });
  const kept = refusal(() => namespaceLifecycle.admit!(del('default')));
  assert.equal([kept.code, kept.message], [403, 'namespaces "default" is forbidden: this namespace may not be deleted']);
  namespaceLifecycle.admit!(del('app'));
  // Updates and cluster-scoped creates are not its business.
  namespaceLifecycle.admit!({ operation: 'UPDATE', def: PODS, name: 'p', namespace: 'going', object: pod('p'), old: pod('p'), store });
  namespaceLifecycle.admit!(create(store, NAMESPACES, ns('new').object));
});

test('Priority: the named class, else the highest global default, else 0; unknown classes and a conflicting priority are refused', async () => {
  const pc = (name: string, value: number, extra: Record<string, unknown> = {}) => ({
    resource: 'scheduling.k8s.io/priorityclasses',
    object: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra } as KubeObject,
  });
  const store = await storeWith(pc('high', 1000, { preemptionPolicy: 'Never' }), pc('low-default', 10, { globalDefault: true }), pc('mid-default', 50, { globalDefault: true }));
  const named = pod('a', { priorityClassName: 'high' });
  priority.admit!(create(store, PODS, named));
  assert.equal([(named.spec as any).priority, (named.spec as any).preemptionPolicy], [1000, 'Never']);
  const plain = pod('b');
  priority.admit!(create(store, PODS, plain));
  assert.equal([(plain.spec as any).priorityClassName, (plain.spec as any).priority, (plain.spec as any).preemptionPolicy], ['mid-default', 50, 'PreemptLowerPriority']);
  const none = pod('c');
  priority.admit!(create(await storeWith(), PODS, none));
  assert.equal([(none.spec as any).priority, (none.spec as any).priorityClassName], [0, undefined]);
  const unknown = refusal(() => priority.admit!(create(store, PODS, pod('d', { priorityClassName: 'nope' }))));
  assert.equal([unknown.code, unknown.message], [403, 'pods "d" is forbidden: no PriorityClass with name nope was found']);
  const conflicting = refusal(() => priority.admit!(create(store, PODS, pod('e', { priorityClassName: 'high', priority: 5 }))));
  assert.is(conflicting.message, 'pods "e" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name');
  // Other kinds and updates pass untouched.
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'app' } };
  priority.admit!(create(store, CONFIGMAPS, cm));
  assert.is(cm.spec, undefined);
});

test('LimitRanger: fills missing requests and limits from the namespace defaults and refuses a limit over max', async () => {
  const lr = {
    resource: '/limitranges',
    object: {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits', namespace: 'app' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' }, max: { cpu: '1' } }, { type: 'PersistentVolumeClaim', max: { storage: '1Gi' } }] },
    } as KubeObject,
  };
  const store = await storeWith(lr);
  const p = pod('a');
  limitRanger.admit!(create(store, PODS, p));
  assert.equal((p.spec as any).containers[0].resources, { limits: { cpu: '500m' }, requests: { cpu: '100m' } });
  const big = refusal(() => limitRanger.admit!(create(store, PODS, pod('b', { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '2' } } }] }))));
  assert.equal([big.code, big.message], [403, 'pods "b" is forbidden: maximum cpu usage per Container is 1, but limit is 2']);
  const claim: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'app' }, spec: { resources: { requests: { storage: '5Gi' } } } };
  const tooLarge = refusal(() => limitRanger.admit!(create(store, CLAIMS, claim)));
  assert.is(tooLarge.message, 'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 1Gi, but request is 5Gi');
  // Without a LimitRange in the namespace nothing changes.
  const bare = pod('c');
  limitRanger.admit!(create(await storeWith(), PODS, bare));
  assert.is((bare.spec as any).containers[0].resources, undefined);
});

test('ResourceQuota: a create that fits passes, one past a hard limit is refused with the usage', async () => {
  const quota = {
    resource: '/resourcequotas',
    object: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'app' }, spec: { hard: { pods: '2', 'count/configmaps': '5' } } } as KubeObject,
  };
  const store = await storeWith(quota, { resource: '/pods', object: pod('one') });
  resourceQuota.validate!(create(store, PODS, pod('two')));
  await store.create({ resource: '/pods', namespace: 'app', name: 'two' }, pod('two'));
  const full = refusal(() => resourceQuota.validate!(create(store, PODS, pod('three'))));
  assert.equal([full.code, full.message], [403, 'pods "three" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2']);
  // Other namespaces have no quota.
  resourceQuota.validate!(create(store, PODS, { ...pod('x'), metadata: { name: 'x', namespace: 'other' } }));
});

test('the chain runs every mutating phase in order, then every validating phase, and stops at the first refusal', async () => {
  const seen: string[] = [];
  const plugin = (name: string, refuses = false): AdmissionPlugin => ({
    name,
    admit: (a) => {
      seen.push(`${name}.admit`);
      (a.object!.metadata.labels ??= {})[name] = 'admitted';
    },
    validate: (a) => {
      seen.push(`${name}.validate:${a.object!.metadata.labels?.[name]}`);
      if (refuses) throw new Error(`${name} refuses`);
    },
  });
  const store = await storeWith();
  const chain = new AdmissionChain([plugin('a'), plugin('b', true), plugin('c')]);
  const attrs = create(store, CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'app' } });
  chain.admit(attrs);
  assert.throws(() => chain.validate(attrs), /b refuses/);
  assert.equal(seen, ['a.admit', 'b.admit', 'c.admit', 'a.validate:admitted', 'b.validate:admitted']);
  assert.equal(defaultAdmissionChain().plugins.map((p) => p.name), ['NamespaceLifecycle', 'Priority', 'LimitRanger', 'ResourceQuota']);
});

test.run();
