// Node (core/v1): roles, the printer row and validation.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, forbidden, required } from './field.js';
import { age, arr, obj, str } from './common.js';
import { metaErrors, oneOf } from './validation.js';

function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

/** printNode's cells: NAME STATUS ROLES AGE VERSION (and the wide columns). */
export function nodeRow(o: KubeObject, now: Date): unknown[] {
  const st = obj(o, 'status') ?? {};
  const ready = arr(st, 'conditions').find((c) => c.type === 'Ready');
  const status: string[] = [];
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (obj(o, 'spec')?.unschedulable === true) status.push('SchedulingDisabled');
  const info = obj(st, 'nodeInfo') ?? {};
  const addr = (t: string): string => str(arr(st, 'addresses').find((a) => a.type === t), 'address') || '<none>';
  return [
    o.metadata.name ?? '',
    status.join(','),
    nodeRoles(o.metadata.labels),
    age(o, now),
    str(info, 'kubeletVersion'),
    addr('InternalIP'),
    addr('ExternalIP'),
    str(info, 'osImage') || '<unknown>',
    str(info, 'kernelVersion') || '<unknown>',
    str(info, 'containerRuntimeVersion') || '<unknown>',
  ];
}

/** Node validation: metadata, taint keys and effects, podCIDR changing only from empty. */
export function nodeValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  arr(obj(o, 'spec'), 'taints').forEach((t, i) => {
    const tp = Path.root('spec', 'taints').index(i);
    if (str(t, 'key') === '') errs.push(required(tp.child('key'), ''));
    errs.push(...oneOf(t.effect, tp.child('effect'), ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], false));
  });
  const pod = str(obj(o, 'spec'), 'podCIDR');
  if (old && str(obj(old, 'spec'), 'podCIDR') !== '' && pod !== str(obj(old, 'spec'), 'podCIDR')) {
    errs.push(forbidden(Path.root('spec', 'podCIDRs'), 'node updates may not change podCIDR except from "" to valid'));
  }
  return errs;
}
