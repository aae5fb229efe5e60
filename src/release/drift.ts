// Drift: what changed in the cluster outside skiff since the release was
// deployed. Only fields the manifest sets are compared (what the server adds —
// defaults, status, managedFields, resourceVersion, uid, generation,
// creationTimestamp, ownership metadata — is not drift), list items are
// matched by their merge key (name, containerPort, port, mountPath, ip) when
// they have one, quantities compare by value ("0.5" = "500m"), and a
// Secret's stringData is compared as the data it becomes. Ignore rules are
// JSON pointers, as Flux's drift detection takes them.
import { parseQuantity } from '../apimachinery/quantity.js';
import type { KubeObject } from '../apimachinery/types.js';
import { SkiffError } from '../errors.js';
import { encodePointer } from '../util/json-pointer.js';
import { getOwn, hasOwn } from '../util/own-keys.js';

/** Per-object (manifest annotation) or per-chart (Chart.yaml annotation) ignore rules. */
export const DRIFT_IGNORE_ANNOTATION = 'skiff.io/drift-ignore';

/** Fields of the manifest that are the server's even when a chart sets them. */
const SERVER_FIELDS = ['/status', '/metadata/managedFields', '/metadata/resourceVersion', '/metadata/uid', '/metadata/generation', '/metadata/creationTimestamp', '/metadata/selfLink'];
const MERGE_KEYS = ['name', 'containerPort', 'port', 'mountPath', 'ip', 'devicePath', 'topologyKey'];
const QUANTITY_PARENTS = new Set(['limits', 'requests', 'hard', 'capacity', 'allocatable', 'overhead', 'sizeLimit', 'storage']);

/** One ignore rule: a pointer, for every object or for objects of a kind (and name). */
export interface IgnoreRule {
  readonly kind?: string;
  readonly name?: string;
  readonly pointer: string;
}

/** Parses `/spec/replicas`, `Deployment:/spec/replicas` or `Deployment/web:/spec/replicas`; throws SkiffError naming `where`. */
export function parseIgnoreRule(text: string, where: string): IgnoreRule {
  const t = text.trim();
  // Exit 1, not a usage error's 2: with --detailed-exitcode, 2 means drift.
  const bad = (why: string) => new SkiffError('DRIFT_IGNORE_INVALID', `${where}: invalid drift ignore rule "${text}": ${why}`);
  const colon = t.startsWith('/') ? -1 : t.indexOf(':/');
  if (!t.startsWith('/') && colon < 0) throw bad('expected a JSON pointer (/spec/replicas), optionally after KIND: or KIND/NAME:');
  const pointer = t.slice(colon + 1);
  if (/~[^01]|~$/.test(pointer)) throw bad('"~" in a JSON pointer must be written ~0 (and "/" in a key ~1)');
  if (colon < 0) return { pointer };
  const [kind, name, ...rest] = t.slice(0, colon).split('/');
  if (!kind || rest.length || name === '') throw bad('the target is KIND or KIND/NAME');
  return { kind, ...(name ? { name } : {}), pointer };
}

/** Rules from an annotation value: one per line or comma-separated. */
export function parseIgnoreList(text: string | undefined, where: string): IgnoreRule[] {
  return (text ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseIgnoreRule(s, where));
}

export interface FieldDrift {
  /** Pointer into the manifest object. */
  readonly path: string;
  /** Pointer into the live object (differs when list items were matched by key). */
  readonly livePath: string;
  /** The manifest's value; undefined never (the manifest sets every compared field). */
  readonly expected: unknown;
  /** The live value; undefined when the field is gone. */
  readonly actual?: unknown;
}

export interface ObjectDrift {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** The object is gone from the cluster. */
  readonly missing?: boolean;
  readonly fields: readonly FieldDrift[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A Secret's stringData as the base64 data the server stores it as. */
function desiredForm(obj: KubeObject): Obj {
  const o = obj as unknown as Obj;
  if (obj.kind !== 'Secret' || !isObj(o.stringData)) return o;
  const data: Obj = { ...(isObj(o.data) ? o.data : {}) };
  for (const [k, v] of Object.entries(o.stringData)) if (v !== null) Object.defineProperty(data, k, { value: Buffer.from(String(v)).toString('base64'), enumerable: true, writable: true, configurable: true });
  const { stringData: _s, ...rest } = o;
  return { ...rest, data };
}

function sameScalar(a: unknown, b: unknown, parentKey: string | undefined): boolean {
  if (a === b) return true;
  if (parentKey && QUANTITY_PARENTS.has(parentKey)) {
    const qa = parseQuantity(a);
    return qa !== undefined && qa === parseQuantity(b);
  }
  // An int-or-string the server keeps as given, a number the chart quoted.
  return (typeof a === 'number' || typeof b === 'number') && String(a) === String(b);
}

function mergeKey(desired: unknown[], live: unknown[]): string | undefined {
  return MERGE_KEYS.find((k) => desired.every((d) => isObj(d) && hasOwn(d, k)) && live.every((l) => isObj(l) && hasOwn(l, k)));
}

/** The fields of `desired` whose live value differs; `ignored(path)` skips a subtree. */
export function compareObject(desired: KubeObject, live: KubeObject, ignored: (path: string) => boolean): FieldDrift[] {
  const out: FieldDrift[] = [];
  const walk = (d: unknown, l: unknown, path: (string | number)[], livePath: (string | number)[]): void => {
    const p = encodePointer(path);
    if (ignored(p) || d === null || d === undefined) return;
    const report = (): void => void out.push({ path: p, livePath: encodePointer(livePath), expected: d, ...(l === undefined ? {} : { actual: l }) });
    if (isObj(d)) {
      if (!isObj(l)) return report();
      for (const k of Object.keys(d)) {
        const lv = getOwn(l, k);
        const dv = d[k];
        if (lv === undefined && dv !== null && dv !== undefined) {
          if (!ignored(encodePointer([...path, k])) && !(isObj(dv) && !Object.keys(dv).length) && !(Array.isArray(dv) && !dv.length)) {
            out.push({ path: encodePointer([...path, k]), livePath: encodePointer([...livePath, k]), expected: dv });
          }
          continue;
        }
        walk(dv, lv, [...path, k], [...livePath, k]);
      }
      return;
    }
    if (Array.isArray(d)) {
      if (!Array.isArray(l)) return report();
      const key = mergeKey(d, l);
      if (key) {
        const liveByKey = new Map(l.map((x, i) => [JSON.stringify((x as Obj)[key]), i]));
        const desiredKeys = new Set(d.map((x) => JSON.stringify((x as Obj)[key])));
        // An item added or removed outside skiff: the list as a whole has drifted.
        if (d.length !== l.length || [...liveByKey.keys()].some((k) => !desiredKeys.has(k))) return report();
        d.forEach((x, i) => walk(x, l[liveByKey.get(JSON.stringify((x as Obj)[key]))!], [...path, i], [...livePath, liveByKey.get(JSON.stringify((x as Obj)[key]))!]));
        return;
      }
      if (d.length !== l.length) return report();
      d.forEach((x, i) => walk(x, l[i], [...path, i], [...livePath, i]));
      return;
    }
    if (!sameScalar(d, l, path.length > 1 ? String(path[path.length - 2]) : undefined)) report();
  };
  walk(desiredForm(desired), live, [], []);
  return out;
}

/** Whether `rules` (plus the server's own fields) ignore `path` of `obj`. */
export function ignoreMatcher(obj: KubeObject, rules: readonly IgnoreRule[]): (path: string) => boolean {
  const own = parseIgnoreList(obj.metadata.annotations?.[DRIFT_IGNORE_ANNOTATION], `${obj.kind}/${obj.metadata.name} annotation ${DRIFT_IGNORE_ANNOTATION}`);
  const pointers = [
    ...SERVER_FIELDS,
    ...[...rules, ...own].filter((r) => (!r.kind || r.kind === obj.kind) && (!r.name || r.name === obj.metadata.name)).map((r) => r.pointer),
  ];
  return (path) => pointers.some((p) => path === p || path.startsWith(p + '/'));
}

/** The JSON patch that puts an object's drifted fields back to the manifest. */
export function resetPatch(fields: readonly FieldDrift[]): { op: 'add' | 'replace'; path: string; value: unknown }[] {
  return fields.map((f) => ({ op: f.actual === undefined ? ('add' as const) : ('replace' as const), path: f.livePath, value: f.expected }));
}

/** A value as a drift line shows it: JSON, Secret data as its size only. */
export function shownValue(v: unknown, secretData: boolean): string {
  if (v === undefined) return '(absent)';
  if (secretData && typeof v === 'string') return `(${Buffer.from(v, 'base64').length} bytes)`;
  return JSON.stringify(v);
}

/** The drift report as text, one object per paragraph, one field per line. */
export function formatDrift(drifts: readonly ObjectDrift[]): string {
  let out = '';
  for (const d of drifts) {
    const where = d.namespace ? ` in namespace ${d.namespace}` : '';
    if (d.missing) {
      out += `${d.kind}/${d.name} (${d.apiVersion})${where} is missing from the cluster\n\n`;
      continue;
    }
    out += `${d.kind}/${d.name} (${d.apiVersion})${where} has drifted:\n`;
    for (const f of d.fields) {
      const secret = d.kind === 'Secret' && /^\/data(\/|$)/.test(f.path);
      out += `  ${f.path}: ${shownValue(f.expected, secret)} → ${shownValue(f.actual, secret)}\n`;
    }
    out += '\n';
  }
  return out;
}

/** The rules of a flag list, in flag order. */
export function ignoreRulesFromFlags(flags: readonly string[]): IgnoreRule[] {
  return flags.flatMap((f) => f.split(',')).filter((s) => s.trim()).map((f) => parseIgnoreRule(f, '--ignore'));
}
