// Namespace deletion, as kube-controller-manager's namespace controller does
// it (pkg/controller/namespace/deletion): for a namespace being deleted,
// delete every namespaced resource in it, wait until nothing is left, then
// remove the "kubernetes" finalizer through /finalize so the API server
// purges the namespace. It is an ordinary API client (list/watch/delete).
import { isNotFound, type KubeClient, type ResourceRef } from '../../kube/client.js';
import type { KubeObject } from '../../apimachinery/types.js';

export interface NamespacedResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

export interface NamespaceControllerOptions {
  readonly client: KubeClient;
  /** Every namespaced resource that supports delete (read at each pass: CRDs come and go). */
  readonly resources: () => readonly NamespacedResource[];
  /** Delay before re-checking a namespace whose content is still going away. */
  readonly retryMs?: number;
}

const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces' };

/** Starts the controller; it stops when `signal` aborts. */
export function startNamespaceController(o: NamespaceControllerOptions, signal: AbortSignal): void {
  const retryMs = o.retryMs ?? 1000;
  const queued = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const enqueue = (name: string, delay = 0) => {
    if (queued.has(name) || signal.aborted) return;
    queued.add(name);
    const t = setTimeout(() => {
      timers.delete(t);
      queued.delete(name);
      void sync(name);
    }, delay);
    t.unref?.();
    timers.add(t);
  };
  const sync = async (name: string): Promise<void> => {
    if (signal.aborted) return;
    let ns: KubeObject;
    try {
      ns = await o.client.get({ ...NAMESPACES, name });
    } catch (err) {
      if (!isNotFound(err)) enqueue(name, retryMs);
      return;
    }
    if (!ns.metadata.deletionTimestamp) return;
    const fins = (ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (!fins.includes('kubernetes')) return;
    let remaining = 0;
    try {
      for (const r of o.resources()) {
        const ref: ResourceRef = { group: r.group, version: r.version, resource: r.resource, namespace: name };
        const list = await o.client.list(ref);
        if (list.items.length === 0) continue;
        await o.client.deleteCollection(ref, { propagationPolicy: 'Background' });
        remaining += (await o.client.list(ref)).items.length;
      }
      if (remaining > 0) {
        enqueue(name, retryMs);
        return;
      }
      await o.client.update({ ...NAMESPACES, name, subresource: 'finalize' }, {
        ...ns,
        spec: { ...((ns.spec as object) ?? {}), finalizers: fins.filter((f) => f !== 'kubernetes') },
      });
    } catch (err) {
      if (!isNotFound(err)) enqueue(name, retryMs);
    }
  };
  const w = o.client.watch(NAMESPACES, {}, (ev) => {
    if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
      if (ev.object.metadata.deletionTimestamp) enqueue(ev.object.metadata.name!);
    }
  });
  w.done.catch(() => {});
  signal.addEventListener('abort', () => {
    w.stop();
    for (const t of timers) clearTimeout(t);
  });
}
