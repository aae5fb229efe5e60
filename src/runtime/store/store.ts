// The smart store over a dumb log driver. Committed state is indexed in
// memory (reads never touch disk); writes are validated against committed +
// pending state, queued, and committed in groups: every write that arrives in
// one event-loop turn shares one transaction, and none is acknowledged or
// shown to readers and watchers before the driver returns (= durable).
import type { KubeObject } from '../../apimachinery/types.js';
import {
  StoreError,
  type LogDriver,
  type LogRecord,
  type ObjectStore,
  type StoreEvent,
  type StoreKey,
  type StoreListOptions,
  type StoreListResult,
  type StoreScope,
  type StoredObject,
  type StoreWatcher,
  type StoreWatchOptions,
} from './types.js';
import { LabelIndex } from './label-index.js';
import { forgetText } from './json-text.js';

export interface StoreOptions {
  /** How many events the in-memory history keeps (watch/continue from older revisions get 410). */
  readonly historySize?: number;
  /** Compact the durable log every this many writes (keeping the in-memory history). */
  readonly compactEvery?: number;
}

interface PendingWrite {
  readonly record: LogRecord;
  readonly stored: StoredObject;
  readonly prev?: KubeObject;
  readonly resolve: (s: StoredObject) => void;
  readonly reject: (e: unknown) => void;
}

interface Watch {
  readonly scope: StoreScope;
  readonly onEvent: (ev: StoreEvent) => void;
  stopped: boolean;
}

const sep = '\u0000';
function keyString(k: StoreKey): string {
  return k.resource + sep + k.namespace + sep + k.name;
}
const sortKey = (s: StoredObject) => (s.key.namespace ? s.key.namespace + '/' + s.key.name : s.key.name);
function labelsHold(o: KubeObject, eq: Readonly<Record<string, string>>): boolean {
  const l = o.metadata.labels ?? {};
  for (const k of Object.keys(eq)) if (!Object.hasOwn(l, k) || l[k] !== eq[k]) return false;
  return true;
}
/** How many paged selections (one per scope, selector and revision) are kept for their next pages. */
const PAGED_LISTS = 8;
function inScope(scope: StoreScope, key: StoreKey): boolean {
  return key.resource === scope.resource && (scope.namespace === undefined || scope.namespace === key.namespace);
}

/** Builds an ObjectStore on a driver: replays its log, then serves from memory. */
export function createStore(driver: LogDriver, opts: StoreOptions = {}): ObjectStore {
  return new LogStore(driver, opts);
}

class LogStore implements ObjectStore {
  private readonly index = new Map<string, Map<string, Map<string, StoredObject>>>();
  private readonly labels = new LabelIndex();
  /** Sorted selections of recent paged lists, by scope + revision + label pairs (see list). */
  private readonly pages = new Map<string, { readonly rv: number; readonly keyed: (readonly [string, StoredObject])[] }>();
  private readonly pending = new Map<string, { readonly rv: number; readonly stored: StoredObject | null }>();
  private queue: PendingWrite[] = [];
  private flushScheduled = false;
  private readonly history: StoreEvent[] = [];
  private historyStart = 0; // index of the oldest event in `history` (ring buffer head)
  private readonly historySize: number;
  private readonly compactEvery: number;
  private windowStartRv: number; // events with rv > this are all in history
  private committedRv: number;
  private nextRv: number;
  private writesSinceCompact = 0;
  private readonly watchers = new Map<string, Set<Watch>>();
  private closed = false;

  constructor(private readonly driver: LogDriver, opts: StoreOptions) {
    this.historySize = opts.historySize ?? 20_000;
    this.compactEvery = opts.compactEvery ?? 10_000;
    const { records, compactedRv, lastRv } = driver.load();
    const events: StoreEvent[] = [];
    for (const r of records) {
      const object = JSON.parse(r.value) as KubeObject;
      const cur = this.lookup(r.key);
      if (r.type === 'DELETED') this.remove(r.key);
      else this.put({ key: r.key, rv: r.rv, object });
      if (r.rv > compactedRv) events.push({ type: r.type, rv: r.rv, key: r.key, object, prev: cur?.object });
    }
    const keep = events.slice(-this.historySize);
    this.history.push(...keep);
    this.committedRv = lastRv;
    this.nextRv = lastRv;
    this.windowStartRv = keep.length === events.length ? compactedRv : keep[0]!.rv - 1;
    if (keep.length === 0) this.windowStartRv = Math.max(compactedRv, lastRv);
  }

  get rv(): number {
    return this.committedRv;
  }

  get oldestRv(): number {
    return this.windowStartRv;
  }

  private lookup(key: StoreKey): StoredObject | undefined {
    return this.index.get(key.resource)?.get(key.namespace)?.get(key.name);
  }

  private put(s: StoredObject): void {
    const old = this.lookup(s.key);
    if (old) this.labels.delete(old);
    this.labels.add(s);
    let byNs = this.index.get(s.key.resource);
    if (!byNs) this.index.set(s.key.resource, (byNs = new Map()));
    let byName = byNs.get(s.key.namespace);
    if (!byName) byNs.set(s.key.namespace, (byName = new Map()));
    byName.set(s.key.name, s);
  }

  private remove(key: StoreKey): void {
    const old = this.lookup(key);
    if (old) this.labels.delete(old);
    const byNs = this.index.get(key.resource);
    const byName = byNs?.get(key.namespace);
    if (!byName) return;
    byName.delete(key.name);
    if (byName.size === 0) byNs!.delete(key.namespace);
  }

  /** Latest state including writes not yet committed: what concurrency checks compare against. */
  private latest(key: StoreKey): StoredObject | undefined {
    const p = this.pending.get(keyString(key));
    if (p !== undefined) return p.stored ?? undefined;
    return this.lookup(key);
  }

  get(key: StoreKey): StoredObject | undefined {
    return this.lookup(key);
  }

  count(scope: StoreScope): number {
    const byNs = this.index.get(scope.resource);
    if (!byNs) return 0;
    if (scope.namespace !== undefined) return byNs.get(scope.namespace)?.size ?? 0;
    let n = 0;
    for (const m of byNs.values()) n += m.size;
    return n;
  }

  list(scope: StoreScope, opts: StoreListOptions = {}): StoreListResult {
    const rv = opts.atRv ?? this.committedRv;
    const old = opts.atRv !== undefined && opts.atRv < this.committedRv;
    if (old && opts.atRv! < this.windowStartRv) {
      throw new StoreError('expired', `revision ${opts.atRv} has been compacted`, this.windowStartRv + 1);
    }
    const eq = opts.labelEquals && Object.keys(opts.labelEquals).length ? opts.labelEquals : undefined;
    // A paged list asks again for each page at the same revision: the sorted
    // selection of that revision never changes, so it is built once.
    const memoKey = opts.limit && opts.limit > 0 ? `${scope.resource}${sep}${scope.namespace ?? ''}${sep}${scope.namespace === undefined}${sep}${rv}${sep}${eq ? JSON.stringify(Object.entries(eq).sort()) : ''}` : undefined;
    let keyed = memoKey !== undefined ? this.pages.get(memoKey)?.keyed : undefined;
    if (!keyed) {
      let all = old ? this.snapshotAt(scope, opts.atRv!, eq) : eq ? this.labels.select(scope.resource, scope.namespace, eq) : this.current(scope);
      if (eq && old) all = all.filter((s) => labelsHold(s.object, eq));
      keyed = all.map((s) => [sortKey(s), s] as const);
      keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      if (memoKey !== undefined && keyed.length > opts.limit!) {
        // Revisions gone from the history can no longer be continued (410): let their objects go.
        for (const [k, m] of this.pages) if (m.rv < this.windowStartRv) this.pages.delete(k);
        this.pages.set(memoKey, { rv, keyed });
        if (this.pages.size > PAGED_LISTS) this.pages.delete(this.pages.keys().next().value!);
      }
    } else {
      // Most recently used last.
      this.pages.delete(memoKey!);
      this.pages.set(memoKey!, { rv, keyed });
    }
    const items: StoredObject[] = [];
    let i = 0;
    if (opts.after !== undefined) {
      const after = opts.after;
      let hi = keyed.length;
      while (i < hi) {
        const mid = (i + hi) >> 1;
        if (keyed[mid]![0] <= after) i = mid + 1;
        else hi = mid;
      }
    }
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    for (; i < keyed.length; i++) {
      const s = keyed[i]![1];
      if (opts.filter && !opts.filter(s.object)) continue;
      if (items.length >= limit) {
        // As kube-apiserver: the count of what remains only when no predicate would make it a second scan.
        const remaining = opts.filter ? undefined : keyed.length - i;
        return { items, rv, continueAfter: sortKey(items[items.length - 1]!), ...(remaining !== undefined ? { remaining } : {}) };
      }
      items.push(s);
    }
    return { items, rv };
  }

  private current(scope: StoreScope): StoredObject[] {
    const byNs = this.index.get(scope.resource);
    if (!byNs) return [];
    if (scope.namespace !== undefined) return [...(byNs.get(scope.namespace)?.values() ?? [])];
    const out: StoredObject[] = [];
    for (const m of byNs.values()) for (const s of m.values()) out.push(s);
    return out;
  }

  /** Rebuilds a scope as of `rv` by undoing later events, newest first. */
  private snapshotAt(scope: StoreScope, rv: number, eq?: Readonly<Record<string, string>>): StoredObject[] {
    const state = new Map<string, StoredObject>();
    // Objects that match `eq` now, plus (through the undone events) those that matched then; the caller filters.
    for (const s of eq ? this.labels.select(scope.resource, scope.namespace, eq) : this.current(scope)) state.set(keyString(s.key), s);
    for (let i = this.history.length - 1; i >= 0; i--) {
      const ev = this.history[(this.historyStart + i) % this.history.length]!;
      if (ev.rv <= rv) break;
      if (!inScope(scope, ev.key)) continue;
      const k = keyString(ev.key);
      if (ev.prev) {
        const prevRv = Number(ev.prev.metadata.resourceVersion);
        state.set(k, { key: ev.key, rv: prevRv, object: ev.prev });
      } else state.delete(k);
    }
    return [...state.values()];
  }

  create(key: StoreKey, obj: KubeObject): Promise<StoredObject> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'store is closed'));
    if (this.latest(key)) return Promise.reject(new StoreError('exists', `${keyString(key)} exists`));
    return this.enqueue('ADDED', key, obj, undefined);
  }

  update(key: StoreKey, obj: KubeObject, expectRv?: number): Promise<StoredObject> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'store is closed'));
    const cur = this.latest(key);
    if (!cur) return Promise.reject(new StoreError('notfound', `${keyString(key)} not found`));
    if (expectRv !== undefined && cur.rv !== expectRv) {
      return Promise.reject(new StoreError('conflict', `${keyString(key)}: revision ${expectRv} is stale (now ${cur.rv})`));
    }
    return this.enqueue('MODIFIED', key, obj, cur.object);
  }

  delete(key: StoreKey, expectRv?: number): Promise<StoredObject> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'store is closed'));
    const cur = this.latest(key);
    if (!cur) return Promise.reject(new StoreError('notfound', `${keyString(key)} not found`));
    if (expectRv !== undefined && cur.rv !== expectRv) {
      return Promise.reject(new StoreError('conflict', `${keyString(key)}: revision ${expectRv} is stale (now ${cur.rv})`));
    }
    // The DELETED event carries the last state with the deletion's revision, as etcd-backed watches do.
    const last: KubeObject = { ...cur.object, metadata: { ...cur.object.metadata } };
    return this.enqueue('DELETED', key, last, cur.object);
  }

  private enqueue(type: LogRecord['type'], key: StoreKey, obj: KubeObject, prev: KubeObject | undefined): Promise<StoredObject> {
    const rv = ++this.nextRv;
    obj.metadata.resourceVersion = String(rv);
    const stored: StoredObject = { key, rv, object: obj };
    this.pending.set(keyString(key), { rv, stored: type === 'DELETED' ? null : stored });
    return new Promise<StoredObject>((resolve, reject) => {
      this.queue.push({ record: { rv, type, key, object: obj }, stored, prev, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      this.driver.append(batch.map((w) => w.record));
    } catch (err) {
      for (const w of batch) {
        const k = keyString(w.record.key);
        if (this.pending.get(k)?.rv === w.record.rv) this.pending.delete(k);
        w.reject(err);
      }
      return;
    }
    for (const w of batch) {
      const { type, key, rv, object } = w.record;
      const k = keyString(key);
      if (type === 'DELETED') this.remove(key);
      else this.put(w.stored);
      if (this.pending.get(k)?.rv === rv) this.pending.delete(k);
      this.committedRv = rv;
      const ev: StoreEvent = { type, rv, key, object, prev: w.prev };
      this.remember(ev);
      this.fanOut(ev);
      if (w.prev) forgetText(w.prev);
      if (type === 'DELETED') forgetText(object);
      w.resolve(w.stored);
    }
    this.writesSinceCompact += batch.length;
    if (this.writesSinceCompact >= this.compactEvery) {
      this.writesSinceCompact = 0;
      this.compact(this.windowStartRv);
    }
  }

  private remember(ev: StoreEvent): void {
    if (this.history.length < this.historySize) {
      this.history.push(ev);
      return;
    }
    const dropped = this.history[this.historyStart]!;
    this.history[this.historyStart] = ev;
    this.historyStart = (this.historyStart + 1) % this.history.length;
    this.windowStartRv = dropped.rv;
  }

  private fanOut(ev: StoreEvent): void {
    const set = this.watchers.get(ev.key.resource);
    if (!set) return;
    for (const w of set) {
      if (w.stopped || !inScope(w.scope, ev.key)) continue;
      try {
        w.onEvent(ev);
      } catch {
        // A failing consumer must not stop delivery to the others.
      }
    }
  }

  watch(scope: StoreScope, opts: StoreWatchOptions): StoreWatcher {
    if (opts.fromRv < this.windowStartRv) {
      throw new StoreError('expired', `too old resource version: ${opts.fromRv} (${this.windowStartRv + 1})`, this.windowStartRv + 1);
    }
    const w: Watch = { scope, onEvent: opts.onEvent, stopped: false };
    // Replay history first; everything is synchronous, so no event can slip in between.
    const n = this.history.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[(this.historyStart + mid) % n]!.rv <= opts.fromRv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < n && !w.stopped; i++) {
      const ev = this.history[(this.historyStart + i) % n]!;
      if (inScope(scope, ev.key)) opts.onEvent(ev);
    }
    let set = this.watchers.get(scope.resource);
    if (!set) this.watchers.set(scope.resource, (set = new Set()));
    set.add(w);
    return {
      stop: () => {
        w.stopped = true;
        set!.delete(w);
      },
    };
  }

  compact(rv: number): void {
    this.driver.compact(Math.min(rv, this.windowStartRv));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let queued writes commit before the driver goes away.
    if (this.queue.length) this.flush();
    this.closed = true;
    for (const set of this.watchers.values()) for (const w of set) w.stopped = true;
    this.watchers.clear();
    this.driver.close();
  }
}
