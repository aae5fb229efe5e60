// NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle): nothing is
// created in a namespace that does not exist or is being deleted, and the
// namespaces the system needs cannot be deleted.
import type { AdmissionPlugin } from './types.js';
import * as E from '../status.js';

const NAMESPACES = '/namespaces';
/** Namespaces kube-apiserver refuses to delete. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

/** Refuses a create in a missing (404) or terminating (403 NamespaceTerminating) namespace and the delete of an immortal one. */
export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(a) {
    const gr = { group: a.def.group, resource: a.def.plural };
    if (a.operation === 'DELETE') {
      if (a.def.storage === NAMESPACES && IMMORTAL_NAMESPACES.has(a.name)) throw E.forbidden(gr, a.name, 'this namespace may not be deleted');
      return;
    }
    const ns = a.namespace;
    if (a.operation !== 'CREATE' || !a.def.namespaced || !ns) return;
    const nsObj = a.store.get({ resource: NAMESPACES, namespace: '', name: ns });
    if (!nsObj) throw E.notFound({ group: '', resource: 'namespaces' }, ns);
    if (nsObj.object.metadata.deletionTimestamp || (nsObj.object.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw E.forbidden(gr, a.name, `unable to create new content in namespace ${ns} because it is being terminated`, [
        { reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' },
      ]);
    }
  },
};
