// The cluster side of `skiff test chart`: where each values file runs (a
// fresh bundled cluster hosted by a thread of this process, or an isolated namespace on a cluster
// reached through a kubeconfig), the server-side validation of rendered
// manifests, the leftover check after uninstall, and the diagnostics printed
// for a failing phase (events and pod logs, as `ct --print-logs`).
import { parse } from 'yaml';
import type { Backend } from '../kube/backend.js';
import type { EmbeddedClusters } from '../cluster/backend.js';
import type { KubeObject } from '../apimachinery/types.js';
import { isNotFound, type ResourceRef } from '../kube/client.js';
import { FIELD_MANAGER } from '../kube/backend.js';
import { parseManifest, RESOURCE_POLICY_ANNOTATION, takeOrdering } from '../release/resources.js';
import type { Manifest } from '../render/index.js';
import type { RestClient } from '../kube/rest-client.js';
import { splitDocuments } from '../render/manifests.js';

/** One place a values file runs: a backend, the namespace it owns, and how to give it back. */
export interface TestCluster {
  readonly backend: Backend;
  readonly namespace: string;
  /** Stops the embedded cluster, or deletes the isolated namespace. */
  close(): Promise<void>;
}

/** Where fresh bundled clusters come from: a thread of this process hosting them (src/cluster/backend.ts). */
export type ClusterHost = EmbeddedClusters;

/** Starts the host of embedded clusters (its thread starts with the first cluster). */
export async function clusterHost(): Promise<ClusterHost> {
  const { embeddedClusters } = await import('../cluster/backend.js');
  return embeddedClusters();
}

/** Starts a fresh bundled cluster on `host` and returns a backend reaching it over HTTPS. */
export async function embeddedCluster(host: ClusterHost): Promise<TestCluster> {
  const c = await host.start();
  return { backend: c.backend, namespace: 'default', close: () => c.close() };
}

/** Creates namespace `namespace` on the kubeconfig's cluster; close() deletes it. */
export async function namespaceCluster(kubeconfig: string, namespace: string, context?: string): Promise<TestCluster> {
  const { kubeBackend } = await import('../kube/backend-impl.js');
  const backend = await kubeBackend({ kubeconfig, namespace, ...(context ? { context } : {}) });
  const ref = { group: '', version: 'v1', resource: 'namespaces' };
  await backend.client.create(ref, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'app.kubernetes.io/managed-by': 'skiff-chart-test' } } });
  return {
    backend,
    namespace,
    async close() {
      try {
        await backend.client.delete({ ...ref, name: namespace }, { propagationPolicy: 'Background' });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      } finally {
        await backend.close();
      }
    },
  };
}

/** A manifest as an object, with the release namespace filled in for namespaced kinds. */
async function placed(backend: Backend, m: Manifest, namespace: string): Promise<{ obj: KubeObject; ref: ResourceRef }> {
  const obj = parseManifest(m.content) as KubeObject;
  // As install applies it: HIP-0025's helm.sh/depends-on/... keys (no valid annotation keys) stay off the object.
  if (obj?.metadata) takeOrdering(obj);
  const info = await backend.discovery.resolve(m.apiVersion, m.kind);
  if (info.namespaced) obj.metadata = { ...obj.metadata, namespace: obj.metadata?.namespace || namespace };
  return { obj, ref: { group: info.group, version: info.version, resource: info.resource, ...(info.namespaced ? { namespace: obj.metadata.namespace } : {}), name: obj.metadata?.name } };
}

/** A manifest the server refused in a dry run, with where it came from. */
export interface Rejection {
  readonly source: string;
  readonly object: string;
  readonly message: string;
}

/**
 * Sends every manifest to the API server as a server-side apply dry run with
 * strict field validation, so unknown fields, invalid values and kinds the
 * cluster does not serve are refused as a real install would refuse them.
 * Custom resources whose definition the chart itself ships (crds/) are
 * skipped here: their kinds exist only once install has created the CRDs.
 */
export async function validateManifests(backend: Backend, manifests: readonly Manifest[], namespace: string, chartKinds: ReadonlySet<string>): Promise<{ rejections: Rejection[]; skipped: string[] }> {
  const rejections: Rejection[] = [];
  const skipped: string[] = [];
  for (const m of manifests) {
    const object = `${m.kind}/${m.name}`;
    if (chartKinds.has(`${m.apiVersion.split('/')[0]}/${m.kind}`)) {
      skipped.push(object);
      continue;
    }
    try {
      const { obj, ref } = await placed(backend, m, namespace);
      await backend.client.patch(ref, 'apply', obj, { dryRun: true, fieldValidation: 'Strict', fieldManager: FIELD_MANAGER, force: true });
    } catch (err) {
      rejections.push({ source: m.source, object, message: (err as Error).message });
    }
  }
  return { rejections, skipped };
}

/** What the kinds a chart's crds/ files define are, as "group/Kind". */
export function crdKinds(crds: readonly { content: string }[]): Set<string> {
  const out = new Set<string>();
  for (const c of crds) {
    for (const doc of splitDocuments(c.content)) {
      const o = parse(doc) as { kind?: string; spec?: { group?: string; names?: { kind?: string } } } | null;
      if (o?.kind === 'CustomResourceDefinition' && o.spec?.group && o.spec.names?.kind) out.add(`${o.spec.group}/${o.spec.names.kind}`);
    }
  }
  return out;
}

/** One object still present after uninstall, and why it counts. */
export interface Leftover {
  readonly object: string;
  readonly reason: string;
}

const DEPENDENTS: readonly { apiVersion: string; kind: string }[] = [
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
];

/**
 * Lists what the release left behind: any rendered object (manifest or hook)
 * still present, and any Pod, ReplicaSet, Job or PVC still in the release's
 * own namespace. Allowed to stay, as Helm leaves them: objects annotated
 * helm.sh/resource-policy: keep, and PVCs created from a StatefulSet's
 * volumeClaimTemplates. Polls until clean or `timeoutMs` passes (garbage
 * collection of dependents takes a moment).
 */
export async function findLeftovers(backend: Backend, rendered: readonly Manifest[], namespace: string, timeoutMs: number): Promise<Leftover[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await leftoversOnce(backend, rendered, namespace);
    // Only terminating objects and garbage-collected dependents can still go away by themselves.
    const pending = found.some((l) => l.reason === 'still terminating' || l.reason.startsWith('dependent of'));
    if (!pending || Date.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function leftoversOnce(backend: Backend, rendered: readonly Manifest[], namespace: string): Promise<Leftover[]> {
  const out: Leftover[] = [];
  const claimPrefixes: string[] = [];
  const seen = new Set<string>();
  for (const m of rendered) {
    let obj: KubeObject;
    let ref: ResourceRef;
    try {
      ({ obj, ref } = await placed(backend, m, namespace));
    } catch {
      continue; // a kind the cluster no longer serves (its CRD went with the release) has nothing left
    }
    if (m.kind === 'StatefulSet') {
      for (const t of ((obj as any).spec?.volumeClaimTemplates ?? []) as KubeObject[]) claimPrefixes.push(`${t.metadata?.name}-${obj.metadata.name}-`);
    }
    if (obj.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] === 'keep') continue;
    const live = await backend.client.get(ref).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
    if (!live) continue;
    const key = `${m.kind}/${m.name}`;
    seen.add(`${m.kind}/${live.metadata.namespace ?? ''}/${m.name}`);
    const hook = (m as { events?: string[] }).events;
    out.push({ object: key, reason: hook ? `hook (${hook.join(',')}) not removed: its helm.sh/hook-delete-policy does not cover this outcome` : live.metadata.deletionTimestamp ? 'still terminating' : 'not deleted by uninstall' });
  }
  for (const d of DEPENDENTS) {
    const info = await backend.discovery.resolve(d.apiVersion, d.kind);
    const list = await backend.client.list({ group: info.group, version: info.version, resource: info.resource, namespace });
    for (const item of list.items) {
      const name = item.metadata.name ?? '';
      if (seen.has(`${d.kind}/${namespace}/${name}`)) continue;
      if (d.kind === 'PersistentVolumeClaim' && claimPrefixes.some((p) => name.startsWith(p))) continue;
      if (item.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] === 'keep') continue;
      const owner = item.metadata.ownerReferences?.[0];
      out.push({ object: `${d.kind}/${name}`, reason: owner ? `dependent of ${owner.kind}/${owner.name} not garbage-collected` : 'created during the run and not deleted' });
    }
  }
  return out;
}

/** Events and pod logs of `namespace`, for the report of a failing phase. */
export async function diagnostics(backend: Backend, namespace: string): Promise<{ events: string[]; logs: Record<string, string> }> {
  const events: string[] = [];
  const logs: Record<string, string> = {};
  try {
    const list = await backend.client.list({ group: '', version: 'v1', resource: 'events', namespace });
    const sorted = [...list.items].sort((a: any, b: any) => String(a.lastTimestamp ?? a.eventTime ?? '').localeCompare(String(b.lastTimestamp ?? b.eventTime ?? '')));
    for (const e of (sorted as any[]).filter((x) => x.involvedObject?.kind !== 'Node')) events.push(`${e.type} ${e.reason} ${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.message}`);
    const pods = await backend.client.list({ group: '', version: 'v1', resource: 'pods', namespace });
    const client = backend.client as RestClient;
    for (const p of pods.items as any[]) {
      for (const c of (p.spec?.containers ?? []) as { name: string }[]) {
        const key = `${p.metadata.name}/${c.name}`;
        try {
          const res = await client.getPath(`/api/v1/namespaces/${namespace}/pods/${p.metadata.name}/log?container=${encodeURIComponent(c.name)}`, { accept: '*/*' });
          logs[key] = String((res as { text?: string }).text ?? '');
        } catch (err) {
          logs[key] = `(logs unavailable: ${(err as Error).message})`;
        }
      }
    }
  } catch (err) {
    events.push(`(diagnostics unavailable: ${(err as Error).message})`);
  }
  return { events, logs };
}
