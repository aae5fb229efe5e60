// Shared validators with kube-apiserver's messages (the name and label
// validators themselves are in apimachinery/validation.ts; here:
// pkg/api/validation/objectmeta.go,
// pkg/apis/core/validation generic helpers, resource.Quantity parsing).
import type { KubeObject, ObjectMeta } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, duplicate, forbidden, immutable, invalid, notSupported, required, tooLong } from './field.js';
import { arr, list, obj, str, type Obj } from './common.js';
import { parseQuantity, QUANTITY_FMT } from '../../../apimachinery/quantity.js';
import { labelSelectorObjectMatcher } from '../../../util/label-selector.js';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, maxLenError, nameIsDNSSubdomain, re, regexError, type NameValidator } from '../../../apimachinery/validation.js';

const PORT_NAME_CHARSET = /^[-a-z0-9]+$/;
/** IsValidPortName (IANA_SVC_NAME). */
export function isValidPortName(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 15) errs.push(maxLenError(15));
  if (!PORT_NAME_CHARSET.test(v)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) errs.push('must contain at least one letter (a-z)');
  if (v.includes('--')) errs.push('must not contain consecutive hyphens');
  if (v.length > 0 && (v.startsWith('-') || v.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** IsValidPortNum. */
export function isValidPortNum(p: number): string[] {
  return Number.isInteger(p) && p >= 1 && p <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

const ENV_VAR_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
/** IsEnvVarName. */
export function isEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (!re(ENV_VAR_FMT).test(v))
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        ENV_VAR_FMT,
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  errs.push(...hasChDirPrefix(v));
  return errs;
}

function hasChDirPrefix(v: string): string[] {
  if (v === '.') return ["must not be '.'"];
  if (v === '..') return ["must not be '..'"];
  if (v.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
/** IsConfigMapKey (also used for Secret keys). */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!re(CONFIG_KEY_FMT).test(v))
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...hasChDirPrefix(v));
  return errs;
}

/** IsValidIP (IPv4 or IPv6, no leading zeros in IPv4 octets). */
export function isIP(v: string): boolean {
  return isIPv4(v) || isIPv6(v);
}

export function isIPv4(v: string): boolean {
  const parts = v.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(v: string): boolean {
  if (!v.includes(':') || !/^[0-9a-fA-F:.]+$/.test(v)) return false;
  const dbl = v.split('::');
  if (dbl.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const all = dbl.flatMap(groups);
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    count += 1;
    all.pop();
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? count < 8 : count === 8;
}

/** ValidateNonnegativeField. */
export function nonNegative(value: unknown, path: Path | string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** Requires a positive integer when set. */
export function positive(value: unknown, path: Path | string): FieldError[] {
  return typeof value === 'number' && value <= 0 ? [invalid(path, value, 'must be greater than zero')] : [];
}

/** ValidateLabels: keys as qualified names, values as label values (errors on the map path). */
export function validateLabels(labels: unknown, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj(labels);
  if (!m) return errs;
  for (const [k, v] of Object.entries(m)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    const val = typeof v === 'string' ? v : String(v);
    for (const msg of isValidLabelValue(val)) errs.push(invalid(path, val, msg));
  }
  return errs;
}

/** TotalAnnotationSizeLimitB. */
export const ANNOTATIONS_LIMIT = 256 * 1024;

/** ValidateAnnotations: qualified-name keys (lower-cased) and a 256 KiB total. */
export function validateAnnotations(annotations: unknown, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj(annotations);
  if (!m) return errs;
  let size = 0;
  for (const [k, v] of Object.entries(m)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > ANNOTATIONS_LIMIT) errs.push(tooLong(path, ANNOTATIONS_LIMIT));
  return errs;
}

/** Options for object metadata validation. */
export interface MetaOptions {
  readonly namespaced: boolean;
  readonly nameFn?: NameValidator;
}

/** ValidateObjectMeta: name/generateName, namespace, labels, annotations, owner references, finalizers. */
export function validateObjectMeta(meta: ObjectMeta | undefined, opts: MetaOptions): FieldError[] {
  const p = Path.root('metadata');
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const nameFn = opts.nameFn ?? nameIsDNSSubdomain;
  const name = typeof m.name === 'string' ? m.name : '';
  const gen = typeof m.generateName === 'string' ? m.generateName : '';
  if (gen !== '') for (const msg of nameFn(gen, true)) errs.push(invalid(p.child('generateName'), gen, msg));
  if (name === '') errs.push(required(p.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(p.child('name'), name, msg));
  const ns = typeof m.namespace === 'string' ? m.namespace : '';
  if (opts.namespaced) {
    if (ns === '') errs.push(required(p.child('namespace'), ''));
    else for (const msg of isDNS1123Label(ns)) errs.push(invalid(p.child('namespace'), ns, msg));
  } else if (ns !== '') errs.push(forbidden(p.child('namespace'), 'not allowed on this type'));
  errs.push(...nonNegative(m.generation, p.child('generation')));
  errs.push(...validateLabels(m.labels, p.child('labels')));
  errs.push(...validateAnnotations(m.annotations, p.child('annotations')));
  // Owner reference errors name the list, not the item (validateOwnerReference gets the list's path).
  const owners = Array.isArray(m.ownerReferences) ? m.ownerReferences : [];
  const op = p.child('ownerReferences');
  let controllerName = '';
  for (const o of owners) {
    const version = typeof o.apiVersion === 'string' ? o.apiVersion.slice(o.apiVersion.indexOf('/') + 1) : '';
    if (!version) errs.push(invalid(op.child('apiVersion'), o.apiVersion ?? '', 'version must not be empty'));
    if (!o.kind) errs.push(invalid(op.child('kind'), o.kind ?? '', 'kind must not be empty'));
    if (!o.name) errs.push(invalid(op.child('name'), o.name ?? '', 'name must not be empty'));
    if (!o.uid) errs.push(invalid(op.child('uid'), o.uid ?? '', 'uid must not be empty'));
    if (o.controller === true) {
      const cur = `${o.kind}/${o.name}`;
      if (controllerName !== '') {
        errs.push(invalid(op, owners, `Only one reference can have Controller set to true. Found "true" in references for ${controllerName} and ${cur}`));
      } else controllerName = cur;
    }
  }
  const fins = Array.isArray(m.finalizers) ? m.finalizers : [];
  const seen = new Set<string>();
  fins.forEach((f, i) => {
    const fp = p.child('finalizers').index(i);
    for (const msg of isQualifiedName(String(f))) errs.push(invalid(fp, f, msg));
    if (seen.has(f)) errs.push(duplicate(fp, f));
    seen.add(f);
  });
  if (fins.includes('orphan') && fins.includes('foregroundDeletion')) {
    errs.push(invalid(p.child('finalizers'), fins, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** ValidateObjectMetaUpdate: the new metadata must be valid and keep name, namespace, uid, creationTimestamp. */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, opts: MetaOptions): FieldError[] {
  const p = Path.root('metadata');
  const errs = validateObjectMeta(meta, opts);
  const n = meta ?? {};
  const o = old ?? {};
  for (const k of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
    if (o[k] !== undefined && n[k] !== undefined && n[k] !== o[k]) errs.push(immutable(p.child(k), n[k]));
  }
  return errs;
}

/** ValidateLabelSelector (metav1validation): operators, values, keys. */
export function validateLabelSelector(sel: unknown, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const s = obj(sel);
  if (!s) return errs;
  arr(s, 'matchExpressions').forEach((e, i) => {
    const ep = path.child('matchExpressions').index(i);
    const op = str(e, 'operator');
    const values = list(e, 'values');
    switch (op) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(ep.child('values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(ep.child('values'), 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        errs.push(invalid(ep.child('operator'), op, 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(str(e, 'key'))) errs.push(invalid(ep.child('key'), str(e, 'key'), msg));
  });
  errs.push(...validateLabels(obj(s, 'matchLabels'), path.child('matchLabels')));
  return errs;
}

/** Evaluates a LabelSelector against labels; an empty selector matches everything, a missing one nothing. */
export function selectorMatches(sel: unknown, labels: Record<string, string> | undefined): boolean {
  return labelSelectorObjectMatcher(sel)(labels);
}

/** True when the selector has neither matchLabels nor matchExpressions. */
export function selectorEmpty(sel: unknown): boolean {
  const s = obj(sel);
  if (!s) return true;
  return Object.keys(obj(s, 'matchLabels') ?? {}).length === 0 && arr(s, 'matchExpressions').length === 0;
}

export { parseQuantity };

/** Validates a quantity: syntax, and non-negative. */
export function validateQuantity(q: unknown, path: Path): FieldError[] {
  const v = parseQuantity(q);
  if (v === undefined) return [invalid(path, q, `quantities must match the regular expression '${QUANTITY_FMT}'`)];
  if (v < 0) return [invalid(path, q, 'must be greater than or equal to 0')];
  return [];
}

/** Validates an enum value, allowing empty when `optional`. */
export function oneOf(value: unknown, path: Path, valid: readonly string[], optional = true): FieldError[] {
  if (value === undefined || value === null || value === '') {
    return optional ? [] : [required(path, '')];
  }
  return valid.includes(String(value)) ? [] : [notSupported(path, value, valid)];
}

/** Generic metadata validation for a kind, on create or update. */
export function metaErrors(o: KubeObject, old: KubeObject | undefined, opts: MetaOptions): FieldError[] {
  return old ? validateObjectMetaUpdate(o.metadata, old.metadata, opts) : validateObjectMeta(o.metadata, opts);
}

export type { Obj };
