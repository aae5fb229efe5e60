// Shared building blocks for the per-group modules: JSON access helpers,
// verb sets, subresource and column shorthands, and the printers' cells
// (ages, selectors, label maps: the formats themselves live in src/util).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { SubresourceDef, TableColumn } from './types.js';
import { humanDuration } from '../../../util/duration.js';

export { humanDuration } from '../../../util/duration.js';
export { formatLabelSelector, formatLabels as formatMap } from '../../../util/label-selector.js';

export type Obj = Record<string, unknown>;

/** The object at `o[k]`, created (and attached) when missing or not an object. */
export function ensure(o: Obj, k: string): Obj {
  const v = o[k];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const n: Obj = {};
  o[k] = n;
  return n;
}

/** `o[k]` if it is a plain object, else undefined. */
export function obj(o: unknown, k?: string): Obj | undefined {
  const v = k === undefined ? o : o && typeof o === 'object' ? (o as Obj)[k] : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** `o[k]` if it is an array of objects (non-objects filtered out), else []. */
export function arr(o: unknown, k: string): Obj[] {
  const v = o && typeof o === 'object' ? (o as Obj)[k] : undefined;
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Obj[]) : [];
}

/** `o[k]` if it is an array, else []. */
export function list(o: unknown, k: string): unknown[] {
  const v = o && typeof o === 'object' ? (o as Obj)[k] : undefined;
  return Array.isArray(v) ? v : [];
}

/** `o[k]` as a string ('' when absent or not a string). */
export function str(o: unknown, k: string): string {
  const v = o && typeof o === 'object' ? (o as Obj)[k] : undefined;
  return typeof v === 'string' ? v : '';
}

/** `o[k]` as a number, or undefined. */
export function num(o: unknown, k: string): number | undefined {
  const v = o && typeof o === 'object' ? (o as Obj)[k] : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** Sets `o[k] = v` only when `o[k]` is undefined or null. */
export function setDefault(o: Obj, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = v;
}

/**
 * The default of a field that is a plain (non-pointer) string in the Go type:
 * `""` decodes to the zero value there, which the SetDefaults_* functions
 * treat as unset (`if obj.X == ""`), so `podManagementPolicy: ""` written by a
 * chart becomes the default instead of failing validation. Pointer fields
 * keep `""` (use setDefault): upstream validates it as given.
 */
export function defaultString(o: Obj, k: string, v: string): void {
  if (o[k] === undefined || o[k] === null || o[k] === '') o[k] = v;
}

export function spec(o: KubeObject): Obj {
  return ensure(o as unknown as Obj, 'spec');
}

export function status(o: KubeObject): Obj | undefined {
  return obj(o, 'status');
}

// Verb sets exactly as discovery lists them.
export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
export const NO_COLLECTION_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] as const;
export const CREATE_ONLY = ['create'] as const;
export const STATUS_VERBS = ['get', 'patch', 'update'] as const;

/** A `status` subresource returning the kind itself. */
export function statusSub(group: string, version: string, kind: string): SubresourceDef {
  return { name: 'status', group, version, kind, verbs: STATUS_VERBS };
}

/** A `scale` subresource returning autoscaling/v1 Scale. */
export const SCALE_SUB: SubresourceDef = { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: STATUS_VERBS };

const NAME_DESC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DESC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The NAME column every printer starts with. */
export const NAME_COL: TableColumn = { name: 'Name', type: 'string', format: 'name', description: NAME_DESC, priority: 0 };
/** The AGE column (creationTimestamp as a short duration). */
export const AGE_COL: TableColumn = { name: 'Age', type: 'string', description: AGE_DESC, priority: 0 };

/** A string column; `wide` marks it priority 1 (shown with -o wide). */
export function col(name: string, description = '', wide = false, type: TableColumn['type'] = 'string'): TableColumn {
  return { name, type, description, priority: wide ? 1 : 0 };
}

/** translateTimestampSince: "<unknown>" for an absent timestamp, else the human duration since it. */
export function since(ts: unknown, now: Date): string {
  const t = typeof ts === 'string' && ts !== '' ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now.getTime() - t);
}

/** The AGE cell of an object. */
export function age(o: KubeObject, now: Date): string {
  return since(o.metadata?.creationTimestamp, now);
}

/** Go's %#v of a *metav1.LabelSelector, as immutable-field errors print it. */
export function goLabelSelector(sel: unknown): string {
  const s = obj(sel);
  if (!s) return 'null';
  const ml = obj(s, 'matchLabels');
  const labels = ml
    ? `map[string]string{${Object.keys(ml).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(ml[k]))}`).join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${arr(s, 'matchExpressions')
        .map((e) => {
          const vals = Array.isArray(e.values) ? `[]string{${list(e, 'values').map((v) => JSON.stringify(String(v))).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${JSON.stringify(str(e, 'key'))}, Operator:${JSON.stringify(str(e, 'operator'))}, Values:${vals}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

/** The CONTAINERS and IMAGES cells of a pod template (comma-joined). */
export function containersAndImages(podSpec: unknown): [string, string] {
  const cs = arr(podSpec, 'containers');
  return [cs.map((c) => str(c, 'name')).join(','), cs.map((c) => str(c, 'image')).join(',')];
}

/** A number cell, 0 when absent (Go's zero value). */
export function int(o: unknown, k: string): number {
  return num(o, k) ?? 0;
}
