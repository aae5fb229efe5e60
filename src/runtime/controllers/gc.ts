// The garbage collector (pkg/controller/garbagecollector): a graph of
// ownerReferences built from watches of the built-in kinds. Dependents whose
// owners are all gone are deleted (background); an owner marked
// foregroundDeletion has its dependents deleted first and loses the finalizer
// once none is left; an owner marked orphan has its uid stripped from its
// dependents before the finalizer goes. Absence is always confirmed with a
// live read, as upstream's attemptToDelete does.
import type { ResourceRef } from '../../kube/client.js';
import type { KubeObject, OwnerReference } from '../../apimachinery/types.js';
import { Controller, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import type { Informer } from '../kit/informer.js';

interface KindInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

export const GC_KINDS: readonly KindInfo[] = [
  ['', 'v1', 'pods', 'Pod', true],
  ['', 'v1', 'replicationcontrollers', 'ReplicationController', true],
  ['', 'v1', 'services', 'Service', true],
  ['', 'v1', 'configmaps', 'ConfigMap', true],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', false],
  ['', 'v1', 'nodes', 'Node', false],
  ['', 'v1', 'endpoints', 'Endpoints', true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true],
  ['apps', 'v1', 'deployments', 'Deployment', true],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true],
  ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', true],
  ['batch', 'v1', 'jobs', 'Job', true],
  ['batch', 'v1', 'cronjobs', 'CronJob', true],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true],
  ['coordination.k8s.io', 'v1', 'leases', 'Lease', true],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true],
].map(([group, version, resource, kind, namespaced]) => ({ group, version, resource, kind, namespaced }) as KindInfo);

interface GraphNode {
  kind: KindInfo;
  obj: KubeObject;
}

const DEFINITION: ControllerDefinition = { name: 'garbage-collector', watches: GC_KINDS, owns: GC_KINDS, workers: 8 };

export class GarbageCollector extends Controller {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly informers: { k: KindInfo; inf: Informer }[];

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.informers = GC_KINDS.map((k) => ({ k, inf: this.informer<KubeObject>(k) }));
  }

  protected watch(): void {
    for (const { k, inf } of this.informers) {
      inf.on((type, o, old) => {
        const uid = o.metadata.uid!;
        const prevOwners = (old ?? this.nodes.get(uid)?.obj)?.metadata.ownerReferences ?? [];
        for (const r of prevOwners) this.dependents.get(r.uid)?.delete(uid);
        if (type === 'DELETED') {
          this.nodes.delete(uid);
          for (const d of this.dependents.get(uid) ?? []) this.queue.add(`dep:${d}`);
          for (const r of prevOwners) this.queue.add(`owner:${r.uid}`);
          return;
        }
        this.nodes.set(uid, { kind: k, obj: o });
        for (const r of o.metadata.ownerReferences ?? []) {
          let s = this.dependents.get(r.uid);
          if (!s) this.dependents.set(r.uid, (s = new Set()));
          s.add(uid);
        }
        if (o.metadata.ownerReferences?.length) this.queue.add(`dep:${uid}`);
        if (o.metadata.deletionTimestamp && o.metadata.finalizers?.some((f) => f === 'orphan' || f === 'foregroundDeletion')) this.queue.add(`owner:${uid}`);
        // A dependent that lost its owner reference may let a waiting owner finish.
        for (const r of prevOwners) if (!(o.metadata.ownerReferences ?? []).some((x) => x.uid === r.uid)) this.queue.add(`owner:${r.uid}`);
      });
    }
  }

  private refOf(n: GraphNode, name = n.obj.metadata.name): ResourceRef {
    return { group: n.kind.group, version: n.kind.version, resource: n.kind.resource, namespace: n.kind.namespaced ? n.obj.metadata.namespace : undefined, name };
  }

  protected async sync(key: string): Promise<void> {
    const [what, uid] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (what === 'owner') await this.processOwner(uid);
    else await this.attemptToDelete(uid);
  }

  /** Whether the owner named by `r` (seen from `dep`) still exists, confirmed live when the graph lacks it. */
  private async ownerState(dep: GraphNode, r: OwnerReference): Promise<'present' | 'absent' | 'deleting-foreground'> {
    const n = this.nodes.get(r.uid);
    const pick = (o: KubeObject) => (o.metadata.deletionTimestamp && o.metadata.finalizers?.includes('foregroundDeletion') ? 'deleting-foreground' : 'present');
    if (n) return pick(n.obj);
    const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
    const k = GC_KINDS.find((x) => x.group === group && x.kind === r.kind);
    if (!k) return 'present'; // a kind we do not track (custom resources): never guess
    try {
      const o = await this.ctx.client.get({ group: k.group, version: version ?? k.version, resource: k.resource, namespace: k.namespaced ? dep.obj.metadata.namespace : undefined, name: r.name });
      return o.metadata.uid === r.uid ? pick(o) : 'absent';
    } catch (err) {
      if ((err as { code?: number }).code === 404) return 'absent';
      throw err;
    }
  }

  private async attemptToDelete(uid: string): Promise<void> {
    const n = this.nodes.get(uid);
    if (!n || n.obj.metadata.deletionTimestamp) return;
    const refs = n.obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const states = await Promise.all(refs.map((r) => this.ownerState(n, r)));
    const absent = refs.filter((_, i) => states[i] === 'absent');
    if (absent.length === refs.length) {
      await this.ctx.client.delete(this.refOf(n), { propagationPolicy: 'Background', preconditions: { uid } }).catch(ignore404or409);
      return;
    }
    if (absent.length) {
      const keep = refs.filter((r) => !absent.includes(r));
      await this.ctx.client
        .patch(this.refOf(n), 'json', [{ op: 'test', path: '/metadata/uid', value: uid }, setOwners(keep)])
        .catch(ignore404or409);
      return;
    }
    // Every owner is being deleted in the foreground and waits on us.
    if (states.every((s) => s === 'deleting-foreground') && refs.some((r) => r.blockOwnerDeletion)) {
      await this.ctx.client.delete(this.refOf(n), { propagationPolicy: 'Foreground', preconditions: { uid } }).catch(ignore404or409);
    }
  }

  private async processOwner(uid: string): Promise<void> {
    const n = this.nodes.get(uid);
    if (!n || !n.obj.metadata.deletionTimestamp) return;
    const fins = n.obj.metadata.finalizers ?? [];
    const deps = [...(this.dependents.get(uid) ?? [])].map((d) => this.nodes.get(d)).filter((d): d is GraphNode => !!d);
    if (fins.includes('orphan')) {
      await Promise.all(
        deps.map((d) =>
          this.ctx.client
            .patch(this.refOf(d), 'json', [{ op: 'test', path: '/metadata/uid', value: d.obj.metadata.uid }, setOwners((d.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid))])
            .catch(ignore404or409),
        ),
      );
      await this.removeFinalizer(n, 'orphan');
      return;
    }
    if (fins.includes('foregroundDeletion')) {
      const blocking = deps.filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid));
      for (const d of blocking) {
        if (!d.obj.metadata.deletionTimestamp) {
          await this.ctx.client.delete(this.refOf(d), { propagationPolicy: 'Foreground', preconditions: { uid: d.obj.metadata.uid } }).catch(ignore404or409);
        }
      }
      if (blocking.some((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion))) return;
      await this.removeFinalizer(n, 'foregroundDeletion');
    }
  }

  private async removeFinalizer(n: GraphNode, f: string): Promise<void> {
    const live = await this.ctx.client.get(this.refOf(n)).catch(() => undefined);
    if (!live || live.metadata.uid !== n.obj.metadata.uid) return;
    await this.ctx.client.patch(this.refOf(n), 'json', [
      { op: 'test', path: '/metadata/resourceVersion', value: live.metadata.resourceVersion },
      { op: 'replace', path: '/metadata/finalizers', value: (live.metadata.finalizers ?? []).filter((x) => x !== f) },
    ]);
  }
}

function setOwners(refs: OwnerReference[]): object {
  return refs.length ? { op: 'replace', path: '/metadata/ownerReferences', value: refs } : { op: 'remove', path: '/metadata/ownerReferences' };
}

function ignore404or409(err: unknown): void {
  const c = (err as { code?: number }).code;
  if (c !== 404 && c !== 409 && c !== 422) throw err;
}
