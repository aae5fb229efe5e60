// The Namespace strategy (pkg/registry/core/namespace): a new namespace is
// Active with the kubernetes finalizer; spec.finalizers change only through
// namespaces/finalize; a delete marks it Terminating and it stays until its
// spec.finalizers are empty (the namespace controller empties it).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, invalid } from './field.js';
import { list, obj } from './common.js';
import { metaErrors } from './validation.js';
import { nameIsDNSLabel } from '../../../apimachinery/validation.js';
import { cloneJson } from '../../../util/json.js';

type NamespaceSpec = { finalizers?: string[] };

/** PrepareForCreate: the kubernetes finalizer when none is given, and phase Active. */
export function namespacePrepareForCreate(ns: KubeObject): void {
  const spec = (ns.spec ??= {}) as NamespaceSpec;
  if (!spec.finalizers) spec.finalizers = ['kubernetes'];
  ns.status = { ...((ns.status as object) ?? {}), phase: 'Active' };
}

/** PrepareForUpdate of a spec write: spec.finalizers stay as stored, and so does status when the body has none. */
export function namespacePrepareForUpdate(ns: KubeObject, old: KubeObject): void {
  const spec = (ns.spec ??= {}) as NamespaceSpec;
  spec.finalizers = cloneJson((old.spec as NamespaceSpec | undefined)?.finalizers ?? []);
  if (ns.status === undefined) ns.status = cloneJson(old.status);
}

/** True while spec.finalizers is not empty: a deleted namespace waits for the namespace controller. */
export function namespaceAwaitsFinalize(ns: KubeObject): boolean {
  return ((ns.spec as NamespaceSpec | undefined)?.finalizers ?? []).length > 0;
}

/** A namespace whose delete is deferred is Terminating. */
export function namespaceMarkDeleting(ns: KubeObject): void {
  ns.status = { ...((ns.status as object) ?? {}), phase: 'Terminating' };
}

/** Namespace names are DNS labels; spec.finalizers are standard or fully qualified names. */
export function namespaceValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false, nameFn: nameIsDNSLabel });
  list(obj(o, 'spec'), 'finalizers').forEach((f, i) => {
    const s = String(f);
    if (!s.includes('/') && s !== 'kubernetes') {
      errs.push(invalid(Path.root('spec', 'finalizers').index(i), s, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}
