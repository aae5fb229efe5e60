// How long a pod's delete waits (pkg/registry/core/pod's CheckGracefulDelete):
// the kubelet stops a bound, running pod's containers within its grace period.
import type { KubeObject } from '../../../apimachinery/types.js';

/** 0 for an unbound or finished pod; else the requested period (negative is 0), or the pod's own (default 30 s). */
export function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  if (requested !== undefined) return Math.max(0, requested);
  return spec.terminationGracePeriodSeconds ?? 30;
}
