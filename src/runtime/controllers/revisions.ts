// ControllerRevisions shared by StatefulSets and DaemonSets: one per distinct
// pod template, named <owner>-<hash>, data = the strategic-merge patch
// kubectl's `rollout undo` applies ({"spec":{"template":{...,"$patch":"replace"}}}).
import type { KubeClient } from '../../kube/client.js';
import type { Informer } from '../kit/informer.js';
import { controllerRef, deepEqual, ownerRefFor, templateHash, type Obj } from '../kit/objects.js';

export function revisionData(template: unknown): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(template as Record<string, unknown>), $patch: 'replace' } } };
}

export function templateOfRevision(cr: Obj): unknown {
  const t = { ...((cr as any).data?.spec?.template ?? {}) };
  delete t.$patch;
  return t;
}

/** Finds or creates the revision of `owner`'s current template; returns it and the owner's revisions. */
export async function ensureRevision(client: KubeClient, revs: Informer<Obj>, owner: Obj, apiVersion: string, kind: string): Promise<{ update: Obj; all: Obj[] }> {
  const ns = owner.metadata.namespace!;
  const all = revs.list(ns).filter((r) => controllerRef(r)?.uid === owner.metadata.uid);
  const data = revisionData(owner.spec?.template);
  const max = Math.max(0, ...all.map((r) => Number((r as any).revision ?? 0)));
  const same = all.find((r) => deepEqual((r as any).data, data));
  if (same) {
    if (Number((same as any).revision) < max) {
      // Rolling back to an older template makes it the newest revision again.
      const bumped = await client.update<Obj>({ group: 'apps', version: 'v1', resource: 'controllerrevisions', namespace: ns, name: same.metadata.name }, { ...same, apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: max + 1 });
      return { update: bumped, all: all.map((r) => (r === same ? bumped : r)) };
    }
    return { update: same, all };
  }
  const hash = templateHash(owner.spec?.template, owner.status?.collisionCount ?? 0);
  const body = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: `${owner.metadata.name}-${hash}`, namespace: ns, labels: { ...(owner.spec?.selector?.matchLabels ?? {}), 'controller.kubernetes.io/hash': hash }, ownerReferences: [ownerRefFor(owner, apiVersion, kind)] },
    data,
    revision: max + 1,
  };
  try {
    const created = await client.create<Obj>({ group: 'apps', version: 'v1', resource: 'controllerrevisions', namespace: ns }, body);
    return { update: created, all: [...all, created] };
  } catch (err) {
    if ((err as { code?: number }).code !== 409) throw err;
    const existing = await client.get<Obj>({ group: 'apps', version: 'v1', resource: 'controllerrevisions', namespace: ns, name: body.metadata.name });
    return { update: existing, all: [...all.filter((r) => r.metadata.name !== existing.metadata.name), existing] };
  }
}
