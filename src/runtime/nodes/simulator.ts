// Simulated kubelets (kwok's idea): every Node annotated
// sim.skiff.dev/managed=true is "run" by this component. It keeps the node's
// status and Lease fresh (unless the node is stopped), and drives the pods
// bound to it through their phases. Everything it knows comes from list/watch
// through the API; per-pod timing kept in memory is only a finer-grained copy
// of what the pod's status already says, so a restart resumes correctly.
import { isNotFound, type KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../apimachinery/types.js';
import type { Clock, ClockTimer } from '../kit/clock.js';
import { eventRecorder, type EventRecorder } from '../kit/events.js';
import { InformerFactory, keyOf, type Informer } from '../kit/informer.js';
import { WorkQueue } from '../kit/queue.js';
import { clone, podCondition, ts, type Condition, type Obj } from '../kit/objects.js';
import { CAPACITY_ANNOTATION, isSimulated, isStopped, parseCapacity } from '../../apimachinery/simulated-node.js';
import { DEFAULT_BEHAVIOUR, podBehaviour, restartBackoffMs, type BehaviourDefaults, type PodBehaviour } from './behaviour.js';

export const KUBELET_VERSION = 'v1.32.4';

export interface NodeSimulatorOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  /** Lease renew interval (kubelet: 10 s). */
  readonly heartbeatMs?: number;
  readonly behaviour?: Partial<BehaviourDefaults>;
  readonly events?: boolean;
}

interface PodMemo {
  seenAt: number;
  runStart?: number;
  terminatingSince?: number;
  timer?: ClockTimer;
  timerAt?: number;
}

const PODS = { group: '', version: 'v1', resource: 'pods' } as const;
const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;

function isRunning(n: KubeObject | undefined): boolean {
  return !!n && isSimulated(n) && !isStopped(n) && !n.metadata.deletionTimestamp;
}

export class NodeSimulator {
  private readonly factory: InformerFactory;
  private readonly nodes: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly podQueue: WorkQueue;
  private readonly nodeQueue: WorkQueue;
  private readonly memo = new Map<string, PodMemo>();
  private readonly heartbeats = new Map<string, ClockTimer>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly reservedIPs = new Map<string, string>();
  private readonly events: EventRecorder;
  private readonly defaults: BehaviourDefaults;
  private readonly heartbeatMs: number;

  constructor(private readonly o: NodeSimulatorOptions) {
    this.factory = new InformerFactory(o.client, o.clock);
    this.nodes = this.factory.for<Obj>('', 'v1', 'nodes');
    this.pods = this.factory.for<Obj>('', 'v1', 'pods');
    this.defaults = { ...DEFAULT_BEHAVIOUR, ...o.behaviour };
    this.heartbeatMs = o.heartbeatMs ?? 10_000;
    this.events = eventRecorder(o.client, o.clock, 'kubelet', undefined, o.events !== false);
    // A sync mostly waits for its status write to be committed; the store commits writes in groups,
    // so many syncs in flight (one per kubelet, in a real cluster) keep up with thousands of pods.
    this.podQueue = new WorkQueue(o.clock, (k) => this.syncPod(k), 256);
    this.nodeQueue = new WorkQueue(o.clock, (k) => this.syncNode(k), 64);
  }

  async start(signal: AbortSignal): Promise<void> {
    this.nodes.on((type, n, old) => {
      const name = n.metadata.name!;
      this.nodeQueue.add(name);
      if (isRunning(n) !== isRunning(old)) for (const k of this.podsByNode.get(name) ?? []) this.podQueue.add(k);
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
      this.podQueue.add(k);
    });
    await this.factory.start();
    signal.addEventListener('abort', () => this.stop());
  }

  stop(): void {
    this.factory.stop();
    this.podQueue.stop();
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
    const renewTime = this.o.clock.now().toISOString().replace('Z', '000Z');
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
    await this.o.client.patch({ ...NODES, name, subresource: 'status' }, 'merge', {
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
      this.podQueue.add(key);
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

  private async syncPod(key: string): Promise<void> {
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
    const problems: string[] = [];
    const b = podBehaviour(p, this.defaults, problems);
    const ref = { ...PODS, namespace: p.metadata.namespace, name: p.metadata.name };

    if (p.metadata.deletionTimestamp) {
      m.terminatingSince ??= now;
      const graceMs = (p.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      const at = m.terminatingSince + Math.min(graceMs, b.terminationMs);
      if (now < at) return this.wake(uid, key, at);
      if (m.terminatingSince === now || b.terminationMs === 0) for (const c of p.spec?.containers ?? []) this.events.event(podRef(p), 'Normal', 'Killing', `Stopping container ${c.name}`);
      await this.o.client.delete(ref, { gracePeriodSeconds: 0, preconditions: { uid } }).catch((err) => {
        if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
      });
      return;
    }
    const phase = p.status?.phase ?? 'Pending';
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const containers = (p.spec?.containers ?? []) as { name: string; image: string; readinessProbe?: { initialDelaySeconds?: number } }[];
    const statuses = (p.status?.containerStatuses ?? []) as any[];

    if (statuses.length === 0 || phase === 'Pending') {
      const at = m.seenAt + b.startDelayMs;
      if (now < at) {
        if (!p.status?.hostIP) await this.patchStatus(ref, this.pendingStatus(p, node!));
        return this.wake(uid, key, at);
      }
      for (const pr of problems) this.events.event(podRef(p), 'Warning', 'InvalidSimulation', pr);
      m.runStart = now;
      const st = this.runningStatus(p, node!, b, now, 0, undefined);
      await this.patchStatus(ref, st);
      for (const c of containers) {
        this.events.event(podRef(p), 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
        this.events.event(podRef(p), 'Normal', 'Created', `Created container ${c.name}`);
        this.events.event(podRef(p), 'Normal', 'Started', `Started container ${c.name}`);
      }
      this.planNext(p, b, m, now, key);
      return;
    }

    const first = statuses[0];
    const restarts = first.restartCount ?? 0;
    if (first.state?.waiting?.reason === 'CrashLoopBackOff') {
      const finished = Date.parse(first.lastState?.terminated?.finishedAt ?? '') || now;
      const at = Math.max(finished + restartBackoffMs(restarts - 1), m.runStart ?? 0);
      if (now < at) return this.wake(uid, key, at);
      m.runStart = now;
      await this.patchStatus(ref, this.runningStatus(p, node!, b, now, restarts, first.lastState));
      for (const c of containers) this.events.event(podRef(p), 'Normal', 'Started', `Started container ${c.name}`);
      this.planNext(p, b, m, now, key);
      return;
    }
    const runStart = m.runStart ?? (Date.parse(first.state?.running?.startedAt ?? '') || now);
    m.runStart = runStart;
    const endAfter = b.crashAfterMs ?? b.runTimeMs;
    if (endAfter !== undefined && now >= runStart + endAfter) {
      const exitCode = b.exitCode ?? (b.crashAfterMs !== undefined ? 1 : 0);
      await this.finishRun(p, ref, b, exitCode, runStart, now);
      return;
    }
    const ready = this.readyAt(p, b, runStart, now);
    if (ready.ready !== Boolean(first.ready)) {
      await this.patchStatus(ref, this.runningStatus(p, node!, b, runStart, restarts, first.lastState, now));
    }
    this.planNext(p, b, m, now, key);
  }

  /** Whether containers are ready at `now`, and when that next changes. */
  private readyAt(p: Obj, b: PodBehaviour, runStart: number, now: number): { ready: boolean; next?: number } {
    if (b.neverReady) return { ready: false };
    const probe = (p.spec?.containers ?? []).map((c: any) => c.readinessProbe?.initialDelaySeconds ?? 0);
    const delay = Math.max(0, ...probe) * 1000;
    const readyFrom = runStart + delay;
    if (now < readyFrom) return { ready: false, next: readyFrom };
    if (!b.readyFlapMs) return { ready: true };
    const n = Math.floor((now - readyFrom) / b.readyFlapMs);
    return { ready: n % 2 === 0, next: readyFrom + (n + 1) * b.readyFlapMs };
  }

  private planNext(p: Obj, b: PodBehaviour, m: PodMemo, now: number, key: string): void {
    const runStart = m.runStart ?? now;
    const times: number[] = [];
    const endAfter = b.crashAfterMs ?? b.runTimeMs;
    if (endAfter !== undefined) times.push(runStart + endAfter);
    const r = this.readyAt(p, b, runStart, now);
    if (r.next !== undefined) times.push(r.next);
    const at = Math.min(...times.filter((t) => t > now));
    if (Number.isFinite(at)) this.wake(p.metadata.uid!, key, at);
  }

  private async finishRun(p: Obj, ref: object, b: PodBehaviour, exitCode: number, runStart: number, now: number): Promise<void> {
    const policy = p.spec?.restartPolicy ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    const terminated = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: ts(new Date(runStart)),
      finishedAt: ts(new Date(now)),
      containerID: containerID(p, 'x', 0),
    };
    const statuses = ((p.status?.containerStatuses ?? []) as any[]).map((s) => clone(s));
    const t = ts(new Date(now));
    const m = this.memo.get(p.metadata.uid!);
    if (restart) {
      const restarts = (statuses[0]?.restartCount ?? 0) + 1;
      for (const s of statuses) {
        s.restartCount = restarts;
        s.ready = false;
        s.started = false;
        s.lastState = { terminated: { ...terminated, containerID: s.containerID } };
        s.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(restartBackoffMs(restarts - 1) / 1000)}s restarting failed container=${s.name} pod=${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})` } };
      }
      if (m) m.runStart = now;
      await this.patchStatus(ref, { status: { containerStatuses: statuses, conditions: this.conditions(p, false, t) } });
      this.events.event(podRef(p), 'Warning', 'BackOff', `Back-off restarting failed container ${statuses[0]?.name} in pod ${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`);
      this.wake(p.metadata.uid!, keyOf(p), now + restartBackoffMs(restarts - 1));
      return;
    }
    for (const s of statuses) {
      s.ready = false;
      s.started = false;
      s.state = { terminated: { ...terminated, containerID: s.containerID } };
    }
    const conds = this.conditions(p, false, t, 'PodCompleted');
    const rtsc = conds.find((c) => c.type === 'PodReadyToStartContainers');
    if (rtsc) rtsc.status = 'False';
    await this.patchStatus(ref, { status: { phase: exitCode === 0 ? 'Succeeded' : 'Failed', containerStatuses: statuses, conditions: conds } });
  }

  private conditions(p: Obj, ready: boolean, t: string, notReadyReason = 'ContainersNotReady'): Condition[] {
    const prev = (type: string) => podCondition(p, type);
    const mk = (type: string, status: boolean, reason?: string): Condition => {
      const old = prev(type);
      const s = status ? 'True' : 'False';
      const c: Condition = { type, status: s, lastProbeTime: null, lastTransitionTime: old?.status === s ? (old.lastTransitionTime ?? t) : t };
      if (!status && reason) {
        c.reason = reason;
        if (reason === 'ContainersNotReady') c.message = `containers with unready status: [${(p.spec?.containers ?? []).map((x: any) => x.name).join(' ')}]`;
      }
      return c;
    };
    return [
      mk('PodReadyToStartContainers', true),
      mk('Initialized', true),
      mk('Ready', ready, notReadyReason),
      mk('ContainersReady', ready, notReadyReason),
      mk('PodScheduled', true),
    ];
  }

  private pendingStatus(p: Obj, node: Obj): object {
    const t = ts(this.o.clock.now());
    return {
      status: {
        phase: 'Pending',
        hostIP: nodeIP(node),
        hostIPs: [{ ip: nodeIP(node) }],
        startTime: p.status?.startTime ?? t,
        containerStatuses: (p.spec?.containers ?? []).map((c: any) => ({ name: c.name, image: c.image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } })),
      },
    };
  }

  private runningStatus(p: Obj, node: Obj, b: PodBehaviour, runStart: number, restarts: number, lastState: unknown, now = runStart): object {
    const ready = this.readyAt(p, b, runStart, now).ready;
    const t = ts(new Date(now));
    const ip = this.podIP(p, node);
    return {
      status: {
        phase: 'Running',
        hostIP: nodeIP(node),
        hostIPs: [{ ip: nodeIP(node) }],
        podIP: ip,
        podIPs: [{ ip }],
        startTime: p.status?.startTime ?? t,
        conditions: this.conditions(p, ready, t),
        initContainerStatuses: (p.spec?.initContainers ?? []).length
          ? (p.spec.initContainers as any[]).map((c, i) => ({
              name: c.name,
              image: c.image,
              imageID: imageID(c.image),
              containerID: containerID(p, c.name, i),
              ready: true,
              restartCount: 0,
              started: false,
              state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: t, finishedAt: t, containerID: containerID(p, c.name, i) } },
            }))
          : undefined,
        containerStatuses: (p.spec?.containers ?? []).map((c: any, i: number) => ({
          name: c.name,
          image: c.image,
          imageID: imageID(c.image),
          containerID: containerID(p, c.name, i + restarts * 100),
          ready,
          restartCount: restarts,
          started: true,
          state: { running: { startedAt: ts(new Date(runStart)) } },
          lastState: lastState ?? {},
        })),
      },
    };
  }

  private async patchStatus(ref: object, body: object): Promise<void> {
    try {
      await this.o.client.patch({ ...(ref as typeof PODS), subresource: 'status' }, 'merge', body);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

function podRef(p: Obj): KubeObject {
  return { ...p, apiVersion: 'v1', kind: 'Pod' };
}

function nodeIP(n: Obj): string {
  const cidr = (n.spec?.podCIDR as string | undefined) ?? '10.244.0.0/24';
  const third = Number(cidr.split('.')[2] ?? 0);
  return `172.18.0.${third + 2}`;
}

function imageID(image: string): string {
  let h = 0x811c9dc5;
  for (const ch of image) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `sim.skiff.dev/${image.split(':')[0]}@sha256:${h.toString(16).padStart(8, '0').repeat(8)}`;
}

function containerID(p: Obj, name: string, n: number): string {
  let h = 0x811c9dc5;
  for (const ch of `${p.metadata.uid}/${name}/${n}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `containerd://${h.toString(16).padStart(8, '0').repeat(8)}`;
}
