// Objects every cluster starts with: the four system namespaces and the
// `kubernetes` Service (+ Endpoints) in default, created through the API
// like any client would, and left alone when they already exist.
import { isAlreadyExists, isNotFound, type KubeClient } from '../kube/client.js';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

async function createIfMissing(client: KubeClient, ref: Parameters<KubeClient['create']>[0], body: { metadata: { name: string; [k: string]: unknown }; [k: string]: unknown }): Promise<void> {
  try {
    await client.get({ ...ref, name: body.metadata.name });
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await client.create(ref, body);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

/** Creates the system namespaces and the kubernetes Service (idempotent). */
export async function bootstrap(client: KubeClient, serviceIP: string): Promise<void> {
  const ns = { group: '', version: 'v1', resource: 'namespaces' };
  await Promise.all(
    SYSTEM_NAMESPACES.map((name) =>
      createIfMissing(client, ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } }),
    ),
  );
  // The two system PriorityClasses kube-apiserver creates at start.
  const pcs = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };
  const classes = [
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
  ] as const;
  await Promise.all(
    classes.map(([name, value, what]) =>
      createIfMissing(client, pcs, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description: what, preemptionPolicy: 'PreemptLowerPriority' }).catch((err) => {
        // A runtime serving a reduced set of kinds (tests) may not serve PriorityClasses.
        if (!isNotFound(err)) throw err;
      }),
    ),
  );
  await createIfMissing(client, { group: '', version: 'v1', resource: 'services', namespace: 'default' }, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: serviceIP,
      clusterIPs: [serviceIP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
    },
  });
}

/** Points the kubernetes Endpoints at this process's port (it changes between starts). */
export async function updateKubernetesEndpoints(client: KubeClient, port: number): Promise<void> {
  const ref = { group: '', version: 'v1', resource: 'endpoints', namespace: 'default', name: 'kubernetes' };
  const body = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
  };
  try {
    const cur = await client.get(ref);
    await client.update(ref, { ...body, metadata: { ...body.metadata, resourceVersion: cur.metadata.resourceVersion } });
  } catch (err) {
    if (isNotFound(err)) {
      try {
        await client.create({ ...ref, name: undefined }, body);
      } catch (e) {
        // A runtime serving a reduced set of kinds (tests) may not have Endpoints.
        if (!isNotFound(e)) throw e;
      }
    } else throw err;
  }
}
