// The pipeline's field-management hooks: managedFields on every create and
// update, and server-side apply (application/apply-patch+yaml).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { ServedResource } from '../catalog.js';
import type { ApiRequest } from '../pipeline.js';
import * as E from '../status.js';
import { applyConfiguration, trackUpdate } from './apply.js';

export { applyConfiguration, trackUpdate, type ManagedFieldsEntry } from './apply.js';

/** Update operations without ?fieldManager are recorded under this name (kube-apiserver derives one from the User-Agent). */
export const DEFAULT_MANAGER = 'unknown';

const gvkOf = (def: ServedResource) => ({ group: def.group, version: def.version, kind: def.kind });

/** The Pipeline's `fields` option over a clock. */
export function fieldManagement(now: () => Date): {
  track(req: ApiRequest, def: ServedResource, old: KubeObject | undefined, next: KubeObject): void;
  apply(req: ApiRequest, def: ServedResource, live: KubeObject | undefined): KubeObject;
} {
  return {
    track(req, def, old, next) {
      // An apply has already written its own entry (and settled ownership); recording the same
      // write again as an Update would make the manager conflict with itself on its next apply.
      if (req.verb === 'patch' && req.patchType === 'apply' && old) return;
      trackUpdate({ gvk: gvkOf(def), old, next, manager: req.params.fieldManager || DEFAULT_MANAGER, now: now(), statusInMain: !def.hasStatus });
    },
    apply(req, def, live) {
      const manager = req.params.fieldManager;
      if (!manager) {
        throw E.invalid('PatchOptions', 'meta.k8s.io', '', [{ type: 'FieldValueRequired', field: 'fieldManager', message: 'Required value: is required for apply patch' }]);
      }
      const body = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw E.badRequest(`error decoding YAML: the apply patch must be a YAML or JSON object, not ${Array.isArray(body) ? 'a list' : body === null ? 'null' : typeof body}`);
      }
      const config = body as KubeObject;
      const want = def.group ? `${def.group}/${def.version}` : def.version;
      if (!config.apiVersion || !config.kind) throw E.badRequest('invalid object type: /, Kind=');
      if (config.kind !== def.kind || config.apiVersion !== want) {
        throw E.badRequest(`the API version in the data (${config.apiVersion}) does not match the expected API version (${want})`);
      }
      if (!config.metadata || typeof config.metadata !== 'object') config.metadata = {};
      const name = config.metadata.name;
      if (name !== undefined && name !== req.ref.name) {
        throw E.badRequest(`the name of the object (${name}) does not match the name on the URL (${req.ref.name})`);
      }
      config.metadata.name = req.ref.name;
      if (def.namespaced && req.ref.namespace) config.metadata.namespace = req.ref.namespace;
      return applyConfiguration({ gvk: gvkOf(def), live, config, manager, force: Boolean(req.params.force), now: now(), statusInMain: !def.hasStatus });
    },
  };
}
