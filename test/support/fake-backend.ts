// An in-memory cluster for action tests: a KubeClient over a Map, and a
// Backend on top with a fixed discovery table. Jobs and Pods complete at once
// (or fail when annotated fake.skiff.io/fail: <reason>); readiness of any
// object can be steered with fake.skiff.io/ready: "false" or
// fake.skiff.io/fail. Every write is recorded in `ops` so tests can assert order.
import { ApiStatusError, type KubeClient, type ResourceRef, type ListOptions, type PatchType } from '../../src/kube/client.js';
import type { Backend, ResourceInfo, Readiness, ApplyOptions, DeleteObjectOptions } from '../../src/kube/backend.js';
import type { KubeList, KubeObject, Status } from '../../src/apimachinery/types.js';
import { parseApiVersion } from '../../src/apimachinery/types.js';

const KINDS: ResourceInfo[] = [
  { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false },
  { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true },
  { group: '', version: 'v1', kind: 'Secret', resource: 'secrets', namespaced: true },
  { group: '', version: 'v1', kind: 'Service', resource: 'services', namespaced: true },
  { group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', namespaced: true },
  { group: '', version: 'v1', kind: 'Pod', resource: 'pods', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true },
  { group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', resource: 'clusterroles', namespaced: false },
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', resource: 'customresourcedefinitions', namespaced: false },
];

function status(code: number, reason: string, message: string): ApiStatusError {
  return new ApiStatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message });
}

/** Equality-based label selectors: a=b, a==b, a!=b, a, !a. */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  const l = labels ?? {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (!t) return true;
    let m = /^([^!=]+)!=(.*)$/.exec(t);
    if (m) return l[m[1]!.trim()] !== m[2]!.trim();
    m = /^([^!=]+)==?(.*)$/.exec(t);
    if (m) return l[m[1]!.trim()] === m[2]!.trim();
    if (t.startsWith('!')) return !(t.slice(1) in l);
    return t in l;
  });
}

export class FakeClient implements KubeClient {
  readonly objects = new Map<string, KubeObject>();
  readonly ops: string[] = [];
  private rv = 1;

  private key(ref: ResourceRef, name = ref.name): string {
    return `${ref.group}/${ref.resource}/${ref.namespace ?? ''}/${name}`;
  }

  async get<T extends KubeObject>(ref: ResourceRef): Promise<T> {
    const o = this.objects.get(this.key(ref));
    if (!o) throw status(404, 'NotFound', `${ref.resource} "${ref.name}" not found`);
    return structuredClone(o) as T;
  }

  async list<T extends KubeObject>(ref: ResourceRef, opts: ListOptions = {}): Promise<KubeList<T>> {
    const prefix = `${ref.group}/${ref.resource}/`;
    const items: T[] = [];
    for (const [k, o] of this.objects) {
      if (!k.startsWith(prefix)) continue;
      if (ref.namespace !== undefined && o.metadata.namespace !== ref.namespace) continue;
      if (!matchesSelector(o.metadata.labels, opts.labelSelector)) continue;
      items.push(structuredClone(o) as T);
    }
    return { apiVersion: 'v1', kind: 'List', metadata: {}, items };
  }

  async create<T extends KubeObject>(ref: ResourceRef, body: unknown): Promise<T> {
    const obj = structuredClone(body) as KubeObject;
    const k = this.key(ref, obj.metadata.name);
    if (this.objects.has(k)) throw status(409, 'AlreadyExists', `${ref.resource} "${obj.metadata.name}" already exists`);
    obj.metadata.namespace = ref.namespace;
    obj.metadata.uid = `uid-${this.rv}`;
    obj.metadata.resourceVersion = String(this.rv++);
    obj.metadata.creationTimestamp = new Date().toISOString();
    if (obj.kind === 'Job' || obj.kind === 'Pod') {
      const fail = obj.metadata.annotations?.['fake.skiff.io/fail'];
      if (obj.kind === 'Job') obj.status = { conditions: [{ type: fail ? 'Failed' : 'Complete', status: 'True', reason: fail ? 'BackoffLimitExceeded' : undefined, message: fail }] };
      else obj.status = { phase: fail ? 'Failed' : 'Succeeded', message: fail };
    }
    this.objects.set(k, obj);
    this.ops.push(`create ${obj.kind}/${obj.metadata.name}`);
    return structuredClone(obj) as T;
  }

  async update<T extends KubeObject>(ref: ResourceRef, body: unknown): Promise<T> {
    const obj = structuredClone(body) as KubeObject;
    const k = this.key(ref);
    const old = this.objects.get(k);
    if (!old) throw status(404, 'NotFound', `${ref.resource} "${ref.name}" not found`);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw status(409, 'Conflict', `the object has been modified; please apply your changes to the latest version and try again`);
    }
    obj.metadata = { ...obj.metadata, namespace: ref.namespace, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, resourceVersion: String(this.rv++) };
    this.objects.set(k, obj);
    this.ops.push(`update ${obj.kind}/${obj.metadata.name}`);
    return structuredClone(obj) as T;
  }

  async patch<T extends KubeObject>(ref: ResourceRef, _type: PatchType, body: unknown): Promise<T> {
    const old = await this.get(ref);
    const merged = mergePatch(old, body) as KubeObject;
    return this.update<T>(ref, { ...merged, metadata: { ...merged.metadata, resourceVersion: undefined } });
  }

  async delete(ref: ResourceRef): Promise<KubeObject | Status> {
    const k = this.key(ref);
    const old = this.objects.get(k);
    if (!old) throw status(404, 'NotFound', `${ref.resource} "${ref.name}" not found`);
    this.objects.delete(k);
    this.ops.push(`delete ${old.kind}/${old.metadata.name}`);
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  }

  async deleteCollection(): Promise<KubeList | Status> {
    throw new Error('fake client: deleteCollection is not supported');
  }

  watch(): never {
    throw new Error('fake client: watch is not supported');
  }
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export interface FakeBackend extends Backend {
  readonly client: FakeClient;
  /** Objects applied (not hooks), in order: "Kind/name". */
  readonly applied: string[];
  /** Overrides readiness for every object (e.g. to simulate pods that never become ready). */
  readinessOverride?: (obj: KubeObject) => Readiness | undefined;
}

export function fakeBackend(opts: { namespace?: string } = {}): FakeBackend {
  const client = new FakeClient();
  // Like a real cluster, the default namespace exists from the start.
  client.objects.set('/namespaces//default', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', uid: 'uid-ns-default', resourceVersion: '1' } });
  const applied: string[] = [];
  const info = (apiVersion: string, kind: string): ResourceInfo => {
    const { group, version } = parseApiVersion(apiVersion);
    const k = KINDS.find((x) => x.group === group && x.kind === kind);
    if (!k) throw new Error(`the server doesn't have a resource type for ${apiVersion} ${kind}`);
    return { ...k, version };
  };
  const ref = (obj: KubeObject): ResourceRef => {
    const i = info(obj.apiVersion, obj.kind);
    return { group: i.group, version: i.version, resource: i.resource, namespace: i.namespaced ? obj.metadata.namespace ?? opts.namespace ?? 'default' : undefined, name: obj.metadata.name };
  };
  const backend: FakeBackend = {
    target: 'local',
    defaultNamespace: opts.namespace ?? 'default',
    client,
    applied,
    discovery: {
      resolve: async (apiVersion, kind) => info(apiVersion, kind),
      invalidate: () => {},
      serverVersion: async () => ({ major: '1', minor: '31', gitVersion: 'v1.31.0' }),
      apiVersions: async () => ['v1', 'apps/v1', 'batch/v1'],
    },
    async get(apiVersion, kind, namespace, name) {
      const i = info(apiVersion, kind);
      try {
        return await client.get({ group: i.group, version: i.version, resource: i.resource, namespace: i.namespaced ? namespace : undefined, name });
      } catch {
        return undefined;
      }
    },
    async apply(obj: KubeObject, o: ApplyOptions = {}) {
      const r = ref(obj);
      const live = await client.get(r).catch(() => undefined);
      if (o.dryRun) return live ? { ...structuredClone(obj), metadata: { ...live.metadata, ...obj.metadata } } : structuredClone(obj);
      applied.push(`${obj.kind}/${obj.metadata.name}`);
      if (!live) return client.create(r, obj);
      return client.update(r, { ...obj, metadata: { ...obj.metadata, resourceVersion: live.metadata.resourceVersion } });
    },
    async delete(obj: KubeObject, _o?: DeleteObjectOptions) {
      try {
        await client.delete(ref(obj));
        return true;
      } catch {
        return false;
      }
    },
    async readiness(obj: KubeObject): Promise<Readiness> {
      const o = backend.readinessOverride?.(obj);
      if (o) return o;
      const fail = obj.metadata.annotations?.['fake.skiff.io/fail'];
      if (fail) return { ready: false, failed: true, message: fail };
      if (obj.metadata.annotations?.['fake.skiff.io/ready'] === 'false') return { ready: false, message: '0/1 ready' };
      return { ready: true, message: 'ready' };
    },
    async close() {},
  };
  return backend;
}
