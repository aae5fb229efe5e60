// A cache of one resource fed by list + watch through the API (client-go's
// reflector + indexer, reduced): handlers see ADDED/MODIFIED/DELETED with the
// previous object; a broken or expired watch relists. Cached objects are
// shared and must be treated as read-only.
import type { KubeClient, ResourceRef, WatchHandle } from '../../kube/client.js';
import type { KubeObject } from '../../apimachinery/types.js';
import type { Clock } from '../../util/clock.js';

export type InformerHandler<T extends KubeObject = KubeObject> = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T, old: T | undefined) => void;

/** `namespace/name` (or `name` for cluster-scoped objects). */
export function keyOf(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly byNs = new Map<string, Map<string, T>>();
  private readonly handlers: InformerHandler<T>[] = [];
  private watch?: WatchHandle;
  private stopped = false;
  private syncedResolve!: () => void;
  /** Resolves after the first list has been delivered. */
  readonly synced = new Promise<void>((r) => (this.syncedResolve = r));

  constructor(
    private readonly client: KubeClient,
    readonly ref: ResourceRef,
    private readonly clock: Clock,
    private readonly opts: { labelSelector?: string; fieldSelector?: string } = {},
  ) {}

  on(h: InformerHandler<T>): void {
    this.handlers.push(h);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  /** Every cached object, or those of one namespace. */
  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.items.values()];
    return [...(this.byNs.get(namespace)?.values() ?? [])];
  }

  get size(): number {
    return this.items.size;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
  }

  private put(o: T): T | undefined {
    const k = keyOf(o);
    const old = this.items.get(k);
    this.items.set(k, o);
    const ns = o.metadata.namespace ?? '';
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    m.set(k, o);
    return old;
  }

  private remove(o: KubeObject): T | undefined {
    const k = keyOf(o);
    const old = this.items.get(k);
    this.items.delete(k);
    this.byNs.get(o.metadata.namespace ?? '')?.delete(k);
    return old;
  }

  private emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', o: T, old: T | undefined): void {
    for (const h of this.handlers) {
      try {
        h(type, o, old);
      } catch {
        // One handler's failure does not starve the others.
      }
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const list = await this.client.list<T>(this.ref, this.opts);
        const seen = new Set<string>();
        for (const raw of list.items) {
          const o = { ...raw, apiVersion: raw.apiVersion ?? list.apiVersion?.toString(), kind: raw.kind ?? list.kind.replace(/List$/, '') } as T;
          seen.add(keyOf(o));
          const old = this.put(o);
          if (!old) this.emit('ADDED', o, undefined);
          else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) this.emit('MODIFIED', o, old);
        }
        for (const [k, o] of [...this.items]) {
          if (!seen.has(k)) {
            this.remove(o);
            this.emit('DELETED', o, o);
          }
        }
        this.syncedResolve();
        if (this.stopped) return;
        const handle = this.client.watch<T>(this.ref, { ...this.opts, resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true }, (ev) => {
          if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') {
            if (ev.type === 'ERROR') handle.stop();
            return;
          }
          const o = ev.object as T;
          if (ev.type === 'DELETED') {
            const old = this.remove(o);
            this.emit('DELETED', o, old);
          } else {
            const old = this.put(o);
            this.emit(old ? 'MODIFIED' : 'ADDED', o, old);
          }
        });
        this.watch = handle;
        await handle.done.catch(() => undefined);
      } catch {
        // The API refused or went away: try again shortly.
      }
      if (this.stopped) return;
      await new Promise<void>((r) => setTimeout(r, 200).unref());
    }
  }
}

/** One informer per resource (and selector), shared by the controllers of one component. */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly client: KubeClient,
    private readonly clock: Clock,
  ) {}

  for<T extends KubeObject = KubeObject>(group: string, version: string, resource: string, opts: { labelSelector?: string; fieldSelector?: string } = {}): Informer<T> {
    const k = `${group}/${version}/${resource}?${opts.labelSelector ?? ''}&${opts.fieldSelector ?? ''}`;
    let inf = this.informers.get(k);
    if (!inf) {
      inf = new Informer(this.client, { group, version, resource }, this.clock, opts);
      this.informers.set(k, inf);
    }
    return inf as unknown as Informer<T>;
  }

  /** Starts every informer created so far and waits for their first lists. */
  async start(): Promise<void> {
    for (const i of this.informers.values()) i.start();
    await Promise.all([...this.informers.values()].map((i) => i.synced));
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}
