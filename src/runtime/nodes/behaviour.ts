// Simulated pod behaviour is data: annotations on a pod (or its template)
// change what its simulated node does with it. Documented in
// docs/simulated-nodes.md; a malformed value is reported, not ignored.
import type { KubeObject } from '../../apimachinery/types.js';
import { SIM } from '../../apimachinery/simulated-node.js';
import { parseDuration } from '../kit/objects.js';


export interface PodBehaviour {
  /** Delay from binding to containers running. */
  readonly startDelayMs: number;
  /** Containers exit after this long (run-once pods default to a short run). */
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

// A run-once pod runs for two seconds by default: long enough that a client which
// starts watching right after creating a Job (Helm 4 waiting on a hook with
// `ttlSecondsAfterFinished: 0`) sees it run and complete before it is gone.
export const DEFAULT_BEHAVIOUR: BehaviourDefaults = { startDelayMs: 0, jobRunTimeMs: 2000, terminationMs: 200 };

/**
 * True for a pod that is meant to finish: owned by a Job, or with
 * restartPolicy Never or OnFailure (a `helm test` hook, a bare run-once pod).
 * Such a pod's containers exit 0 after a short run unless its annotations say
 * otherwise; a restartPolicy Always pod runs until it is deleted.
 */
export function isRunOnce(pod: KubeObject): boolean {
  const policy = (pod as { spec?: { restartPolicy?: string } }).spec?.restartPolicy;
  return policy === 'Never' || policy === 'OnFailure' || (pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'Job');
}

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
  return {
    startDelayMs: dur('start-delay') ?? d.startDelayMs,
    runTimeMs: dur('run-time') ?? (isRunOnce(pod) ? d.jobRunTimeMs : undefined),
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
