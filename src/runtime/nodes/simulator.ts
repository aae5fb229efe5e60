// Simulated kubelets (kwok's idea): every Node annotated
// sim.skiff.dev/managed=true is "run" by this component. It keeps the node's
// status and Lease fresh (unless the node is stopped), and moves the pods
// bound to it through the stages of pod-stages.ts. Everything it knows comes
// from list/watch through the API; per-pod timing kept in memory is only a
// finer-grained copy of what the pod's status already says, so a restart
// resumes correctly.
import { isNotFound, type KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../apimachinery/types.js';
import type { Clock, ClockTimer } from '../../util/clock.js';
import { Controller, controllerContext, R, type ControllerDefinition } from '../kit/controller.js';
import { InformerFactory, keyOf, type Informer } from '../kit/informer.js';
import { WorkQueue } from '../kit/queue.js';
import { ts, type Condition, type Obj } from '../kit/objects.js';
import { CAPACITY_ANNOTATION, isSimulated, isStopped, parseCapacity } from '../../apimachinery/simulated-node.js';
import { DEFAULT_BEHAVIOUR, podBehaviour, type BehaviourDefaults } from './behaviour.js';
import { nextStage, type PodEffects, type PodMemo, type PodState } from './pod-stages.js';
import { nodeIP, podRef } from './pod-status.js';
import { formatRFC3339Micro } from '../../util/time.js';

export const KUBELET_VERSION = 'v1.32.4';

export interface NodeSimulatorOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  /** Lease renew interval (kubelet: 10 s). */
  readonly heartbeatMs?: number;
  readonly behaviour?: Partial<BehaviourDefaults>;
  readonly events?: boolean;
}

/** A pod's memo plus its pending wake-up. */
interface PodTimer extends PodMemo {
  timer?: ClockTimer;
  timerAt?: number;
}

// A sync mostly waits for its status write to be committed; the store commits writes in groups,
// so many syncs in flight (one per kubelet, in a real cluster) keep up with thousands of pods.
const DEFINITION: ControllerDefinition = { name: 'kubelet', watches: [R.nodes, R.pods], owns: [R.pods, R.nodes, R.leases, R.events], workers: 256 };


function isRunning(n: KubeObject | undefined): boolean {
  return !!n && isSimulated(n) && !isStopped(n) && !n.metadata.deletionTimestamp;
}

export class NodeSimulator extends Controller {
  private readonly nodes: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly nodeQueue: WorkQueue;
  private readonly memo = new Map<string, PodTimer>();
  private readonly heartbeats = new Map<string, ClockTimer>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly reservedIPs = new Map<string, string>();
  private readonly defaults: BehaviourDefaults;
  private readonly heartbeatMs: number;

  constructor(private readonly o: NodeSimulatorOptions) {
    // Its own informers, as a kubelet has: it shares no cache with the controller manager.
    super(controllerContext(o.client, o.clock, new InformerFactory(o.client, o.clock), o.events !== false), DEFINITION);
    this.nodes = this.informer(R.nodes);
    this.pods = this.informer(R.pods);
    this.defaults = { ...DEFAULT_BEHAVIOUR, ...o.behaviour };
    this.heartbeatMs = o.heartbeatMs ?? 10_000;
    this.nodeQueue = new WorkQueue(o.clock, (k) => this.syncNode(k), 64);
  }

  /** Starts simulating; resolves once the node and pod caches are filled. */
  override async start(signal: AbortSignal): Promise<void> {
    super.start(signal);
    await this.ctx.informers.start();
  }

  protected watch(signal: AbortSignal): void {
    this.nodes.on((type, n, old) => {
      const name = n.metadata.name!;
      this.nodeQueue.add(name);
      if (isRunning(n) !== isRunning(old)) for (const k of this.podsByNode.get(name) ?? []) this.queue.add(k);
      if (type === 'DELETED') this.stopHeartbeat(name);
    });
    this.pods.on((type, p, old) => {
      const k = keyOf(p);
      const node = p.spec?.nodeName as string | undefined;
      const oldNode = old?.spec?.nodeName as string | undefined;
      if (oldNode && (oldNode !== node || type === 'DELETED')) this.podsByNode.get(oldNode)?.delete(k);
      if (type === 'DELETED') {
        const m = this.memo.get(p.metadata.uid!);
        m?.timer?.cancel();
        this.memo.delete(p.metadata.uid!);
        this.reservedIPs.delete(k);
        return;
      }
      if (!node) return;
      let s = this.podsByNode.get(node);
      if (!s) this.podsByNode.set(node, (s = new Set()));
      s.add(k);
      this.queue.add(k);
    });
    signal.addEventListener('abort', () => this.stop());
  }

  stop(): void {
    this.ctx.informers.stop();
    this.queue.stop();
    this.nodeQueue.stop();
    for (const t of this.heartbeats.values()) t.cancel();
    for (const m of this.memo.values()) m.timer?.cancel();
  }

  /** Simulated `kubectl logs` text for one container, derived from the pod's status. */
  podLog(pod: KubeObject, container: string, opts: { previous?: boolean }): string | undefined {
    const p = pod as Obj;
    const st = ((p.status?.containerStatuses ?? []) as any[]).find((c) => c.name === container) ?? ((p.status?.initContainerStatuses ?? []) as any[]).find((c) => c.name === container);
    const spec = [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].find((c: any) => c.name === container);
    const b = podBehaviour(pod, this.defaults);
    const lines: string[] = [];
    const started = opts.previous ? st?.lastState?.terminated?.startedAt : (st?.state?.running?.startedAt ?? st?.state?.terminated?.startedAt);
    if (!started) return opts.previous ? '' : `[sim] container ${container} has not started\n`;
    lines.push(`${started} [sim] starting ${spec?.image ?? 'unknown'} in ${p.metadata.namespace}/${p.metadata.name} on ${p.spec?.nodeName}`);
    if (spec?.command || spec?.args) lines.push(`${started} [sim] exec ${[...(spec.command ?? []), ...(spec.args ?? [])].join(' ')}`);
    for (const l of (b.log ?? '').split('\n')) if (l) lines.push(`${started} ${l}`);
    const term = opts.previous ? st?.lastState?.terminated : st?.state?.terminated;
    if (term) lines.push(`${term.finishedAt} [sim] exited with code ${term.exitCode}`);
    else if (st?.ready) lines.push(`${started} [sim] ready`);
    return lines.join('\n') + '\n';
  }

  // ------------------------------------------------------------------ nodes

  private stopHeartbeat(name: string): void {
    this.heartbeats.get(name)?.cancel();
    this.heartbeats.delete(name);
  }

  private async syncNode(name: string): Promise<void> {
    const n = this.nodes.get(undefined, name);
    if (!isRunning(n)) {
      this.stopHeartbeat(name);
      return;
    }
    await this.postStatus(n!);
    if (!this.heartbeats.has(name)) {
      await this.renewLease(n!);
      this.scheduleHeartbeat(name);
    }
  }

  private scheduleHeartbeat(name: string): void {
    this.heartbeats.set(
      name,
      this.o.clock.setTimeout(() => {
        this.heartbeats.delete(name);
        const n = this.nodes.get(undefined, name);
        if (!isRunning(n)) return;
        void this.renewLease(n!)
          .then(() => this.postStatus(this.nodes.get(undefined, name) ?? n!))
          .catch(() => undefined)
          .finally(() => {
            if (isRunning(this.nodes.get(undefined, name)) && !this.heartbeats.has(name)) this.scheduleHeartbeat(name);
          });
      }, this.heartbeatMs),
    );
  }

  private async renewLease(n: KubeObject): Promise<void> {
    const name = n.metadata.name!;
    const ref = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name };
    const renewTime = formatRFC3339Micro(this.o.clock.now());
    try {
      await this.o.client.patch(ref, 'merge', { spec: { renewTime, holderIdentity: name } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.o.client
        .create({ ...ref, name: undefined }, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: n.metadata.uid! }] },
          spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
        })
        .catch(() => undefined);
    }
  }

  /** Posts Ready/capacity/nodeInfo when they are missing or stale (after a stop or a capacity change). */
  private async postStatus(n: Obj): Promise<void> {
    const cap = parseCapacity(n.metadata.annotations?.[CAPACITY_ANNOTATION]);
    const st = n.status ?? {};
    const ready = (st.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready');
    const fresh = ready?.status === 'True' && JSON.stringify(st.capacity) === JSON.stringify(cap) && st.nodeInfo?.kubeletVersion === KUBELET_VERSION;
    if (fresh) return;
    const now = ts(this.o.clock.now());
    const cond = (type: string, status: string, reason: string, message: string): Condition => {
      const prev = (st.conditions as Condition[] | undefined)?.find((c) => c.type === type);
      return { type, status, lastHeartbeatTime: now, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now, reason, message } as Condition;
    };
    const name = n.metadata.name!;
    const ip = nodeIP(n);
    await this.o.client.patch({ ...R.nodes, name, subresource: 'status' }, 'merge', {
      status: {
        capacity: cap,
        allocatable: cap,
        conditions: [
          cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        addresses: [
          { type: 'InternalIP', address: ip },
          { type: 'Hostname', address: name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: n.metadata.uid?.replace(/-/g, '') ?? '',
          systemUUID: n.metadata.uid ?? '',
          bootID: n.metadata.uid ?? '',
          kernelVersion: '6.1.0-skiff',
          osImage: 'skiff simulated node',
          containerRuntimeVersion: 'sim://1.0.0',
          kubeletVersion: KUBELET_VERSION,
          kubeProxyVersion: KUBELET_VERSION,
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
        phase: undefined,
      },
    });
    if (ready?.status !== 'True') this.events.event({ ...n, kind: 'Node', apiVersion: 'v1', metadata: { ...n.metadata, namespace: 'default' } }, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
  }

  // ------------------------------------------------------------------ pods

  private wake(uid: string, key: string, at: number): void {
    const m = this.memo.get(uid);
    if (!m) return;
    if (m.timer && m.timerAt !== undefined && m.timerAt <= at) return;
    m.timer?.cancel();
    m.timerAt = at;
    m.timer = this.o.clock.setTimeout(() => {
      m.timer = undefined;
      m.timerAt = undefined;
      this.queue.add(key);
    }, at - this.o.clock.now().getTime());
  }

  private podIP(p: Obj, node: Obj): string {
    const k = keyOf(p);
    const r = this.reservedIPs.get(k);
    if (r) return r;
    const cidr = (node.spec?.podCIDR as string | undefined) ?? '10.244.0.0/24';
    const base = cidr.split('/')[0]!.split('.').map(Number);
    const used = new Set<string>();
    for (const pk of this.podsByNode.get(node.metadata.name!) ?? []) {
      const other = this.pods.get(pk.split('/')[0], pk.slice(pk.indexOf('/') + 1));
      if (other?.status?.podIP) used.add(other.status.podIP);
      const res = this.reservedIPs.get(pk);
      if (res) used.add(res);
    }
    for (let i = 2; i < 255; i++) {
      const ip = `${base[0]}.${base[1]}.${base[2]}.${i}`;
      if (!used.has(ip)) {
        this.reservedIPs.set(k, ip);
        return ip;
      }
    }
    throw new Error(`node ${node.metadata.name} has no free pod IP in ${cidr}`);
  }

  /** Applies the pod's next stage if it is due, else sleeps until it is. */
  protected async sync(key: string): Promise<void> {
    const i = key.indexOf('/');
    const p = this.pods.get(key.slice(0, i), key.slice(i + 1));
    if (!p) return;
    const nodeName = p.spec?.nodeName as string | undefined;
    const node = nodeName ? this.nodes.get(undefined, nodeName) : undefined;
    if (!isRunning(node)) return; // a stopped node does nothing: its pods freeze
    const uid = p.metadata.uid!;
    const now = this.o.clock.now().getTime();
    let m = this.memo.get(uid);
    if (!m) this.memo.set(uid, (m = { seenAt: now }));
    if (p.metadata.deletionTimestamp) m.terminatingSince ??= now;
    const problems: string[] = [];
    const state: PodState = { pod: p, node: node!, behaviour: podBehaviour(p, this.defaults, problems), problems, memo: m, now };
    const next = nextStage(state);
    if (next.apply) await next.apply.apply(state, this.effects(p, node!));
    else if (next.wakeAt !== undefined) this.wake(uid, key, next.wakeAt);
  }

  private effects(p: Obj, node: Obj): PodEffects {
    const ref = { ...R.pods, namespace: p.metadata.namespace, name: p.metadata.name };
    return {
      patchStatus: async (body) => {
        try {
          await this.o.client.patch({ ...ref, subresource: 'status' }, 'merge', body);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      },
      deletePod: async () => {
        await this.o.client.delete(ref, { gracePeriodSeconds: 0, preconditions: { uid: p.metadata.uid! } }).catch((err) => {
          if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
        });
      },
      event: (type, reason, message) => this.events.event(podRef(p), type, reason, message),
      podIP: () => this.podIP(p, node),
    };
  }
}
