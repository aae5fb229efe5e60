// An in-memory index of committed objects by label (key=value), per
// resource: lists with an equality label selector (`owner=helm,name=web`)
// start from the objects carrying the rarest of their pairs instead of
// scanning the whole resource.
import type { StoredObject } from './types.js';

const sep = '\u0000';
const objectKey = (s: StoredObject) => s.key.namespace + sep + s.key.name;

export class LabelIndex {
  /** resource -> "key\0value" -> "namespace\0name" -> object. */
  private readonly byResource = new Map<string, Map<string, Map<string, StoredObject>>>();

  add(s: StoredObject): void {
    const labels = s.object.metadata.labels;
    if (!labels) return;
    let terms = this.byResource.get(s.key.resource);
    if (!terms) this.byResource.set(s.key.resource, (terms = new Map()));
    for (const [k, v] of Object.entries(labels)) {
      const t = k + sep + v;
      let objs = terms.get(t);
      if (!objs) terms.set(t, (objs = new Map()));
      objs.set(objectKey(s), s);
    }
  }

  delete(s: StoredObject): void {
    const labels = s.object.metadata.labels;
    const terms = this.byResource.get(s.key.resource);
    if (!labels || !terms) return;
    for (const [k, v] of Object.entries(labels)) {
      const t = k + sep + v;
      const objs = terms.get(t);
      if (!objs) continue;
      objs.delete(objectKey(s));
      if (objs.size === 0) terms.delete(t);
    }
  }

  /**
   * The objects of `resource` (in `namespace` when given) whose labels hold
   * every pair of `equals`, found from the pair with the fewest objects.
   */
  select(resource: string, namespace: string | undefined, equals: Readonly<Record<string, string>>): StoredObject[] {
    const terms = this.byResource.get(resource);
    const pairs = Object.entries(equals);
    if (!terms) return [];
    let best: Map<string, StoredObject> | undefined;
    for (const [k, v] of pairs) {
      const objs = terms.get(k + sep + v);
      if (!objs) return [];
      if (!best || objs.size < best.size) best = objs;
    }
    const out: StoredObject[] = [];
    for (const s of best?.values() ?? []) {
      if (namespace !== undefined && s.key.namespace !== namespace) continue;
      const labels = s.object.metadata.labels ?? {};
      if (pairs.every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v)) out.push(s);
    }
    return out;
  }
}
