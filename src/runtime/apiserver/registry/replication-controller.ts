// ReplicationController (core/v1): defaults and validation.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, invalid, required } from './field.js';
import { ensure, obj, setDefault, type Obj } from './common.js';
import { metaErrors, nonNegative, validateLabels } from './validation.js';
import { validatePodTemplate } from './pod.js';
import { defaultPodTemplate } from './pod-defaults.js';

/** ReplicationController defaults: replicas 1, selector and labels from the template, pod template defaults. */
export function rcDefaults(o: KubeObject): void {
  const spec = ensure(o as unknown as Obj, 'spec');
  const tpl = obj(spec, 'template');
  const tlabels = obj(obj(tpl, 'metadata'), 'labels');
  if (tlabels && Object.keys(tlabels).length) {
    if (!obj(spec, 'selector') || Object.keys(obj(spec, 'selector')!).length === 0) spec.selector = { ...tlabels };
    if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) o.metadata.labels = { ...(tlabels as Record<string, string>) };
  }
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(tpl);
}

/** ReplicationController validation: metadata, replicas, selector matching the template, the pod template. */
export function rcValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const spec = obj(o, 'spec') ?? {};
  errs.push(...nonNegative(spec.replicas, sp.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, sp.child('minReadySeconds')));
  const sel = obj(spec, 'selector') ?? {};
  if (Object.keys(sel).length === 0) errs.push(required(sp.child('selector'), ''));
  else errs.push(...validateLabels(sel, sp.child('selector')));
  const tpl = obj(spec, 'template');
  if (!tpl) errs.push(required(sp.child('template'), ''));
  else {
    const labels = (obj(obj(tpl, 'metadata'), 'labels') ?? {}) as Record<string, string>;
    if (Object.keys(sel).length && !Object.entries(sel).every(([k, v]) => labels[k] === v)) {
      errs.push(invalid(sp.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
    }
    errs.push(...validatePodTemplate(tpl, sp.child('template'), { restartPolicies: ['Always'] }));
  }
  return errs;
}
