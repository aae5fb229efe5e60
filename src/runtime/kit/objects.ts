// Small helpers shared by the controllers: owner references, pod state,
// quantities, template hashes and label selectors.
import { createHash } from 'node:crypto';
import type { KubeObject, OwnerReference } from '../../apimachinery/types.js';
import { labelSelectorObjectMatcher } from '../../util/label-selector.js';
import { parseGoDuration } from '../../util/duration.js';
import { stableStringify } from '../../util/json.js';
import { parseQuantity as parseKubeQuantity } from '../../apimachinery/quantity.js';

export type Obj = KubeObject & { spec?: any; status?: any };

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
}

export { formatRFC3339 as ts } from '../../util/time.js';
export { cloneJson as clone, jsonEqual as deepEqual, stableStringify } from '../../util/json.js';

export function controllerRef(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownerRefFor(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

const matcherCache = new WeakMap<object, (l: Record<string, string> | undefined) => boolean>();
/** Matches labels against a LabelSelector object (an empty selector matches everything; none matches nothing). */
export function selectorMatches(sel: unknown, labels: Record<string, string> | undefined): boolean {
  if (!sel || typeof sel !== 'object') return false;
  let m = matcherCache.get(sel);
  if (!m) {
    m = labelSelectorObjectMatcher(sel);
    matcherCache.set(sel, m);
  }
  return m(labels);
}

/** Matches a plain map selector (Services, ReplicationControllers). */
export function mapSelectorMatches(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel || Object.keys(sel).length === 0) return false;
  for (const [k, v] of Object.entries(sel)) if (labels?.[k] !== v) return false;
  return true;
}

export function podPhase(p: Obj): string {
  return p.status?.phase ?? 'Pending';
}

export function isTerminal(p: Obj): boolean {
  const ph = podPhase(p);
  return ph === 'Succeeded' || ph === 'Failed';
}

/** Not terminal and not being deleted (controller.IsPodActive). */
export function isActive(p: Obj): boolean {
  return !isTerminal(p) && !p.metadata.deletionTimestamp;
}

export function podCondition(p: Obj, type: string): Condition | undefined {
  return (p.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);
}

export function isPodReady(p: Obj): boolean {
  return podCondition(p, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds at `now`. */
export function isPodAvailable(p: Obj, minReadySeconds: number, now: Date): boolean {
  const c = podCondition(p, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
  return since + minReadySeconds * 1000 <= now.getTime();
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** A stable ≤10-character hash of a JSON value in Kubernetes' safe alphabet. */
export function templateHash(v: unknown, collision = 0): string {
  const h = createHash('sha256').update(stableStringify(v)).update(String(collision)).digest();
  let n = h.readUIntBE(0, 6);
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length);
  }
  return out;
}

// The scheduler reads the same few quantities ("100m", "64Gi") for every node of every decision.
const parsedQuantities = new Map<string, number>();

/** Parses a resource.Quantity ("500m", "2Gi", "1e3"); NaN when malformed. */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return NaN;
  const known = parsedQuantities.get(q);
  if (known !== undefined) return known;
  const v = parseKubeQuantity(q.trim()) ?? NaN;
  if (parsedQuantities.size >= 10_000) parsedQuantities.clear();
  parsedQuantities.set(q, v);
  return v;
}

/** Resolves an int-or-percent against `total` (percentages rounded up or down). */
export function intOrPercent(v: unknown, total: number, roundUp: boolean, dflt: number | string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = /^(\d+)%$/.exec(String(x));
  if (!m) return Number(x) || 0;
  const f = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(f) : Math.floor(f);
}

/** A Go duration ("30s", "1m30s", "250ms") in milliseconds; undefined when absent, malformed or negative. */
export function parseDuration(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  try {
    const ms = parseGoDuration(s.trim());
    return ms < 0 ? undefined : ms;
  } catch {
    return undefined;
  }
}
