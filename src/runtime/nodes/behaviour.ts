// Simulated pod behaviour is data: annotations on a pod (or its template)
// change what its simulated node does with it. Documented in
// docs/simulated-nodes.md; a malformed value is reported, not ignored.
import type { KubeObject } from '../../kube/types.js';
import { parseDuration } from '../controllers/util.js';

export const SIM = 'sim.skiff.dev/';

export interface PodBehaviour {
  /** Delay from binding to containers running. */
  readonly startDelayMs: number;
  /** Containers exit after this long (Job pods default to a short run). */
  readonly runTimeMs?: number;
  /** Exit code when the run ends (default 0; crash-after defaults to 1). */
  readonly exitCode?: number;
  readonly neverReady: boolean;
  /** A running container crashes after this long. */
  readonly crashAfterMs?: number;
  /** Readiness toggles with this period once ready. */
  readonly readyFlapMs?: number;
  /** Time between deletionTimestamp and the final delete. */
  readonly terminationMs: number;
  /** Extra log lines (\n-separated) the container prints. */
  readonly log?: string;
}

export interface BehaviourDefaults {
  readonly startDelayMs: number;
  readonly jobRunTimeMs: number;
  readonly terminationMs: number;
}

export const DEFAULT_BEHAVIOUR: BehaviourDefaults = { startDelayMs: 0, jobRunTimeMs: 500, terminationMs: 200 };

/** Reads the behaviour annotations of `pod`; `problems` collects "annotation: why" lines for bad values. */
export function podBehaviour(pod: KubeObject, d: BehaviourDefaults, problems: string[] = []): PodBehaviour {
  const a = pod.metadata.annotations ?? {};
  const dur = (k: string): number | undefined => {
    const v = a[SIM + k];
    if (v === undefined) return undefined;
    const ms = parseDuration(v);
    if (ms === undefined) problems.push(`${SIM}${k}: "${v}" is not a duration (like 500ms, 2s, 1m)`);
    return ms;
  };
  const bool = (k: string): boolean => {
    const v = a[SIM + k];
    if (v === undefined) return false;
    if (v !== 'true' && v !== 'false') problems.push(`${SIM}${k}: "${v}" must be "true" or "false"`);
    return v === 'true';
  };
  let exitCode: number | undefined;
  const ec = a[SIM + 'exit-code'];
  if (ec !== undefined) {
    if (!/^\d{1,3}$/.test(ec) || Number(ec) > 255) problems.push(`${SIM}exit-code: "${ec}" must be an integer 0-255`);
    else exitCode = Number(ec);
  }
  const isJobPod = (pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'Job');
  return {
    startDelayMs: dur('start-delay') ?? d.startDelayMs,
    runTimeMs: dur('run-time') ?? (isJobPod ? d.jobRunTimeMs : undefined),
    exitCode,
    neverReady: bool('never-ready'),
    crashAfterMs: dur('crash-after'),
    readyFlapMs: dur('ready-flap'),
    terminationMs: dur('termination-time') ?? d.terminationMs,
    log: a[SIM + 'log'],
  };
}

/** Kubelet's container restart back-off: 10 s doubling, capped at 5 min. */
export function restartBackoffMs(restarts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, restarts), 300_000);
}
