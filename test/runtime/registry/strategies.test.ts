// The per-kind strategy hooks the generic store calls, driven directly on the
// built-in registry entries: Namespace lifecycle, Pod grace periods, Service
// allocation transactions, a CRD's establishment and cleanup, the
// ReplicationController's scale selector, and return-deleted-object as data.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../../src/apimachinery/types.js';
import { ServiceAllocator, findResource, builtinResources } from '../../../src/runtime/apiserver/registry/index.js';
import { openStore } from '../../../src/runtime/store/index.js';

const now = new Date('2026-01-02T03:04:05Z');
const ctx = { now: () => now };

test('Namespace: created Active with the kubernetes finalizer, spec.finalizers kept on spec writes, Terminating until finalized', () => {
  const def = findResource('', 'v1', 'namespaces')!;
  assert.ok(def.createKeepsStatus);
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' }, status: { conditions: [] } };
  def.prepareForCreate!(ns, ctx);
  assert.equal(ns.spec, { finalizers: ['kubernetes'] });
  assert.equal(ns.status, { conditions: [], phase: 'Active' });
  // A spec write cannot drop or add spec.finalizers, and keeps status when it sends none.
  const edit: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' }, spec: { finalizers: ['example.com/x'] } };
  def.prepareForUpdate!(edit, ns, ctx);
  assert.equal(edit.spec, { finalizers: ['kubernetes'] });
  assert.equal(edit.status, ns.status);
  assert.ok(def.awaitsFinalize!(ns));
  def.markDeleting!(ns);
  assert.is((ns.status as { phase: string }).phase, 'Terminating');
  assert.not.ok(def.awaitsFinalize!({ ...ns, spec: { finalizers: [] } }));
});

test('Pod: no grace when unbound or finished; else the requested period (never negative) or the pod\'s own, 30 s by default', () => {
  const grace = findResource('', 'v1', 'pods')!.gracePeriod!;
  const pod = (spec: object, phase = 'Running'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec, status: { phase } });
  assert.is(grace(pod({}), undefined), 0);
  assert.is(grace(pod({ nodeName: 'n1' }, 'Succeeded'), 10), 0);
  assert.is(grace(pod({ nodeName: 'n1' }, 'Failed'), undefined), 0);
  assert.is(grace(pod({ nodeName: 'n1' }), undefined), 30);
  assert.is(grace(pod({ nodeName: 'n1', terminationGracePeriodSeconds: 5 }), undefined), 5);
  assert.is(grace(pod({ nodeName: 'n1', terminationGracePeriodSeconds: 5 }), 0), 0);
  assert.is(grace(pod({ nodeName: 'n1' }), -3), 0);
  assert.is(findResource('', 'v1', 'configmaps')!.gracePeriod, undefined);
});

test('Service: a refused write hands back what its defaulting took, a stored one what the old object held; a delete frees all', () => {
  const def = findResource('', 'v1', 'services')!;
  const allocator = new ServiceAllocator({ random: () => 0.5 });
  const sctx = { now: () => now, allocator };
  const svc = (spec: object): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ...spec } });
  // A create that is refused (or a dry run) reverts.
  const refused = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] });
  def.defaults!(refused, sctx);
  def.beginWrite!(refused, undefined, sctx)!.revert();
  assert.not.ok(allocator.hasNodePort(30100));
  assert.not.ok(allocator.hasClusterIP((refused.spec as { clusterIP: string }).clusterIP));
  // A stored create keeps its allocations.
  const old = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] });
  def.defaults!(old, sctx);
  def.beginWrite!(old, undefined, sctx)!.commit();
  assert.ok(allocator.hasNodePort(30100));
  // An update to another node port: reverted, the new port goes back and the old one stays.
  const moved = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] });
  def.defaults!(moved, sctx, old);
  assert.ok(allocator.hasNodePort(30200));
  def.beginWrite!(moved, old, sctx)!.revert();
  assert.equal([allocator.hasNodePort(30100), allocator.hasNodePort(30200)], [true, false]);
  // Committed, the old port goes back and the new one stays.
  const next = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] });
  def.defaults!(next, sctx, old);
  def.beginWrite!(next, old, sctx)!.commit();
  assert.equal([allocator.hasNodePort(30100), allocator.hasNodePort(30200)], [false, true]);
  def.afterDelete!(next, sctx);
  assert.not.ok(allocator.hasNodePort(30200));
  assert.not.ok(allocator.hasClusterIP((next.spec as { clusterIP: string }).clusterIP));
  // Without an allocator there is nothing to track.
  assert.is(def.beginWrite!(next, undefined, ctx), undefined);
});

test('CustomResourceDefinition: established with accepted names on create; its custom resources go before it', async () => {
  const def = findResource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1', storage: true }, { name: 'v1beta1', storage: false }] },
  };
  def.prepareForCreate!(crd, ctx);
  const status = crd.status as { conditions: { type: string; status: string; lastTransitionTime: string }[]; acceptedNames: object; storedVersions: string[] };
  assert.equal(status.conditions.map((c) => [c.type, c.status, c.lastTransitionTime]), [['NamesAccepted', 'True', '2026-01-02T03:04:05Z'], ['Established', 'True', '2026-01-02T03:04:05Z']]);
  assert.equal(status.acceptedNames, { plural: 'widgets', kind: 'Widget', listKind: 'WidgetList', singular: 'widget' });
  assert.equal(status.storedVersions, ['v1']);
  const store = openStore('memory:');
  for (const ns of ['a', 'b']) await store.create({ resource: 'example.com/widgets', namespace: ns, name: 'w' }, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: ns } });
  await store.create({ resource: 'example.com/gadgets', namespace: 'a', name: 'g' }, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'a' } });
  await def.beforeDelete!(crd, { ...ctx, store });
  assert.is(store.list({ resource: 'example.com/widgets' }).items.length, 0);
  assert.is(store.list({ resource: 'example.com/gadgets' }).items.length, 1);
});

test('ReplicationController scale selector from its label map; return-deleted-object is registry data', () => {
  const rc = findResource('', 'v1', 'replicationcontrollers')!;
  const obj = (selector: unknown): KubeObject => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'r' }, spec: { selector } });
  assert.is(rc.scaleSelector!(obj({ app: 'web', tier: 'fe' })), 'app=web,tier=fe');
  assert.is(rc.scaleSelector!(obj(undefined)), undefined);
  const returning = builtinResources().filter((d) => d.returnDeletedObject).map((d) => `${d.group}/${d.plural}`);
  assert.equal(returning.sort(), ['/pods', '/serviceaccounts', 'storage.k8s.io/storageclasses']);
});

test.run();
