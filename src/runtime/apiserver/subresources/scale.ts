// <resource>/scale (autoscaling/v1 Scale): what kubectl scale and the HPA
// read and write; the paths come from a CRD's scale subresource or are
// spec.replicas, status.replicas and spec.selector.
import type { KubeObject } from '../../../apimachinery/types.js';
import { PatchError } from '../../../errors.js';
import { applyJsonPatch, applyMergePatch } from '../../../apimachinery/patch/index.js';
import type { ServedResource } from '../catalog.js';
import type { GenericStore } from '../generic/store.js';
import { jsonPathValues, setAtPath } from '../jsonpath.js';
import { cloneJson } from '../../../util/json.js';
import type { ApiRequest, ObjectResult } from '../request.js';
import { formatLabelSelector } from '../../../util/label-selector.js';
import * as E from '../status.js';

function scalePaths(def: ServedResource): { spec: string; status: string; selector?: string } {
  if (def.crd?.scale) return { spec: def.crd.scale.specReplicasPath, status: def.crd.scale.statusReplicasPath, selector: def.crd.scale.labelSelectorPath };
  return { spec: '.spec.replicas', status: '.status.replicas', selector: '.spec.selector' };
}

function toScale(def: ServedResource, obj: KubeObject): KubeObject {
  const paths = scalePaths(def);
  const first = (p: string | undefined) => (p ? jsonPathValues(obj, p)[0] : undefined);
  const sel = first(paths.selector);
  const selector =
    typeof sel === 'string' ? sel : def.scaleSelector ? def.scaleSelector(obj) : formatLabelSelector(sel);
  const status: Record<string, unknown> = { replicas: Number(first(paths.status) ?? 0) };
  if (selector) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: Number(first(paths.spec) ?? 0) },
    status,
  };
}

/** GET, PUT or PATCH of <resource>/scale: the Scale view of spec.replicas, written back to the object. */
export async function scale(gs: GenericStore, def: ServedResource, req: ApiRequest): Promise<ObjectResult> {
  const current = gs.mustGet(def, req.ref);
  if (req.verb === 'get') return gs.result(200, toScale(def, current.object), def);
  if (req.verb !== 'update' && req.verb !== 'patch') throw E.methodNotSupported(gs.gr(def), req.verb);
  let scale: KubeObject;
  if (req.verb === 'update') scale = req.body as KubeObject;
  else {
    const doc = toScale(def, current.object);
    const t = req.patchType ?? 'merge';
    try {
      scale = (t === 'json' ? applyJsonPatch(doc, req.body) : applyMergePatch(doc, req.body)) as KubeObject;
    } catch (err) {
      if (err instanceof PatchError) throw E.failure(err.status === 400 ? 400 : 422, err.status === 400 ? 'BadRequest' : 'Invalid', err.message);
      throw err;
    }
  }
  if (!scale || typeof scale !== 'object') throw E.badRequest('the object provided is unrecognized (must be of type Scale)');
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw E.invalid('Scale', 'autoscaling', req.ref.name!, [
      { type: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0` },
    ]);
  }
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== String(current.rv)) throw E.conflict({ group: def.group, resource: def.plural }, req.ref.name!, E.STALE_OBJECT);
  const next = cloneJson(current.object);
  setAtPath(next as unknown as Record<string, unknown>, scalePaths(def).spec, replicas);
  const res = await gs.writeUpdate(def, current, next, { status: false, dryRun: req.params.dryRun, warnings: [], expectRv: current.rv, req });
  return gs.result(200, toScale(def, res.object as KubeObject), def);
}
