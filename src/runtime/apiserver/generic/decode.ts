// The generic store's checks of a written object before storage: its kind and
// apiVersion, unknown fields (fieldValidation), and validation (object meta,
// the kind's validator, a custom resource's schema).
import type { KubeObject } from '../../../apimachinery/types.js';
import { formatApiVersion } from '../../../apimachinery/types.js';
import type { ResourceCatalog, ServedResource } from '../catalog.js';
import { pruneUnknown } from '../crd.js';
import { validateMeta } from '../meta.js';
import type { FieldError, RegistryContext } from '../registry/types.js';
import type { RequestParams } from '../request.js';
import * as E from '../status.js';

/** Strict-decoding and unknown-field sources the server was given (PipelineOptions). */
export interface FieldChecks {
  /** Unknown-field detection for built-in kinds (fieldValidation); absent: only custom resources are checked. */
  readonly unknownFields?: (gvk: { group: string; version: string; kind: string }, obj: KubeObject) => string[];
  /** kube-apiserver's strict-decoding findings for a JSON body ("unknown field ...", "duplicate field ..."), in document order. */
  readonly strictDecodingErrors?: (gvk: { group: string; version: string; kind: string }, body: string) => string[];
}

/** The body as an object of `asKind` in the resource's version (apiVersion/kind set); 400 when it is another kind or an unserved version. */
export function checkBodyType(catalog: ResourceCatalog, def: ServedResource, body: unknown, asKind = def.kind): KubeObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw E.badRequest(`the object provided is unrecognized (must be of type ${asKind}): couldn't get version/kind; json parse error: expected an object`);
  }
  const o = body as KubeObject;
  const want = formatApiVersion(def.group, def.version);
  if (o.kind && o.kind !== asKind) {
    const v = typeof o.apiVersion === 'string' ? o.apiVersion.split('/').pop() : '';
    throw E.badRequest(`${o.kind} in version "${v}" cannot be handled as a ${asKind}: converting (${v}.${o.kind}) to (${def.group || 'core'}.${asKind}): unknown conversion`);
  }
  if (o.apiVersion && o.apiVersion !== want && asKind === def.kind) {
    const sameGroup = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] === def.group : def.group === '';
    const served = sameGroup && catalog.lookup(def.group, o.apiVersion.split('/').pop()!, def.plural);
    if (!served) throw E.badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${want})`);
  }
  o.apiVersion = want;
  o.kind = asKind;
  if (!o.metadata || typeof o.metadata !== 'object' || Array.isArray(o.metadata)) o.metadata = {};
  return o;
}

/** fieldValidation: Strict rejects unknown fields (400), Warn adds them to `warnings`; custom resources are pruned either way. */
export function unknownFieldCheck(
  checks: FieldChecks,
  def: ServedResource,
  obj: KubeObject,
  mode: RequestParams['fieldValidation'],
  warnings: string[],
  rawBody?: string,
): void {
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  let msgs: string[] = [];
  if (def.crd?.schema) {
    // Custom resources are pruned whatever the mode.
    msgs = pruneUnknown(obj, def.crd.schema as never, true).map((u) => `unknown field "${u}"`);
  } else if (mode !== 'Ignore') {
    if (rawBody !== undefined && checks.strictDecodingErrors) msgs = checks.strictDecodingErrors(gvk, rawBody);
    else if (checks.unknownFields) msgs = checks.unknownFields(gvk, obj).map((u) => `unknown field "${u}"`);
  }
  if (msgs.length === 0 || mode === 'Ignore') return;
  if (mode === 'Strict') throw E.badRequest(`strict decoding error: ${msgs.join(', ')}`);
  warnings.push(...msgs);
}

/** Validates a create (old undefined) or update: object meta, the kind's validator, a custom resource's schema; 422 with every distinct error. */
export function validateObject(def: ServedResource, obj: KubeObject, old: KubeObject | undefined, ctx: RegistryContext): void {
  const errs: FieldError[] = [];
  errs.push(...validateMeta(obj, { namespaced: def.namespaced, dnsName: Boolean(def.crd) }));
  if (old?.metadata.deletionTimestamp) {
    // Immutable metadata (ValidateObjectMetaUpdate).
    const added = (obj.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
    if (added.length) {
      errs.push({
        type: 'FieldValueForbidden',
        field: 'metadata.finalizers',
        message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
      });
    }
  }
  if (def.validate) errs.push(...def.validate(obj, old, ctx));
  if (def.crd?.validateSchema) errs.push(...def.crd.validateSchema(obj));
  const seen = new Set<string>();
  const unique = errs.filter((e) => {
    const k = `${e.field}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (unique.length) throw E.invalid(def.kind, def.group, obj.metadata.name ?? obj.metadata.generateName ?? '', unique);
}
