// The simulated pod lifecycle as data (kwok's stages): each stage is a
// selector on the pod's state, the time it is due, and the status change it
// makes. The simulator (simulator.ts) applies the first matching stage that
// is due and sleeps until the earliest one that is not; the status it
// writes comes back through the pod informer and moves the pod on to the
// next stage. A stopped node runs no stage: its pods freeze.
//
//   stage      selector                                   due                         change
//   terminate  deletionTimestamp set                      grace or termination-time   Killing events, final delete
//                                                         (at once when Succeeded/Failed)
//   create     Pending, no hostIP, start-delay running   now                         Pending + ContainerCreating
//   start      Pending                                   first seen + start-delay    Running, Pulled/Created/Started
//   restart    waiting in CrashLoopBackOff               end + back-off              Running again, Started
//   end        Running, with run-time or crash-after     run start + that time       CrashLoopBackOff, or Succeeded/Failed
//   readiness  Running                                   when readiness changes      Ready condition flips
import { restartBackoffMs, type PodBehaviour } from './behaviour.js';
import type { Obj } from '../kit/objects.js';
import { pendingStatus, readyAt, runEndedStatus, runningStatus } from './pod-status.js';

/** Timing the simulator keeps per pod: a finer-grained copy of what the status says. */
export interface PodMemo {
  /** When the simulator first saw the pod bound to a running node. */
  seenAt: number;
  /** When the containers last started (or last ended, while backing off). */
  runStart?: number;
  /** When the simulator first saw the pod's deletionTimestamp. */
  terminatingSince?: number;
}

/** What a stage sees of one pod. */
export interface PodState {
  readonly pod: Obj;
  readonly node: Obj;
  readonly behaviour: PodBehaviour;
  /** Bad behaviour annotations, reported when the pod starts. */
  readonly problems: readonly string[];
  readonly memo: PodMemo;
  /** The runtime clock's time, in ms. */
  readonly now: number;
}

/** What a stage may do to its pod. */
export interface PodEffects {
  patchStatus(body: object): Promise<void>;
  deletePod(): Promise<void>;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** The pod's IP on its node (kept for the pod's lifetime). */
  podIP(): string;
}

export interface PodStage {
  readonly name: string;
  /** The selector: whether the stage applies to the pod in this state. */
  matches(s: PodState): boolean;
  /** When the change is due (clock ms; at or before `now`: at once); undefined: not foreseeable yet. */
  due(s: PodState): number | undefined;
  /** The change: the status written, the events recorded. */
  apply(s: PodState, k: PodEffects): Promise<void>;
}

type ContainerStatus = { name?: string; state?: { waiting?: { reason?: string }; running?: { startedAt?: string } }; lastState?: { terminated?: { finishedAt?: string } }; ready?: boolean; restartCount?: number };

const statuses = (s: PodState): ContainerStatus[] => (s.pod.status?.containerStatuses ?? []) as ContainerStatus[];
const first = (s: PodState): ContainerStatus => statuses(s)[0] ?? {};
const phase = (s: PodState): string => s.pod.status?.phase ?? 'Pending';
const containers = (s: PodState): { name: string; image: string }[] => s.pod.spec?.containers ?? [];

const deleting = (s: PodState) => !!s.pod.metadata.deletionTimestamp;
const terminal = (s: PodState) => phase(s) === 'Succeeded' || phase(s) === 'Failed';
const pending = (s: PodState) => !deleting(s) && !terminal(s) && (statuses(s).length === 0 || phase(s) === 'Pending');
const backingOff = (s: PodState) => !deleting(s) && !terminal(s) && !pending(s) && first(s).state?.waiting?.reason === 'CrashLoopBackOff';
const running = (s: PodState) => !deleting(s) && !terminal(s) && !pending(s) && !backingOff(s);

/** When the current run started: remembered, or read back from the status (after a restart of the runtime). */
function runStart(s: PodState): number {
  s.memo.runStart ??= Date.parse(first(s).state?.running?.startedAt ?? '') || s.now;
  return s.memo.runStart;
}

/** How long a run lasts before it ends on its own (crash-after wins over run-time). */
const runLength = (b: PodBehaviour): number | undefined => b.crashAfterMs ?? b.runTimeMs;

async function startContainers(s: PodState, k: PodEffects, restarts: number, lastState: unknown): Promise<void> {
  s.memo.runStart = s.now;
  await k.patchStatus(runningStatus({ pod: s.pod, node: s.node, podIP: k.podIP(), behaviour: s.behaviour, runStart: s.now, restarts, lastState, now: s.now }));
}

/** The stages in order: of those matching, the first one due is applied. */
export const POD_STAGES: readonly PodStage[] = [
  {
    name: 'terminate',
    matches: deleting,
    // A pod whose containers have all exited has nothing to stop: it goes at once, without Killing events.
    due: (s) => (terminal(s) ? s.now : (s.memo.terminatingSince ?? s.now) + Math.min((s.pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000, s.behaviour.terminationMs)),
    async apply(s, k) {
      if (!terminal(s) && (s.memo.terminatingSince === s.now || s.behaviour.terminationMs === 0)) for (const c of containers(s)) k.event('Normal', 'Killing', `Stopping container ${c.name}`);
      await k.deletePod();
    },
  },
  {
    name: 'create',
    matches: (s) => pending(s) && !s.pod.status?.hostIP && s.now < s.memo.seenAt + s.behaviour.startDelayMs,
    due: (s) => s.now,
    apply: (s, k) => k.patchStatus(pendingStatus(s.pod, s.node, s.now)),
  },
  {
    name: 'start',
    matches: pending,
    due: (s) => s.memo.seenAt + s.behaviour.startDelayMs,
    async apply(s, k) {
      for (const pr of s.problems) k.event('Warning', 'InvalidSimulation', pr);
      await startContainers(s, k, 0, undefined);
      for (const c of containers(s)) {
        k.event('Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
        k.event('Normal', 'Created', `Created container ${c.name}`);
        k.event('Normal', 'Started', `Started container ${c.name}`);
      }
    },
  },
  {
    name: 'restart',
    matches: backingOff,
    due: (s) => {
      const ended = Math.max(Date.parse(first(s).lastState?.terminated?.finishedAt ?? '') || s.now, s.memo.runStart ?? 0);
      return ended + restartBackoffMs((first(s).restartCount ?? 0) - 1);
    },
    async apply(s, k) {
      await startContainers(s, k, first(s).restartCount ?? 0, first(s).lastState);
      for (const c of containers(s)) k.event('Normal', 'Started', `Started container ${c.name}`);
    },
  },
  {
    name: 'end',
    matches: (s) => running(s) && runLength(s.behaviour) !== undefined,
    due: (s) => runStart(s) + runLength(s.behaviour)!,
    async apply(s, k) {
      const b = s.behaviour;
      const exitCode = b.exitCode ?? (b.crashAfterMs !== undefined ? 1 : 0);
      const ended = runEndedStatus(s.pod, exitCode, runStart(s), s.now);
      if (ended.restart) s.memo.runStart = s.now;
      await k.patchStatus(ended.status);
      if (ended.restart) {
        const p = s.pod;
        k.event('Warning', 'BackOff', `Back-off restarting failed container ${first(s).name} in pod ${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`);
      }
    },
  },
  {
    name: 'readiness',
    matches: running,
    due: (s) => {
      const r = readyAt(s.pod, s.behaviour, runStart(s), s.now);
      return r.ready !== Boolean(first(s).ready) ? s.now : r.next;
    },
    apply: (s, k) =>
      k.patchStatus(runningStatus({ pod: s.pod, node: s.node, podIP: k.podIP(), behaviour: s.behaviour, runStart: runStart(s), restarts: first(s).restartCount ?? 0, lastState: first(s).lastState, now: s.now })),
  },
];

/** The stage to apply now, or else when the next one is due. */
export function nextStage(s: PodState): { apply?: PodStage; wakeAt?: number } {
  let wakeAt: number | undefined;
  for (const stage of POD_STAGES) {
    if (!stage.matches(s)) continue;
    const at = stage.due(s);
    if (at === undefined) continue;
    if (at <= s.now) return { apply: stage };
    wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at);
  }
  return { wakeAt };
}

