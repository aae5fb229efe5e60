// Server-side apply and field ownership (sigs.k8s.io/structured-merge-diff as
// kube-apiserver uses it): every write records who set which fields in
// metadata.managedFields; an apply merges the applier's configuration into the
// live object, reports fields another manager set to a different value as
// conflicts (409) unless forced, and removes fields the applier owned before
// and no longer sets (when nobody else owns them).
import type { KubeObject, StatusCause } from '../../../apimachinery/types.js';
import type { GroupVersionKind } from '../../../apimachinery/schema/index.js';
import * as E from '../status.js';
import { getOwn, setOwn } from '../../../util/own-keys.js';
import { deleteAt, fieldsOf, fromPaths, hasPath, itemKey, normalized, nullSetsNothing, pathString, paths, shape, valueAt, without, type Fields } from './fieldset.js';
import { cloneJson } from '../../../util/json.js';
import { formatRFC3339 } from '../../../util/time.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Fields;
  subresource?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameSet = (a: Fields, b: Fields) => same(paths(a).map((p) => p.join('\u0000')).sort(), paths(b).map((p) => p.join('\u0000')).sort());

function entries(o: KubeObject | undefined): ManagedFieldsEntry[] {
  const mf = (o?.metadata as { managedFields?: unknown } | undefined)?.managedFields;
  return Array.isArray(mf) ? (mf.filter((e) => isObj(e) && typeof e.manager === 'string' && isObj(e.fieldsV1)) as ManagedFieldsEntry[]) : [];
}

function setEntries(o: KubeObject, list: ManagedFieldsEntry[]): void {
  const kept = list.filter((e) => Object.keys(e.fieldsV1).length > 0);
  if (kept.length) (o.metadata as { managedFields?: unknown }).managedFields = kept;
  else delete (o.metadata as { managedFields?: unknown }).managedFields;
}

/**
 * Merges an apply configuration into `live` (maps and list-maps merge, other
 * lists and scalars are replaced). `status` is left to the status subresource
 * when the kind has one.
 */
function merge(i: ApplyInput, path: string[], live: unknown, applied: unknown): unknown {
  // A null struct or granular map merges as an empty one: the live members stay.
  if (applied === null && live !== undefined && nullSetsNothing(i.gvk, path)) return live;
  if (isObj(applied)) {
    const out: Record<string, unknown> = isObj(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) {
      if (path.length === 0 && k === 'status' && !i.statusInMain) continue;
      setOwn(out, k, merge(i, [...path, k], getOwn(out, k), v));
    }
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const s = shape(i.gvk, path);
    if (s.list === 'map' && s.keys.length) {
      const out = [...live];
      for (const item of applied) {
        const key = itemKey(item, s);
        const at = out.findIndex((x) => itemKey(x, s) === key);
        if (at >= 0) out[at] = merge(i, path, out[at], item);
        else out.push(item);
      }
      return out;
    }
    if (s.list === 'set') return [...live, ...applied.filter((x) => !live.some((y) => same(x, y)))];
  }
  return applied;
}

export interface ApplyInput {
  readonly gvk: GroupVersionKind;
  /** The live object (undefined: the apply creates it). */
  readonly live: KubeObject | undefined;
  /** The apply configuration (already checked to be an object). */
  readonly config: KubeObject;
  readonly manager: string;
  readonly force: boolean;
  readonly now: Date;
  readonly subresource?: string;
  /** The kind has no status subresource (a custom resource whose CRD declares none): apply writes and owns `status`. */
  readonly statusInMain?: boolean;
}

/**
 * The object an apply produces, with managedFields updated. Throws a 409
 * Conflict ApiError with FieldManagerConflict causes when another manager owns
 * a field the configuration sets to a different value and `force` is false.
 */
export function applyConfiguration(i: ApplyInput): KubeObject {
  const apiVersion = i.config.apiVersion ?? '';
  const appliedSet = fieldsOf(i.gvk, i.config, i.statusInMain);
  const appliedPaths = paths(appliedSet);
  const live = (i.live ? cloneJson(i.live) : { apiVersion, kind: i.config.kind, metadata: {} }) as KubeObject;
  const managers = entries(i.live);
  const mine = managers.find((e) => e.manager === i.manager && e.operation === 'Apply' && (e.subresource ?? '') === (i.subresource ?? ''));
  const others = managers.filter((e) => e !== mine);
  // Conflicts: another manager owns a leaf this configuration sets to something else.
  const conflicts: { manager: string; apiVersion: string; path: string[] }[] = [];
  for (const e of others) {
    for (const p of appliedPaths) {
      if (!hasPath(e.fieldsV1, p)) continue;
      const cfgV = valueAt(i.gvk, i.config, p);
      const liveV = valueAt(i.gvk, live, p);
      if (isObj(cfgV) || Array.isArray(cfgV)) continue; // containers of fields are shared
      if (!same(cfgV, liveV)) conflicts.push({ manager: e.manager, apiVersion: e.apiVersion, path: p });
    }
  }
  if (conflicts.length && !i.force) throw conflictError(conflicts);
  // Fields this manager applied before and no longer sets go, unless someone else owns them too.
  const result = merge(i, [], live, i.config) as KubeObject;
  if (mine) {
    const now = new Set(appliedPaths.map((p) => p.join('\u0000')));
    const dropped = paths(mine.fieldsV1).filter((p) => !now.has(p.join('\u0000')) && !others.some((e) => hasPath(e.fieldsV1, p)));
    // Only the topmost dropped paths: a list item goes as a whole, before its key fields could be.
    const key = (p: readonly string[]) => p.join('\u0000');
    const droppedKeys = new Set(dropped.map(key));
    const top = dropped.filter((p) => !p.some((_, n) => n > 0 && n < p.length && droppedKeys.has(key(p.slice(0, n)))));
    for (const p of top.sort((a, b) => b.length - a.length)) deleteAt(i.gvk, result, p);
  }
  const forced = conflicts.map((c) => c.path);
  const next: ManagedFieldsEntry[] = others.map((e) => ({ ...e, fieldsV1: forced.length ? without(e.fieldsV1, forced) : e.fieldsV1 }));
  // An apply that owns exactly what it owned and changes nothing keeps its entry as it was, so a
  // no-op apply writes nothing; one that changes a value keeps the set and takes a new time.
  const unchanged = mine && mine.apiVersion === apiVersion && sameSet(mine.fieldsV1, appliedSet) && sameObject(result, live);
  const entry: ManagedFieldsEntry = unchanged ? mine : { manager: i.manager, operation: 'Apply', apiVersion, time: formatRFC3339(i.now), fieldsType: 'FieldsV1', fieldsV1: appliedSet };
  if (i.subresource) entry.subresource = i.subresource;
  const at = mine ? managers.indexOf(mine) : -1;
  if (at >= 0) next.splice(at, 0, entry);
  else next.push(entry);
  result.metadata ??= {};
  setEntries(result, next);
  return result;
}

/** Equal apart from managedFields (which the caller is about to rewrite). */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, managedFields: undefined } });
  return same(strip(a), strip(b));
}

function conflictError(conflicts: { manager: string; apiVersion: string; path: string[] }[]): E.ApiError {
  // metav1.StatusCause's Type is "reason" on the wire (k8s.io/apimachinery NewConflictError / NewApplyConflict).
  const causes: StatusCause[] = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${c.apiVersion}`, field: pathString(c.path) }));
  const n = conflicts.length;
  let message: string;
  if (n === 1) message = `Apply failed with 1 conflict: ${causes[0]!.message}: ${causes[0]!.field}`;
  else {
    // Grouped by manager, as structured-merge-diff words several conflicts.
    const by = new Map<string, string[]>();
    for (const c of conflicts) {
      const head = `conflicts with "${c.manager}" using ${c.apiVersion}:`;
      by.set(head, [...(by.get(head) ?? []), `- ${pathString(c.path)}`]);
    }
    message = `Apply failed with ${n} conflicts: ${[...by.keys()].sort().map((h) => [h, ...by.get(h)!].join('\n')).join('\n')}`;
  }
  // As NewApplyConflict: the details hold the causes only (no name, group or kind).
  return E.failure(409, 'Conflict', message, { causes });
}

export interface UpdateInput {
  readonly gvk: GroupVersionKind;
  readonly old: KubeObject | undefined;
  readonly next: KubeObject;
  readonly manager: string;
  readonly now: Date;
  readonly subresource?: string;
  /** The kind has no status subresource: writes to the main resource own `status` too. */
  readonly statusInMain?: boolean;
}

/**
 * Records an Update operation in `next.metadata.managedFields`: the manager
 * takes the fields whose value it changed or added; removed fields leave every
 * manager. managedFields the client sent explicitly (different from the old
 * ones) are kept as sent, as kube-apiserver does.
 */
export function trackUpdate(u: UpdateInput): void {
  const sent = (u.next.metadata as { managedFields?: unknown }).managedFields;
  const oldMf = (u.old?.metadata as { managedFields?: unknown } | undefined)?.managedFields;
  if (sent !== undefined && !same(sent, oldMf)) {
    if (Array.isArray(sent) && sent.length === 0) delete (u.next.metadata as { managedFields?: unknown }).managedFields;
    return;
  }
  const newSet = fieldsOf(u.gvk, u.next, u.statusInMain);
  if (!u.old) {
    // A create: the manager owns every field it set, which is the object's whole field set.
    const entry: ManagedFieldsEntry = { manager: u.manager, operation: 'Update', apiVersion: u.next.apiVersion ?? '', time: formatRFC3339(u.now), fieldsType: 'FieldsV1', fieldsV1: normalized(newSet) };
    if (u.subresource) entry.subresource = u.subresource;
    setEntries(u.next, [entry]);
    return;
  }
  const newPaths = paths(newSet);
  const oldSet = u.old ? fieldsOf(u.gvk, u.old, u.statusInMain) : {};
  const changed = newPaths.filter((p) => {
    if (!hasPath(oldSet, p)) return true;
    const v = valueAt(u.gvk, u.next, p);
    return !isObj(v) && !Array.isArray(v) && !same(v, valueAt(u.gvk, u.old, p));
  });
  const gone = paths(oldSet).filter((p) => !hasPath(newSet, p));
  const managers = entries(u.old).map((e) => ({ ...e }));
  if (changed.length === 0 && gone.length === 0 && u.old) {
    if (managers.length) setEntries(u.next, managers);
    return;
  }
  const apiVersion = u.next.apiVersion ?? '';
  const drop = [...gone, ...changed];
  const rest = managers.map((e) => (drop.some((p) => hasPath(e.fieldsV1, p)) ? { ...e, fieldsV1: without(e.fieldsV1, drop) } : e));
  const mine = rest.find((e) => e.manager === u.manager && e.operation === 'Update' && (e.subresource ?? '') === (u.subresource ?? ''));
  const owned = [...(mine ? paths(mine.fieldsV1) : []), ...changed];
  const entry: ManagedFieldsEntry = { manager: u.manager, operation: 'Update', apiVersion, time: formatRFC3339(u.now), fieldsType: 'FieldsV1', fieldsV1: fromPaths(owned) };
  if (u.subresource) entry.subresource = u.subresource;
  if (mine) rest.splice(rest.indexOf(mine), 1, entry);
  else rest.push(entry);
  setEntries(u.next, rest);
}
