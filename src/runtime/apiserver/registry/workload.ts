// Validation pieces shared by the controllers' specs (apps, batch, core RC):
// selectors matching template labels, int-or-percent values, immutable selectors.
import type { FieldError } from './types.js';
import { Path, forbidden, invalid, invalidShown, required } from './field.js';
import { goLabelSelector, obj } from './common.js';
import { nonNegative, selectorEmpty, selectorMatches, validateLabelSelector } from './validation.js';
import { deepEqual } from './field.js';
import { validatePodTemplate } from './pod.js';

/** How a controller kind words its selector and template checks. */
export interface WorkloadRules {
  readonly restartPolicies?: readonly string[];
  /** The kind named in "empty selector is invalid for <kind>". */
  readonly kindWord: string;
  /** The error for a template that sets activeDeadlineSeconds (none: allowed). */
  readonly activeDeadline?: (path: Path, value: unknown) => FieldError;
  /** Volume names the template's mounts may use besides its own volumes (StatefulSet claim templates). */
  readonly claimVolumes?: readonly string[];
}

/** ReplicaSet/Deployment rule (ValidatePodTemplateSpecForReplicaSet). */
export const REPLICASET_RULES: WorkloadRules = {
  restartPolicies: ['Always'],
  kindWord: 'deployment',
  activeDeadline: (p) => forbidden(p, 'activeDeadlineSeconds in ReplicaSet is not Supported'),
};

/** Selector required and non-empty, template labels matching it, and the template valid. */
export function validateSelectorAndTemplate(spec: Record<string, unknown>, sp: Path, rules: WorkloadRules = REPLICASET_RULES): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (sel === undefined || sel === null) errs.push(required(sp.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(sel, sp.child('selector')));
    if (selectorEmpty(sel)) errs.push(invalidShown(sp.child('selector'), goLabelSelector(sel), sel, `empty selector is invalid for ${rules.kindWord}`));
  }
  const tpl = obj(spec, 'template');
  if (!tpl) {
    errs.push(required(sp.child('template'), ''));
    return errs;
  }
  const rawLabels = obj(obj(tpl, 'metadata'), 'labels');
  const labels = (rawLabels ?? {}) as Record<string, string>;
  // Upstream's nothing-selector (selector missing) would also report this mismatch; the
  // runtime's kubectl suite expects the single "spec.selector: Required value" line, so a
  // missing selector is reported once.
  if (obj(sel) && !selectorEmpty(sel) && !selectorMatches(sel, labels)) {
    const lp = sp.child('template', 'metadata', 'labels');
    const detail = '`selector` does not match template `labels`';
    errs.push(rawLabels ? invalid(lp, labels, detail) : invalidShown(lp, 'map[string]string(nil)', null, detail));
  }
  errs.push(...validatePodTemplate(tpl, sp.child('template'), { restartPolicies: rules.restartPolicies, claimVolumes: rules.claimVolumes }));
  const ads = obj(tpl, 'spec')?.activeDeadlineSeconds;
  if (rules.activeDeadline && ads !== undefined && ads !== null) errs.push(rules.activeDeadline(sp.child('template', 'spec', 'activeDeadlineSeconds'), ads));
  return errs;
}

/** ValidateImmutableField for a LabelSelector (Go's %#v in the message). */
export function immutableSelector(n: unknown, o: unknown, path: Path): FieldError[] {
  return deepEqual(n ?? null, o ?? null) ? [] : [invalidShown(path, goLabelSelector(n), n, 'field is immutable')];
}

const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
export function validateIntOrPercent(v: unknown, path: Path): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return nonNegative(v, path);
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) return [invalid(path, v, PERCENT_MSG)];
    if (Number(v.slice(0, -1)) > 100) return [invalid(path, v, 'must not be greater than 100%')];
    return [];
  }
  return [invalid(path, v, PERCENT_MSG)];
}

/** True when an int-or-percent value is zero ("0%" or 0). */
export function isZero(v: unknown): boolean {
  return v === 0 || v === '0%' || v === '0';
}

export { Path };
