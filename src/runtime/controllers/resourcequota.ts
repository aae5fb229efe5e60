// ResourceQuota status (pkg/controller/resourcequota): status.hard mirrors
// spec.hard and status.used is recounted from the namespace's live objects
// whenever a quota or an object it counts changes, so usage falls when pods
// go away. Admission (src/runtime/quota.ts in the API server) enforces the
// same counts when objects are created.
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition, type ResourceType } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { deepEqual, type Obj } from '../kit/objects.js';
import { formatQuantity } from '../../apimachinery/quantity.js';
import { countStorage, QUOTA_STORAGES, totalUsage } from '../quota.js';

function resourceOf(storage: string): ResourceType {
  if (storage.startsWith('/')) return { group: '', version: 'v1', resource: storage.slice(1) };
  const [group, plural] = storage.split('/') as [string, string];
  // Every group skiff serves has a v1 (autoscaling's v2 objects are listed through v1 too).
  return { group, version: 'v1', resource: plural };
}

const DEFINITION: ControllerDefinition = { name: 'resourcequota-controller', watches: [R.resourcequotas, ...QUOTA_STORAGES.map(resourceOf)], owns: [R.resourcequotas], workers: 4 };

export class ResourceQuotaController extends Controller {
  private readonly quotas: Informer<Obj>;
  private readonly counted = new Map<string, Informer<Obj>>();

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.quotas = this.informer(R.resourcequotas);
    for (const s of QUOTA_STORAGES) this.counted.set(s, this.informer(resourceOf(s)));
  }

  protected watch(): void {
    this.quotas.on((_t, q) => this.queue.add(keyOf(q)));
    for (const inf of this.counted.values()) {
      inf.on((_t, o) => {
        for (const q of this.quotas.list(o.metadata.namespace)) this.queue.add(keyOf(q));
      });
    }
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const q = this.quotas.get(ns, name);
    if (!q) return;
    const hard = (q.spec?.hard ?? {}) as Record<string, unknown>;
    // Objects of kinds only counted by `count/...` are read from the API; the common ones from the informers.
    const objects: { storage: string; object: Obj }[] = [];
    for (const [storage, inf] of this.counted) for (const o of inf.list(ns)) objects.push({ storage, object: o });
    for (const r of Object.keys(hard).filter((x) => x.startsWith('count/'))) {
      const storage = countStorage(r);
      if (this.counted.has(storage)) continue;
      const list = await this.ctx.client.list({ ...resourceOf(storage), namespace: ns }).catch(() => ({ items: [] as Obj[] }));
      for (const o of list.items) objects.push({ storage, object: o as Obj });
    }
    const used = totalUsage(q, objects);
    const next = {
      hard: { ...hard },
      used: Object.fromEntries(Object.entries(used).map(([r, v]) => [r, formatQuantity(v, r)])),
    };
    if (deepEqual(q.status ?? {}, next)) return;
    await this.ctx.client.update({ group: '', version: 'v1', resource: 'resourcequotas', namespace: ns, name, subresource: 'status' }, { ...q, apiVersion: 'v1', kind: 'ResourceQuota', status: next });
  }
}
