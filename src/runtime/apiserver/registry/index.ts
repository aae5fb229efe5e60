// The built-in kinds kube-apiserver 1.32 serves, in its discovery order
// (preferred version first within a group), and lookups over them.
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

export type { ResourceDef, FieldError, SubresourceDef, TableColumn, RegistryContext } from './types.js';
export { ServiceAllocator, rebuildServiceAllocator, releaseServiceAllocations, AllocationError } from './allocator.js';
export { humanDuration } from './common.js';
export { formatInvalidMessage } from './status.js';

let cache: readonly ResourceDef[] | undefined;

/** Every built-in resource, groups in kube-apiserver's /apis order, preferred version first. */
export function builtinResources(): ResourceDef[] {
  cache ??= [
    ...core,
    ...apps,
    ...events,
    ...authentication,
    ...authorization,
    ...autoscaling,
    ...batch,
    ...networking,
    ...policy,
    ...rbac,
    ...storage,
    ...apiextensions,
    ...scheduling,
    ...coordination,
    ...discovery,
  ];
  return [...cache];
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
