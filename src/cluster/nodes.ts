// `skiff cluster node ...`: list, add, remove, stop and start the simulated
// nodes of the bundled cluster. Everything goes through the API of the
// running cluster (started if needed); a node's configuration is data on its
// Node object, which the runtime's node simulator follows.
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { restClient } from '../kube/rest-client.js';
import { socketClusterConfig } from '../kube/local-socket.js';
import type { KubeClient } from '../kube/client.js';
import type { KubeObject } from '../apimachinery/types.js';
import { UsageError } from '../errors.js';
import { isSimulated, isStopped, simulatedNodeObject, stoppedPatch } from '../apimachinery/simulated-node.js';
import { ensureClusterRunning } from './process.js';

export interface NodeRow {
  readonly name: string;
  readonly status: string;
  readonly simulated: boolean;
  readonly stopped: boolean;
  readonly cpu: string;
  readonly memory: string;
  readonly pods: string;
  readonly podCIDR: string;
}

const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;

async function withClient<T>(home: string, fn: (c: KubeClient) => Promise<T>): Promise<T> {
  // As every skiff command on its bundled cluster: the unix socket when the runtime serves one, else HTTPS.
  const { kubeconfigPath, url, socket } = await ensureClusterRunning(home);
  const client = restClient(socket ? socketClusterConfig(url, socket) : loadKubeConfig({ kubeconfig: kubeconfigPath, env: {} }));
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

function row(n: KubeObject): NodeRow {
  const st = (n.status ?? {}) as { conditions?: { type: string; status: string }[]; capacity?: Record<string, string> };
  const ready = st.conditions?.find((c) => c.type === 'Ready')?.status;
  const unsched = (n.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
  const status = (ready === 'True' ? 'Ready' : ready === 'Unknown' ? 'NotReady (Unknown)' : 'NotReady') + (unsched ? ',SchedulingDisabled' : '');
  return {
    name: n.metadata.name!,
    status,
    simulated: isSimulated(n),
    stopped: isStopped(n),
    cpu: st.capacity?.cpu ?? '',
    memory: st.capacity?.memory ?? '',
    pods: st.capacity?.pods ?? '',
    podCIDR: (n.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '',
  };
}

/** Every node of the bundled cluster. */
export async function listNodes(home: string): Promise<NodeRow[]> {
  return withClient(home, async (c) => (await c.list(NODES)).items.map(row).sort((a, b) => a.name.localeCompare(b.name)));
}

export interface AddNodeOptions {
  readonly home: string;
  readonly name: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  /** key=value labels */
  readonly labels?: readonly string[];
  /** key[=value]:Effect taints */
  readonly taints?: readonly string[];
}

function parseLabels(xs: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const x of xs) {
    const i = x.indexOf('=');
    if (i <= 0) throw new UsageError(`invalid --label "${x}": expected key=value`);
    out[x.slice(0, i)] = x.slice(i + 1);
  }
  return out;
}

function parseTaints(xs: readonly string[] = []): { key: string; value?: string; effect: string }[] {
  return xs.map((x) => {
    const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(x);
    if (!m) throw new UsageError(`invalid --taint "${x}": expected key[=value]:NoSchedule|PreferNoSchedule|NoExecute`);
    return m[2] !== undefined ? { key: m[1]!, value: m[2], effect: m[3]! } : { key: m[1]!, effect: m[3]! };
  });
}

/** Adds a simulated node; it becomes Ready within a moment. */
export async function addNode(o: AddNodeOptions): Promise<NodeRow> {
  const capacity: Record<string, string> = {};
  if (o.cpu) capacity.cpu = o.cpu;
  if (o.memory) capacity.memory = o.memory;
  if (o.pods) capacity.pods = o.pods;
  const labels = parseLabels(o.labels);
  const taints = parseTaints(o.taints);
  return withClient(o.home, async (c) => {
    try {
      const existing = (await c.list(NODES)).items;
      return row(await c.create(NODES, simulatedNodeObject({ name: o.name, capacity, labels, taints }, existing)));
    } catch (err) {
      if ((err as { code?: number }).code === 409) throw new UsageError(`node "${o.name}" already exists`);
      throw err;
    }
  });
}

/** Deletes a node; its pods are recreated elsewhere by their controllers. */
export async function removeNode(home: string, name: string): Promise<void> {
  await withClient(home, async (c) => {
    try {
      await c.delete({ ...NODES, name });
    } catch (err) {
      if ((err as { code?: number }).code === 404) throw new UsageError(`node "${name}" not found`);
      throw err;
    }
    // Pods bound to a node that no longer exists are removed, as the pod garbage collector does.
    const pods = (await c.list({ group: '', version: 'v1', resource: 'pods' }, { fieldSelector: `spec.nodeName=${name}` })).items;
    await Promise.all(pods.map((p) => c.delete({ group: '', version: 'v1', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name }, { gracePeriodSeconds: 0 }).catch(() => undefined)));
  });
}

/** Stops (the node stops heartbeating, as if it died) or starts a simulated node. */
export async function setNodeRunning(home: string, name: string, running: boolean): Promise<NodeRow> {
  return withClient(home, (c) => setNodeRunningVia(c, name, running));
}

/** setNodeRunning through a client the caller already holds (the dashboard); throws UsageError for a node that is missing or not simulated. */
export async function setNodeRunningVia(client: KubeClient, name: string, running: boolean): Promise<NodeRow> {
  const n = await client.get({ ...NODES, name }).catch((err: unknown) => {
    if ((err as { code?: number }).code === 404) throw new UsageError(`node "${name}" not found`);
    throw err;
  });
  if (!isSimulated(n)) throw new UsageError(`node "${name}" is not a simulated node`);
  return row(await client.patch({ ...NODES, name }, 'merge', stoppedPatch(!running)));
}

/** A Node as `skiff cluster node list` shows it. */
export const nodeRow = row;
