// Per-namespace defaults every cluster has: the "default" ServiceAccount
// (kube-controller-manager's serviceaccounts controller) and the
// "kube-root-ca.crt" ConfigMap (the root-ca-cert-publisher). Both are API
// clients: they watch namespaces and recreate what goes missing.
import { isAlreadyExists, isNotFound, type KubeClient, type ResourceRef } from '../../kube/client.js';

export interface NamespaceDefaultsOptions {
  readonly client: KubeClient;
  /** PEM of the cluster CA published as ca.crt. */
  readonly caPem: string;
}

const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces' };

/** Starts the controller; it stops when `signal` aborts. */
export function startNamespaceDefaults(o: NamespaceDefaultsOptions, signal: AbortSignal): void {
  const active = new Set<string>();
  const ensure = async (ns: string) => {
    if (signal.aborted || !active.has(ns)) return;
    const sa: ResourceRef = { group: '', version: 'v1', resource: 'serviceaccounts', namespace: ns };
    const cm: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespace: ns };
    const tasks = [
      o.client.create(sa, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } }),
      o.client.create(cm, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
        data: { 'ca.crt': o.caPem },
      }),
    ];
    for (const t of tasks) {
      // Already there, or the namespace went away meanwhile (403/404): nothing to do.
      await t.catch((err) => {
        if (!isAlreadyExists(err) && !isNotFound(err) && (err as { code?: number }).code !== 403) throw err;
      });
    }
  };
  const run = (ns: string) => void ensure(ns).catch(() => {});
  const watches = [
    o.client.watch(NAMESPACES, {}, (ev) => {
      const name = ev.object.metadata.name!;
      if (ev.type === 'DELETED' || ev.object.metadata.deletionTimestamp) active.delete(name);
      else if (!active.has(name)) {
        active.add(name);
        run(name);
      }
    }),
    o.client.watch({ group: '', version: 'v1', resource: 'serviceaccounts' }, { fieldSelector: 'metadata.name=default' }, (ev) => {
      if (ev.type === 'DELETED') run(ev.object.metadata.namespace!);
    }),
    o.client.watch({ group: '', version: 'v1', resource: 'configmaps' }, { fieldSelector: 'metadata.name=kube-root-ca.crt' }, (ev) => {
      if (ev.type === 'DELETED') run(ev.object.metadata.namespace!);
    }),
  ];
  for (const w of watches) w.done.catch(() => {});
  signal.addEventListener('abort', () => watches.forEach((w) => w.stop()));
}
