// The Pod printer (pkg/printers/internalversion printPod) and the field
// selectors pods support.
import type { KubeObject } from '../../../apimachinery/types.js';
import { arr, humanDuration, num, obj, since, str, type Obj } from './common.js';

function initialized(status: Obj): boolean {
  return arr(status, 'conditions').some((c) => c.type === 'Initialized' && c.status === 'True');
}

function terminatedAt(cs: Obj): number {
  const t = obj(obj(cs, 'lastState'), 'terminated');
  const at = t ? Date.parse(str(t, 'finishedAt')) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

/** printPod's cells: NAME READY STATUS RESTARTS AGE IP NODE NOMINATED-NODE READINESS-GATES. */
export function podRow(pod: KubeObject, now: Date): unknown[] {
  const spec = obj(pod, 'spec') ?? {};
  const status = obj(pod, 'status') ?? {};
  const initSpecs = arr(spec, 'initContainers');
  const sidecar = (name: string): boolean => initSpecs.some((c) => c.name === name && c.restartPolicy === 'Always');
  let total = arr(spec, 'containers').length + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let restarts = 0;
  let sidecarRestarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  const phase = str(status, 'phase');
  let reason = str(status, 'reason') || phase;
  if (arr(status, 'conditions').some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let initializing = false;
  const inits = arr(status, 'initContainerStatuses');
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    restarts += num(c, 'restartCount') ?? 0;
    lastRestart = Math.max(lastRestart, terminatedAt(c));
    if (sidecar(str(c, 'name'))) {
      sidecarRestarts += num(c, 'restartCount') ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, terminatedAt(c));
    }
    const state = obj(c, 'state') ?? {};
    const term = obj(state, 'terminated');
    const wait = obj(state, 'waiting');
    if (term && (num(term, 'exitCode') ?? 0) === 0) continue;
    if (sidecar(str(c, 'name')) && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (term) {
      if (str(term, 'reason') === '') {
        const sig = num(term, 'signal') ?? 0;
        reason = sig !== 0 ? `Init:Signal:${sig}` : `Init:ExitCode:${num(term, 'exitCode') ?? 0}`;
      } else reason = `Init:${str(term, 'reason')}`;
    } else if (wait && str(wait, 'reason') !== '' && str(wait, 'reason') !== 'PodInitializing') {
      reason = `Init:${str(wait, 'reason')}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initialized(status)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const css = arr(status, 'containerStatuses');
    for (let i = css.length - 1; i >= 0; i--) {
      const c = css[i]!;
      restarts += num(c, 'restartCount') ?? 0;
      lastRestart = Math.max(lastRestart, terminatedAt(c));
      const state = obj(c, 'state') ?? {};
      const wait = obj(state, 'waiting');
      const term = obj(state, 'terminated');
      if (wait && str(wait, 'reason') !== '') reason = str(wait, 'reason');
      else if (term && str(term, 'reason') !== '') reason = str(term, 'reason');
      else if (term) {
        const sig = num(term, 'signal') ?? 0;
        reason = sig !== 0 ? `Signal:${sig}` : `ExitCode:${num(term, 'exitCode') ?? 0}`;
      } else if (c.ready === true && obj(state, 'running')) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = arr(status, 'conditions').some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && str(status, 'reason') === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) {
    restartsCell = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  }
  const ips = arr(status, 'podIPs');
  const ip = (ips.length ? str(ips[0], 'ip') : str(status, 'podIP')) || '<none>';
  const gates = arr(spec, 'readinessGates');
  let gatesCell = '<none>';
  if (gates.length) {
    const conds = arr(status, 'conditions');
    const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
    gatesCell = `${trueCount}/${gates.length}`;
  }
  if (total < 0) total = 0;
  return [
    pod.metadata?.name ?? '',
    `${ready}/${total}`,
    reason,
    restartsCell,
    since(pod.metadata?.creationTimestamp, now),
    ip,
    str(spec, 'nodeName') || '<none>',
    str(status, 'nominatedNodeName') || '<none>',
    gatesCell,
  ];
}

/** Pod field selectors (pkg/registry/core/pod/strategy.go ToSelectableFields). */
export const podFieldSelectors: Readonly<Record<string, (o: KubeObject) => string | undefined>> = {
  'spec.nodeName': (o) => str(obj(o, 'spec'), 'nodeName'),
  'spec.restartPolicy': (o) => str(obj(o, 'spec'), 'restartPolicy'),
  'spec.schedulerName': (o) => str(obj(o, 'spec'), 'schedulerName'),
  'spec.serviceAccountName': (o) => str(obj(o, 'spec'), 'serviceAccountName'),
  'spec.hostNetwork': (o) => String(obj(o, 'spec')?.hostNetwork === true),
  'status.phase': (o) => str(obj(o, 'status'), 'phase'),
  'status.podIP': (o) => {
    const st = obj(o, 'status');
    const ips = arr(st, 'podIPs');
    return ips.length ? str(ips[0], 'ip') : str(st, 'podIP');
  },
  'status.nominatedNodeName': (o) => str(obj(o, 'status'), 'nominatedNodeName'),
};
