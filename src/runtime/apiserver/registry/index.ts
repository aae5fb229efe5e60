// The built-in kinds kube-apiserver 1.32 serves, in its discovery order
// (preferred version first within a group), and lookups over them.
//
// How the generic store (../generic) uses a ResourceDef (what the kind
// functions assume):
// - create: set uid/creationTimestamp and drop client status first (unless
//   `createKeepsStatus`), then `defaults(obj, ctx)` (Job selectors need the
//   uid; Pod/PVC defaults write their initial status), `beginWrite(obj,
//   undefined, ctx)`, field ownership, `prepareForCreate(obj, ctx)`, the
//   admission chain's mutating phase, `validate(obj, undefined, ctx)`, the
//   validating phase, then storage; the write is committed once stored and
//   reverted otherwise (dry runs included).
// - update: `prepareForUpdate(obj, old, ctx)` on spec writes, then
//   `defaults(obj, ctx, old)` (Services carry allocations over from `old`,
//   Pods skip create-time admission), `beginWrite(obj, old, ctx)`, admission,
//   `validate(obj, old, ctx)`.
// - delete: `beforeDelete` (not on dry runs), then deferred while finalizers
//   remain, `gracePeriod` is above 0 or `awaitsFinalize` holds (`markDeleting`
//   records it); `afterDelete` once the object left the store. The answer is
//   the object when `returnDeletedObject`, else a Status.
// - `defaults` may throw ObjectInvalidError (a Service IP/port allocation
//   failed; nothing stays allocated).
// - FieldError.message is kube-apiserver's ErrorBody ("Invalid value: ...");
//   formatInvalidMessage builds the Status message from them.
// - Kinds with storageVersion (HPA) are stored in that version: convert() on
//   the way in and out; events.k8s.io Events map to core ones via
//   eventsV1ToCore/coreToEventsV1 when one storage serves both.
import { createHash } from 'node:crypto';
import type { ResourceDef } from './types.js';
import { resources as core } from './core.js';
import { resources as apps } from './apps.js';
import { resources as events } from './events.js';
import { resources as authentication } from './authentication.js';
import { resources as authorization } from './authorization.js';
import { resources as autoscaling } from './autoscaling.js';
import { resources as batch } from './batch.js';
import { resources as networking } from './networking.js';
import { resources as policy } from './policy.js';
import { resources as rbac } from './rbac.js';
import { resources as storage } from './storage.js';
import { resources as apiextensions } from './apiextensions.js';
import { resources as scheduling } from './scheduling.js';
import { resources as coordination } from './coordination.js';
import { resources as discovery } from './discovery.js';
import { resources as admissionregistration } from './admissionregistration.js';
import { resources as apiregistration } from './apiregistration.js';
import { resources as node } from './node.js';
import { resources as certificates } from './certificates.js';

export type { ResourceDef, FieldError, SubresourceDef, TableColumn, RegistryContext } from './types.js';
export { ServiceAllocator, rebuildServiceAllocator, releaseServiceAllocations, AllocationError } from './allocator.js';
export { humanDuration } from './common.js';
export { formatInvalidMessage } from './status.js';
export { eventsV1ToCore, coreToEventsV1 } from './events.js';
export { hpaV1ToV2, hpaV2ToV1 } from './autoscaling.js';
export { selectorMatches, parseQuantity } from './validation.js';

let cache: readonly ResourceDef[] | undefined;

/** Every built-in resource, groups in kube-apiserver's /apis order, preferred version first. */
export function builtinResources(): ResourceDef[] {
  cache ??= withHashes([
    ...core,
    ...apiregistration,
    ...apps,
    ...events,
    ...authentication,
    ...authorization,
    ...autoscaling,
    ...batch,
    ...certificates,
    ...networking,
    ...policy,
    ...rbac,
    ...storage,
    ...admissionregistration,
    ...apiextensions,
    ...scheduling,
    ...coordination,
    ...node,
    ...discovery,
  ]);
  return [...cache];
}

/** Objects stored through another group/version than the one served (storage GVK per group/plural). */
const STORAGE_GVK: Record<string, [string, string, string]> = {
  'events.k8s.io/events': ['', 'v1', 'Event'],
  // kube-apiserver still encodes CRDs as v1beta1 in storage.
  'apiextensions.k8s.io/customresourcedefinitions': ['apiextensions.k8s.io', 'v1beta1', 'CustomResourceDefinition'],
};

function withHashes(defs: ResourceDef[]): ResourceDef[] {
  return defs.map((r0) => {
    // Kinds not marked keep no metadata.generation, as their upstream strategies.
    const r: ResourceDef = { ...r0, tracksGeneration: r0.tracksGeneration ?? false };
    if (!r.verbs.includes('watch')) return r; // virtual kinds (bindings, reviews, componentstatuses) have no storage
    const [g, v, k] = STORAGE_GVK[`${r.group}/${r.plural}`] ?? [r.group, r.storageVersion ?? r.version, r.kind];
    const hash = createHash('sha256').update(`${g}/${v}/${k}`).digest().subarray(0, 8).toString('base64');
    return { ...r, storageVersionHash: hash };
  });
}

/** The resource served at /apis/<group>/<version>/<plural> ("" group for /api/v1), or undefined. */
export function findResource(group: string, version: string, plural: string): ResourceDef | undefined {
  return builtinResources().find((r) => r.group === group && r.version === version && r.plural === plural);
}

/** The resource for a group/version/kind, or undefined. */
export function findKind(group: string, version: string, kind: string): ResourceDef | undefined {
  return builtinResources().find((r) => r.group === group && r.version === version && r.kind === kind);
}

/** The groups in discovery order with their versions (preferred first). */
export function builtinGroupVersions(): { group: string; versions: string[] }[] {
  const out: { group: string; versions: string[] }[] = [];
  for (const r of builtinResources()) {
    let g = out.find((x) => x.group === r.group);
    if (!g) out.push((g = { group: r.group, versions: [] }));
    if (!g.versions.includes(r.version)) g.versions.push(r.version);
  }
  return out;
}
