// Bringing the cluster from one manifest to another (Helm's kube.Client
// Create/Update/Delete): ownership checks for objects new to the release,
// create-or-apply in install order (same kind in parallel) — server-side
// apply, or client-side create and three-way patch — and deletion of objects
// the new manifest dropped unless they are kept.
import { SkiffError } from '../errors.js';
import { FIELD_MANAGER, type Backend } from '../kube/backend.js';
import type { KubeObject } from '../apimachinery/types.js';
import { ApiStatusError, isAlreadyExists } from '../kube/client.js';

import { INSTALL_ORDER, UNINSTALL_ORDER } from '../render/index.js';
import type { Batch } from './order.js';
import type { ProgressFn } from './progress.js';
import { isKept, ownershipProblem, setOwnership, type Resource } from './resources.js';

export interface ApplyInput {
  readonly backend: Backend;
  readonly release: string;
  readonly namespace: string;
  /** The new manifest's objects, in install order. */
  readonly target: readonly Resource[];
  /** The baseline: the deployed revision's objects (empty on install). */
  readonly original: readonly Resource[];
  /** "install" or "update", for Helm's error prefix. */
  readonly verb: 'install' | 'update';
  readonly takeOwnership?: boolean;
  /** Replace (PUT) existing objects, Helm's --force-replace. */
  readonly force?: boolean;
  /** Server-side apply (field manager FIELD_MANAGER) instead of create + client-side three-way patch. */
  readonly serverSide?: boolean;
  /** With serverSide: take fields other managers own instead of failing with a conflict. */
  readonly forceConflicts?: boolean;
  /**
   * With serverSide, on a release applied client-side until now: first hand
   * the fields FIELD_MANAGER owns through client-side updates to its apply
   * entry (Helm 4's csaupgrade step), so the first server-side apply neither
   * conflicts with skiff's or Helm's own earlier writes nor leaves them owned twice.
   */
  readonly upgradeClientSideManager?: boolean;
  readonly onProgress?: ProgressFn;
  /** Receives each object this run created, as it is created (for --cleanup-on-fail). */
  readonly created: Resource[];
  /**
   * Ordered apply (order.ts): `target` split in batches applied one after
   * another, `afterBatch` awaited after each (the readiness wait). Absent:
   * one batch, as Helm applies.
   */
  readonly batches?: readonly Batch<Resource>[];
  readonly afterBatch?: (batch: Batch<Resource>, index: number, count: number) => Promise<void>;
  /** Orders the objects the new manifest dropped for deletion (the baseline's batches, reversed); absent: one batch. */
  readonly deleteBatches?: (dropped: readonly Resource[]) => readonly (readonly Resource[])[];
}

export interface ApplyResult {
  readonly created: readonly Resource[];
  readonly updated: readonly Resource[];
  readonly deleted: readonly Resource[];
  /** Dropped from the chart but kept because of helm.sh/resource-policy: keep. */
  readonly kept: readonly Resource[];
}

/** Groups consecutive resources of one kind: Helm applies a kind's objects together, kinds one after another. */
export function byKindGroups<T extends Resource>(items: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (const r of items) {
    const g = groups[groups.length - 1];
    if (g && g[0]!.obj.kind === r.obj.kind) g.push(r);
    else groups.push([r]);
  }
  return groups;
}

/**
 * Applies `target` against `original`. Before writing anything, refuses
 * (SkiffError OWNERSHIP) when an object new to the release exists in the
 * cluster and belongs to another release or to nobody, unless takeOwnership.
 */
export async function applyManifest(input: ApplyInput): Promise<ApplyResult> {
  const { backend } = input;
  const originalKeys = new Map(input.original.map((r) => [r.key, r]));
  const problems: string[] = [];
  const existing = new Set<string>();
  await Promise.all(
    input.target
      .filter((r) => !originalKeys.has(r.key))
      .map(async (r) => {
        const live = await backend.get(r.obj.apiVersion, r.obj.kind, r.obj.metadata.namespace, r.obj.metadata.name ?? '');
        if (!live) return;
        existing.add(r.key);
        const problem = input.takeOwnership ? undefined : ownershipProblem(live, input.release, input.namespace);
        if (problem) problems.push(problem);
      }),
  );
  if (problems.length) {
    throw new SkiffError('OWNERSHIP', `rendered manifests contain a resource that already exists. Unable to continue with ${input.verb}: ${problems.sort().join('\n')}`, {
      hint: 'delete the object, add the ownership metadata, or pass --take-ownership to adopt it into this release',
    });
  }
  const created: Resource[] = [];
  const updated: Resource[] = [];
  const batches = input.batches ?? [{ label: 'all resources', items: [...input.target] }];
  for (const [index, batch] of batches.entries()) {
    const n = batch.items.length;
    const what = `${n} resource${n === 1 ? '' : 's'}`;
    input.onProgress?.({ type: 'step', message: batches.length > 1 ? `Applying ${batch.label} (${what}; step ${index + 1} of ${batches.length})` : `Applying ${what}` });
    await applyBatch(input, batch.items, originalKeys, existing, created, updated);
    await input.afterBatch?.(batch, index, batches.length);
  }
  const targetKeys = new Set(input.target.map((r) => r.key));
  const droppedAll = input.original.filter((r) => !targetKeys.has(r.key));
  const deleted: Resource[] = [];
  const kept: Resource[] = [];
  for (const batch of input.deleteBatches ? input.deleteBatches(droppedAll) : [droppedAll]) {
    for (const r of sortByKind(batch, UNINSTALL_ORDER)) {
      const live = await backend.get(r.obj.apiVersion, r.obj.kind, r.obj.metadata.namespace, r.obj.metadata.name ?? '').catch(() => undefined);
      if (!live) continue;
      if (isKept(live)) {
        kept.push(r);
        continue;
      }
      try {
        await backend.delete(r.obj, { propagationPolicy: 'Background' });
        deleted.push(r);
      } catch (err) {
        // Helm logs and ignores delete errors here; we report them.
        input.onProgress?.({ type: 'warning', message: `could not delete ${r.obj.kind} ${r.obj.metadata.name}: ${(err as Error).message}` });
      }
    }
  }
  return { created, updated, deleted, kept };
}

/** Creates or applies one batch's objects, kind after kind (a kind's objects in parallel). */
async function applyBatch(input: ApplyInput, items: readonly Resource[], originalKeys: ReadonlyMap<string, Resource>, existing: ReadonlySet<string>, created: Resource[], updated: Resource[]): Promise<void> {
  const { backend } = input;
  for (const group of byKindGroups(items)) {
    await Promise.all(
      group.map(async (r) => {
        const isNew = !originalKeys.has(r.key) && !existing.has(r.key);
        const original = originalKeys.get(r.key);
        const desired = setOwnership(r.obj, input.release, input.namespace);
        try {
          if (input.serverSide && !input.force) {
            if (input.upgradeClientSideManager && !isNew) await upgradeManagedFields(backend, desired);
            await backend.apply(desired, { serverSide: true, forceConflicts: !!input.forceConflicts, fieldManager: FIELD_MANAGER });
          } else if (!isNew || !(await createIfAbsent(backend, desired))) {
            // The ownership check already saw that a new object is absent: create it without another GET.
            await backend.apply(desired, {
              ...(original ? { original: setOwnership(original.obj, input.release, input.namespace) } : {}),
              force: input.force,
              fieldManager: FIELD_MANAGER,
            });
          }
        } catch (err) {
          throw conflictError(err, r) ?? err;
        }
        if (isNew) {
          created.push(r);
          input.created.push(r);
        } else updated.push(r);
      }),
    );
  }
}

/**
 * A server-side apply conflict as the user needs it: which object, which
 * fields, which managers own them, and the flag that takes them over.
 */
function conflictError(err: unknown, r: Resource): SkiffError | undefined {
  if (!(err instanceof ApiStatusError) || err.code !== 409) return undefined;
  // metav1.StatusCause's type is `reason` in JSON.
  const causes = (err.status.details?.causes ?? []).filter((c) => c.reason === 'FieldManagerConflict');
  if (!causes.length) return undefined;
  const lines = causes.map((c) => {
    const m = /conflict with "([^"]*)"(?:.*? using (\S+))?/.exec(c.message ?? '');
    return `  ${c.field ?? '(unknown field)'}: managed by "${m?.[1] ?? 'another manager'}"${m?.[2] ? ` (${m[2]})` : ''}`;
  });
  const where = `${r.obj.kind} ${r.obj.metadata.namespace ? `${r.obj.metadata.namespace}/` : ''}${r.obj.metadata.name}`;
  return new SkiffError('APPLY_CONFLICT', `server-side apply conflict on ${where}: ${causes.length === 1 ? 'a field is' : `${causes.length} fields are`} owned by another field manager:\n${lines.join('\n')}`, {
    hint: 'pass --force-conflicts to take these fields over (what the other manager set is overwritten), or change the chart or values to agree with the live object',
    cause: err,
  });
}

/**
 * Moves what FIELD_MANAGER owns through Update operations into its Apply
 * entry (client-go's csaupgrade): one JSON patch of metadata.managedFields,
 * guarded by the resourceVersion read.
 */
async function upgradeManagedFields(backend: Backend, obj: KubeObject): Promise<void> {
  const live = await backend.get(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
  const entries = live?.metadata.managedFields ?? [];
  const csa = entries.filter((e) => e.manager === FIELD_MANAGER && e.operation === 'Update' && !e.subresource);
  if (!live || !csa.length) return;
  const ssa = entries.find((e) => e.manager === FIELD_MANAGER && e.operation === 'Apply' && !e.subresource);
  const fieldsV1 = [ssa, ...csa].reduce<Record<string, unknown>>((acc, e) => unionFields(acc, e?.fieldsV1 ?? {}), {});
  const merged = { manager: FIELD_MANAGER, operation: 'Apply' as const, apiVersion: live.apiVersion, time: ssa?.time ?? csa[csa.length - 1]!.time, fieldsType: 'FieldsV1', fieldsV1 };
  const next = [...entries.filter((e) => e !== ssa && !csa.includes(e)), merged];
  const info = await backend.discovery.resolve(obj.apiVersion, obj.kind);
  const ref = { group: info.group, version: info.version, resource: info.resource, ...(info.namespaced && obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), name: obj.metadata.name ?? '' };
  const patch = [
    { op: 'test', path: '/metadata/resourceVersion', value: live.metadata.resourceVersion },
    { op: 'replace', path: '/metadata/managedFields', value: next },
  ];
  await backend.client.patch(ref, 'json', patch, { fieldManager: FIELD_MANAGER });
}

/** The union of two FieldsV1 sets (nested objects keyed "f:name", "k:{...}", "v:...", "."). */
function unionFields(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(a)) out[k] = v;
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = prev && typeof prev === 'object' && v && typeof v === 'object' ? unionFields(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** Creates the object; resolves false when it turned out to exist (the caller then applies it). */
async function createIfAbsent(backend: Backend, obj: KubeObject): Promise<boolean> {
  const info = await backend.discovery.resolve(obj.apiVersion, obj.kind);
  try {
    await backend.client.create({ group: info.group, version: info.version, resource: info.resource, namespace: obj.metadata.namespace }, obj, { fieldManager: FIELD_MANAGER });
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}

/** Stable sort by a kind order; unknown kinds go last, alphabetically (Helm's lessByKind). */
export function sortByKind<T extends { obj: KubeObject }>(items: readonly T[], order: readonly string[] = INSTALL_ORDER): T[] {
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return [...items].sort((a, b) => {
    const d = rank(a.obj.kind) - rank(b.obj.kind);
    if (d) return d;
    if (rank(a.obj.kind) === order.length) return a.obj.kind < b.obj.kind ? -1 : a.obj.kind > b.obj.kind ? 1 : 0;
    return 0;
  });
}

/** Deletes resources in uninstall order with the given propagation; returns what was deleted and what was kept. */
export async function deleteResources(
  backend: Backend,
  resources: readonly Resource[],
  opts: { propagationPolicy: 'Background' | 'Orphan' | 'Foreground'; dryRun?: boolean },
): Promise<{ deleted: Resource[]; kept: Resource[]; errors: string[] }> {
  const deleted: Resource[] = [];
  const kept: Resource[] = [];
  const errors: string[] = [];
  for (const r of sortByKind(resources, UNINSTALL_ORDER)) {
    if (isKept(r.obj)) {
      kept.push(r);
      continue;
    }
    try {
      if (opts.dryRun || (await backend.delete(r.obj, { propagationPolicy: opts.propagationPolicy }))) deleted.push(r);
    } catch (err) {
      errors.push(`${r.obj.kind} ${r.obj.metadata.name}: ${(err as Error).message}`);
    }
  }
  return { deleted, kept, errors };
}
