// `skiff diff upgrade|rollback`: the operation's plan compared with the LIVE
// objects: each target object is dry-run applied (the same three-way patch,
// from the same baseline, the operation would send) and compared with what
// is in the cluster now; objects the operation would delete are shown as removed.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { KubeObject } from '../apimachinery/types.js';
import { parseApiVersion } from '../apimachinery/types.js';
import { unifiedDiff } from '../release/line-diff.js';
import { FIELD_MANAGER } from '../kube/backend.js';
import { isKept, setOwnership, splitManifest, toResources, type Resource } from '../release/resources.js';
import type { Release } from '../release/types.js';
import type { Configuration } from './configuration.js';
import { planRollback, type RollbackOptions } from './plan-rollback.js';
import { planUpgrade, type UpgradeOptions } from './plan-upgrade.js';
import type { ReleasePlan } from './plan.js';
import { releaseResources } from './release-ops.js';
import { sortKeys } from '../util/json.js';

export interface ResourceDiff {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly group: string;
  readonly change: 'added' | 'changed' | 'removed';
  /** Unified diff of the YAML (Secret data redacted). */
  readonly diff: string;
}

export interface DiffResult {
  readonly release: Release;
  readonly changes: readonly ResourceDiff[];
}

const VOLATILE = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

/** The object as the diff shows it: no status, no server bookkeeping, Secret values redacted. */
export function normalizeForDiff(obj: KubeObject): KubeObject {
  const { status: _s, ...rest } = obj;
  const metadata = { ...obj.metadata };
  for (const k of VOLATILE) delete metadata[k];
  if (metadata.annotations) {
    const a = { ...metadata.annotations };
    delete a['kubectl.kubernetes.io/last-applied-configuration'];
    metadata.annotations = a;
    if (!Object.keys(a).length) delete metadata.annotations;
  }
  const out: KubeObject = { ...rest, metadata };
  if (obj.kind === 'Secret') {
    for (const field of ['data', 'stringData'] as const) {
      const d = obj[field] as Record<string, string> | undefined;
      if (!d) continue;
      out[field] = Object.fromEntries(
        Object.entries(d).map(([k, v]) => [k, `(redacted: ${Buffer.byteLength(String(v))} bytes, sha256 ${createHash('sha256').update(String(v)).digest('hex').slice(0, 12)})`]),
      );
    }
  }
  return out;
}

function yamlOf(obj: KubeObject | undefined): string {
  return obj ? stringify(sortKeys(obj), { lineWidth: 0 }) : '';
}

async function compare(cfg: Configuration, rel: Release, baseline: readonly Resource[], how: { serverSide: boolean; forceConflicts?: boolean }): Promise<ResourceDiff[]> {
  const target = await toResources(splitManifest(rel.manifest), cfg.backend, rel.namespace);
  const base = new Map(baseline.map((r) => [r.key, r]));
  const out: ResourceDiff[] = [];
  const id = (o: KubeObject) => ({ namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '', kind: o.kind, group: parseApiVersion(o.apiVersion).group });
  for (const r of target) {
    const live = await cfg.backend.get(r.obj.apiVersion, r.obj.kind, r.obj.metadata.namespace, r.obj.metadata.name ?? '');
    const desired = setOwnership(r.obj, rel.name, rel.namespace);
    if (!live) {
      out.push({ ...id(r.obj), change: 'added', diff: unifiedDiff('', yamlOf(normalizeForDiff(desired))) });
      continue;
    }
    const original = base.get(r.key);
    const predicted = how.serverSide
      ? await cfg.backend.apply(desired, { serverSide: true, forceConflicts: !!how.forceConflicts, fieldManager: FIELD_MANAGER, dryRun: true })
      : await cfg.backend.apply(desired, { ...(original ? { original: setOwnership(original.obj, rel.name, rel.namespace) } : {}), fieldManager: FIELD_MANAGER, dryRun: true });
    const diff = unifiedDiff(yamlOf(normalizeForDiff(live)), yamlOf(normalizeForDiff(predicted)));
    if (diff) out.push({ ...id(r.obj), change: 'changed', diff });
  }
  const targetKeys = new Set(target.map((r) => r.key));
  for (const r of baseline) {
    if (targetKeys.has(r.key)) continue;
    const live = await cfg.backend.get(r.obj.apiVersion, r.obj.kind, r.obj.metadata.namespace, r.obj.metadata.name ?? '');
    if (!live || isKept(live)) continue;
    out.push({ ...id(r.obj), change: 'removed', diff: unifiedDiff(yamlOf(normalizeForDiff(live)), '') });
  }
  return out;
}

/** The plan compared with the cluster, from the baseline the operation itself would apply against. */
async function comparePlan(cfg: Configuration, plan: ReleasePlan): Promise<DiffResult> {
  const baseline = plan.baseline ? await releaseResources(cfg, plan.baseline) : [];
  return { release: plan.release, changes: await compare(cfg, plan.release, baseline, plan.settings) };
}

/** What `upgrade --install` with these options would change; writes nothing. */
export async function diffUpgrade(cfg: Configuration, opts: UpgradeOptions): Promise<DiffResult> {
  return comparePlan(cfg, await planUpgrade(cfg, { ...opts, dryRun: 'server', install: true }));
}

/** What `rollback` to this revision would change; writes nothing. */
export async function diffRollback(cfg: Configuration, opts: RollbackOptions): Promise<DiffResult> {
  return comparePlan(cfg, await planRollback(cfg, { ...opts, dryRun: true }));
}
