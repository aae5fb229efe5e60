// The admission chain: plugins run in a fixed order, each phase over all of
// them, the first refusal ending the request (as kube-apiserver's chain does).
import type { AdmissionAttributes, AdmissionPlugin } from './types.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { priority } from './priority.js';
import { limitRanger } from './limit-ranger.js';
import { resourceQuota } from './resource-quota.js';

/** Plugins in order; `admit` runs every mutating phase, `validate` every validating one. */
export class AdmissionChain {
  constructor(readonly plugins: readonly AdmissionPlugin[]) {}

  /** Mutating phase of every plugin, in order; throws the first refusal. */
  admit(a: AdmissionAttributes): void {
    for (const p of this.plugins) p.admit?.(a);
  }

  /** Validating phase of every plugin, in order; throws the first refusal. */
  validate(a: AdmissionAttributes): void {
    for (const p of this.plugins) p.validate?.(a);
  }
}

/** The plugins the bundled server enables: namespace lifecycle, then pod priority and LimitRanger defaults, then quota. */
export function defaultAdmissionChain(): AdmissionChain {
  return new AdmissionChain([namespaceLifecycle, priority, limitRanger, resourceQuota]);
}

export type { AdmissionAttributes, AdmissionOperation, AdmissionPlugin, AdmissionReader } from './types.js';
