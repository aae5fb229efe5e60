// The Node object of a simulated node: its configuration (capacity, labels,
// taints) is data on the object itself, so `skiff cluster node ...` and a
// restarted runtime read it from the API like everything else.
import type { KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../apimachinery/types.js';
import { CAPACITY, MANAGED, STOPPED } from './simulator.js';

export interface SimulatedNodeSpec {
  readonly name: string;
  /** e.g. { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' } */
  readonly capacity?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
}

const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;

export function capacityString(c: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!c) return undefined;
  return Object.entries(c).map(([k, v]) => `${k}=${v}`).join(',');
}

/** Creates a simulated node, giving it the lowest free 10.244.N.0/24 pod CIDR. */
export async function createSimulatedNode(client: KubeClient, s: SimulatedNodeSpec): Promise<KubeObject> {
  const existing = (await client.list(NODES)).items;
  const used = new Set(existing.map((n) => Number(String((n.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '').split('.')[2])).filter((x) => Number.isInteger(x)));
  let idx = 1;
  while (used.has(idx)) idx++;
  const cidr = `10.244.${idx}.0/24`;
  const cap = capacityString(s.capacity);
  return client.create(NODES, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: s.name,
      labels: {
        'kubernetes.io/hostname': s.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'skiff-sim',
        ...(s.labels ?? {}),
      },
      annotations: { [MANAGED]: 'true', ...(cap ? { [CAPACITY]: cap } : {}), 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], ...(s.taints?.length ? { taints: s.taints } : {}) },
  });
}

/** Marks a simulated node stopped (it stops heartbeating, as if it died) or running again. */
export async function setNodeStopped(client: KubeClient, name: string, stopped: boolean): Promise<KubeObject> {
  return client.patch({ ...NODES, name }, 'merge', { metadata: { annotations: { [STOPPED]: stopped ? 'true' : null } } });
}

export function isSimulated(n: KubeObject): boolean {
  return n.metadata.annotations?.[MANAGED] === 'true';
}

export function isStopped(n: KubeObject): boolean {
  return n.metadata.annotations?.[STOPPED] === 'true';
}
