// Generic ObjectMeta rules every kind shares (apimachinery's
// ValidateObjectMeta and the generic registry store): names, labels,
// annotations, generateName, generation and JSON copies.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../apimachinery/types.js';
import type { FieldError } from './registry/types.js';
import { labelValueErrors, qualifiedNameErrors } from '../../util/label-selector.js';
import { formatRFC3339 } from '../../util/time.js';
import { cloneJson, jsonEqual } from '../../util/json.js';

const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";


const GEN_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
/** generateName's suffix: 5 characters from apiserver's alphabet, base cut to 58. */
export function generateName(base: string): string {
  let s = base.length > 58 ? base.slice(0, 58) : base;
  for (let i = 0; i < 5; i++) s += GEN_CHARS[Math.floor(Math.random() * GEN_CHARS.length)];
  return s;
}

export function newUid(): string {
  return randomUUID();
}

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function timestamp(d: Date): string {
  return formatRFC3339(d);
}

/** Checks metadata.name/labels/annotations; `dnsName` applies the DNS-1123 subdomain rule (custom resources). */
export function validateMeta(obj: KubeObject, opts: { namespaced: boolean; dnsName: boolean }): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const name = m.name ?? '';
  if (!name) {
    errs.push({ type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' });
  } else {
    if (name.length > 253) {
      errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": must be no more than 253 characters`, value: name });
    } else if (opts.dnsName && !DNS_SUBDOMAIN_RE.test(name)) {
      errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": ${DNS_SUBDOMAIN_MSG}`, value: name });
    } else if (name === '.' || name === '..') {
      errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": may not be '${name}'`, value: name });
    } else if (/[/%]/.test(name)) {
      const bad = name.includes('/') ? '/' : '%';
      errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": may not contain '${bad}'`, value: name });
    }
  }
  if (opts.namespaced && !m.namespace) {
    errs.push({ type: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' });
  }
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    for (const e of qualifiedNameErrors(k)) errs.push({ type: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${k}": ${e}`, value: k });
    if (typeof v !== 'string') {
      errs.push({ type: 'FieldValueTypeInvalid', field: `metadata.labels`, message: `Invalid value: ${JSON.stringify(v)}: must be a string` });
      continue;
    }
    for (const e of labelValueErrors(v)) errs.push({ type: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${v}": ${e}`, value: v });
  }
  const refs = m.ownerReferences;
  if (refs !== undefined) {
    if (!Array.isArray(refs)) {
      errs.push({ type: 'FieldValueTypeInvalid', field: 'metadata.ownerReferences', message: 'Invalid value: must be a list' });
    } else {
      let controllers = 0;
      refs.forEach((r, i) => {
        const f = `metadata.ownerReferences[${i}]`;
        const ref = (r ?? {}) as unknown as Record<string, unknown>;
        if (!ref.apiVersion) errs.push({ type: 'FieldValueInvalid', field: `${f}.apiVersion`, message: 'Invalid value: "": version must not be empty' });
        if (!ref.kind) errs.push({ type: 'FieldValueInvalid', field: `${f}.kind`, message: 'Invalid value: "": kind must not be empty' });
        if (!ref.name) errs.push({ type: 'FieldValueInvalid', field: `${f}.name`, message: 'Invalid value: "": name must not be empty' });
        if (!ref.uid) errs.push({ type: 'FieldValueInvalid', field: `${f}.uid`, message: 'Invalid value: "": uid must not be empty' });
        if (ref.controller === true) controllers++;
      });
      if (controllers > 1) {
        errs.push({ type: 'FieldValueInvalid', field: 'metadata.ownerReferences', message: 'Invalid value: "[...]": Only one reference can have Controller set to true' });
      }
    }
  }
  let annSize = 0;
  for (const [k, v] of Object.entries(m.annotations ?? {})) {
    for (const e of qualifiedNameErrors(k.toLowerCase())) errs.push({ type: 'FieldValueInvalid', field: 'metadata.annotations', message: `Invalid value: "${k}": ${e}`, value: k });
    annSize += k.length + String(v).length;
  }
  if (annSize > 256 * 1024) {
    errs.push({ type: 'FieldValueTooLong', field: 'metadata.annotations', message: `Too long: may not be more than 262144 bytes` });
  }
  return errs;
}

// Kinds whose strategy maintains metadata.generation (the rest leave it unset, as upstream).
const GENERATION_GROUPS = new Set(['apps', 'batch', 'policy', 'autoscaling', 'networking.k8s.io', 'apiextensions.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io']);

export function tracksGeneration(group: string, resource: string, custom: boolean): boolean {
  if (custom) return true;
  if (group === '') return resource === 'replicationcontrollers';
  return GENERATION_GROUPS.has(group) && resource !== 'priorityclasses' && resource !== 'storageclasses' && resource !== 'csinodes';
}

const NOT_SPEC = new Set(['metadata', 'status', 'apiVersion', 'kind']);

/** True when anything outside metadata and status (minus `ignores`) differs. */
export function specChanged(a: KubeObject, b: KubeObject, ignores: readonly string[] = []): boolean {
  if (ignores.length === 0) return !jsonEqual(a, b, NOT_SPEC);
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
    void _m, _s, _a, _k;
    for (const path of ignores) {
      const keys = path.split('.');
      let cur: Record<string, unknown> | undefined = rest;
      for (const k of keys.slice(0, -1)) cur = cur && typeof cur[k] === 'object' ? (cur[k] as Record<string, unknown>) : undefined;
      if (cur) delete cur[keys[keys.length - 1]!];
    }
    return rest;
  };
  return !jsonEqual(strip(cloneJson(a)), strip(cloneJson(b)));
}

