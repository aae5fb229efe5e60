// The Node object of a simulated node, the contract between the bundled
// cluster's node commands (src/cluster/nodes.ts) and the runtime's node
// simulator: a node's configuration (capacity, labels, taints) and whether
// it runs are data on the object itself, so `skiff cluster node ...` and a
// restarted runtime read them from the API like everything else.
import type { KubeObject } from './types.js';

/** Annotation prefix of everything the simulation reads (nodes and pods). */
export const SIM = 'sim.skiff.dev/';
/** "true" on a Node the simulator runs. */
export const SIMULATED_ANNOTATION = `${SIM}managed`;
/** "true" on a simulated Node that stopped heartbeating, as if it died. */
export const STOPPED_ANNOTATION = `${SIM}stopped`;
/** The node's capacity as `cpu=4,memory=8Gi,...`. */
export const CAPACITY_ANNOTATION = `${SIM}capacity`;

/** Capacity of a simulated node when its annotation does not say. */
export const DEFAULT_NODE_CAPACITY: Readonly<Record<string, string>> = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' };

export interface SimulatedNodeSpec {
  readonly name: string;
  /** e.g. { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' } */
  readonly capacity?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
}

/** The capacity annotation's value, the defaults filled in for what it does not name. */
export function parseCapacity(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = { ...DEFAULT_NODE_CAPACITY };
  for (const part of (s ?? '').split(',')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function podCidrIndex(n: KubeObject): number {
  return Number(String((n.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '').split('.')[2]);
}

/** A new simulated Node with the lowest 10.244.N.0/24 pod CIDR not used by `existing`. */
export function simulatedNodeObject(s: SimulatedNodeSpec, existing: readonly KubeObject[]): KubeObject {
  const used = new Set(existing.map(podCidrIndex).filter((x) => Number.isInteger(x)));
  let idx = 1;
  while (used.has(idx)) idx++;
  const cidr = `10.244.${idx}.0/24`;
  const cap = s.capacity && Object.keys(s.capacity).length ? Object.entries(s.capacity).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
  return {
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
      annotations: { [SIMULATED_ANNOTATION]: 'true', ...(cap ? { [CAPACITY_ANNOTATION]: cap } : {}), 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], ...(s.taints?.length ? { taints: s.taints } : {}) },
  };
}

/** The merge patch that stops (or starts again) a simulated node. */
export function stoppedPatch(stopped: boolean): Record<string, unknown> {
  return { metadata: { annotations: { [STOPPED_ANNOTATION]: stopped ? 'true' : null } } };
}

/** Whether the simulator runs this Node. */
export function isSimulated(n: KubeObject): boolean {
  return n.metadata.annotations?.[SIMULATED_ANNOTATION] === 'true';
}

/** Whether this simulated Node is stopped. */
export function isStopped(n: KubeObject): boolean {
  return n.metadata.annotations?.[STOPPED_ANNOTATION] === 'true';
}
