// What a simulated kubelet writes into a pod's status, as pure functions of
// the pod, its node and the time: the shapes a real kubelet reports
// (conditions, container statuses with running / waiting / terminated
// states, IDs), so clients that read them (kubectl, Helm's readiness
// checks) cannot tell the difference.
import type { KubeObject } from '../../apimachinery/types.js';
import { clone, podCondition, ts, type Condition, type Obj } from '../kit/objects.js';
import { restartBackoffMs, type PodBehaviour } from './behaviour.js';

/** The pod as an involved object of an Event. */
export function podRef(p: Obj): KubeObject {
  return { ...p, apiVersion: 'v1', kind: 'Pod' };
}

/** The node's address: 172.18.0.N+2 for pod CIDR 10.244.N.0/24. */
export function nodeIP(n: Obj): string {
  const cidr = (n.spec?.podCIDR as string | undefined) ?? '10.244.0.0/24';
  const third = Number(cidr.split('.')[2] ?? 0);
  return `172.18.0.${third + 2}`;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}

function imageID(image: string): string {
  return `sim.skiff.dev/${image.split(':')[0]}@sha256:${fnv(image)}`;
}

function containerID(p: Obj, name: string, n: number): string {
  return `containerd://${fnv(`${p.metadata.uid}/${name}/${n}`)}`;
}

/** Whether containers are ready at `now` (readiness delay, never-ready, flapping), and when that next changes. */
export function readyAt(p: Obj, b: PodBehaviour, runStart: number, now: number): { ready: boolean; next?: number } {
  if (b.neverReady) return { ready: false };
  const probe = (p.spec?.containers ?? []).map((c: any) => c.readinessProbe?.initialDelaySeconds ?? 0);
  const delay = Math.max(0, ...probe) * 1000;
  const readyFrom = runStart + delay;
  if (now < readyFrom) return { ready: false, next: readyFrom };
  if (!b.readyFlapMs) return { ready: true };
  const n = Math.floor((now - readyFrom) / b.readyFlapMs);
  return { ready: n % 2 === 0, next: readyFrom + (n + 1) * b.readyFlapMs };
}

/** The pod conditions for a pod whose containers are (not) ready. */
export function podConditions(p: Obj, ready: boolean, t: string, notReadyReason = 'ContainersNotReady'): Condition[] {
  const mk = (type: string, status: boolean, reason?: string): Condition => {
    const old = podCondition(p, type);
    const s = status ? 'True' : 'False';
    const c: Condition = { type, status: s, lastProbeTime: null, lastTransitionTime: old?.status === s ? (old.lastTransitionTime ?? t) : t };
    if (!status && reason) {
      c.reason = reason;
      if (reason === 'ContainersNotReady') c.message = `containers with unready status: [${(p.spec?.containers ?? []).map((x: any) => x.name).join(' ')}]`;
    }
    return c;
  };
  return [mk('PodReadyToStartContainers', true), mk('Initialized', true), mk('Ready', ready, notReadyReason), mk('ContainersReady', ready, notReadyReason), mk('PodScheduled', true)];
}

/** Bound, containers being created. */
export function pendingStatus(p: Obj, node: Obj, now: number): object {
  const t = ts(new Date(now));
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

/** Containers running since `runStart` (after `restarts` restarts), seen at `now`. */
export function runningStatus(o: { pod: Obj; node: Obj; podIP: string; behaviour: PodBehaviour; runStart: number; restarts: number; lastState: unknown; now: number }): object {
  const p = o.pod;
  const ready = readyAt(p, o.behaviour, o.runStart, o.now).ready;
  const t = ts(new Date(o.now));
  const init = (p.spec?.initContainers ?? []) as any[];
  return {
    status: {
      phase: 'Running',
      hostIP: nodeIP(o.node),
      hostIPs: [{ ip: nodeIP(o.node) }],
      podIP: o.podIP,
      podIPs: [{ ip: o.podIP }],
      startTime: p.status?.startTime ?? t,
      conditions: podConditions(p, ready, t),
      initContainerStatuses: init.length
        ? init.map((c, i) => ({
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
        containerID: containerID(p, c.name, i + o.restarts * 100),
        ready,
        restartCount: o.restarts,
        started: true,
        state: { running: { startedAt: ts(new Date(o.runStart)) } },
        lastState: o.lastState ?? {},
      })),
    },
  };
}

/**
 * The containers' run ended with `exitCode` at `now`: with a restart (policy Always,
 * or OnFailure after a failure) they wait in CrashLoopBackOff, otherwise the pod
 * finishes as Succeeded or Failed. `restart` says which.
 */
export function runEndedStatus(p: Obj, exitCode: number, runStart: number, now: number): { restart: boolean; restarts: number; status: object } {
  const policy = p.spec?.restartPolicy ?? 'Always';
  const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  const terminated = { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: ts(new Date(runStart)), finishedAt: ts(new Date(now)), containerID: containerID(p, 'x', 0) };
  const statuses = ((p.status?.containerStatuses ?? []) as any[]).map((s) => clone(s));
  const t = ts(new Date(now));
  if (restart) {
    const restarts = (statuses[0]?.restartCount ?? 0) + 1;
    for (const s of statuses) {
      s.restartCount = restarts;
      s.ready = false;
      s.started = false;
      s.lastState = { terminated: { ...terminated, containerID: s.containerID } };
      s.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(restartBackoffMs(restarts - 1) / 1000)}s restarting failed container=${s.name} pod=${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})` } };
    }
    return { restart, restarts, status: { status: { containerStatuses: statuses, conditions: podConditions(p, false, t) } } };
  }
  for (const s of statuses) {
    s.ready = false;
    s.started = false;
    s.state = { terminated: { ...terminated, containerID: s.containerID } };
  }
  const conds = podConditions(p, false, t, 'PodCompleted');
  const rtsc = conds.find((c) => c.type === 'PodReadyToStartContainers');
  if (rtsc) rtsc.status = 'False';
  return { restart, restarts: statuses[0]?.restartCount ?? 0, status: { status: { phase: exitCode === 0 ? 'Succeeded' : 'Failed', containerStatuses: statuses, conditions: conds } } };
}
