// PersistentVolume and PersistentVolumeClaim (core/v1): access modes,
// claim immutability and resizing, volume sources.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, forbidden, immutable, notSupported, required, semanticEqual } from './field.js';
import { ensure, list, obj, str, type Obj } from './common.js';
import { metaErrors, oneOf, validateQuantity, parseQuantity } from './validation.js';
import { cloneJson } from '../../../util/json.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const ACCESS_SHORT: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** Access modes as kubectl prints them (RWO,ROX,RWX,RWOP). */
export function accessModesString(modes: unknown[]): string {
  const order = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
  return order.filter((m) => modes.includes(m)).map((m) => ACCESS_SHORT[m]).join(',');
}

function validateAccessModes(spec: Obj, sp: Path): FieldError[] {
  const errs: FieldError[] = [];
  const modes = list(spec, 'accessModes');
  if (modes.length === 0) errs.push(required(sp.child('accessModes'), 'at least 1 access mode is required'));
  for (const m of modes) if (!ACCESS_MODES.includes(String(m))) errs.push(notSupported(sp.child('accessModes'), m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    errs.push(forbidden(sp.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  }
  return errs;
}

/** The storage class a PV or PVC names (spec.storageClassName, else the beta annotation). */
export function storageClassOf(o: KubeObject): string {
  return str(obj(o, 'spec'), 'storageClassName') || (o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '');
}

/** PersistentVolumeClaim validation: access modes, requested storage, volume mode; on update an immutable spec but for storage growth. */
export function pvcValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const spec = obj(o, 'spec') ?? {};
  errs.push(...validateAccessModes(spec, sp));
  const reqs = obj(obj(spec, 'resources'), 'requests') ?? {};
  if (reqs.storage === undefined) errs.push(required(sp.child('resources').key('storage'), ''));
  else errs.push(...validateQuantity(reqs.storage, sp.child('resources', 'requests').key('storage')));
  errs.push(...oneOf(spec.volumeMode, sp.child('volumeMode'), ['Block', 'Filesystem']));
  if (old) {
    const os = cloneJson(obj(old, 'spec') ?? {});
    const ns = cloneJson(spec);
    const oreq = obj(obj(os, 'resources'), 'requests') ?? {};
    delete ensure(ensure(os, 'resources'), 'requests').storage;
    delete ensure(ensure(ns, 'resources'), 'requests').storage;
    // The binder may fill volumeName once; storageClassName may go from unset to a class
    // (RetroactiveDefaultStorageClass, GA in 1.28).
    if (!os.volumeName) delete ns.volumeName;
    if (!os.storageClassName) delete ns.storageClassName;
    if (!semanticEqual(os, ns)) errs.push(forbidden(sp, 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
    const before = parseQuantity(oreq.storage);
    const after = parseQuantity(reqs.storage);
    if (before !== undefined && after !== undefined && after < before) {
      errs.push(forbidden(sp.child('resources', 'requests', 'storage'), 'field can not be less than previous value'));
    }
  }
  return errs;
}

const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'iscsi', 'cephfs', 'cinder', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local',
  'storageos', 'csi',
];

/** PersistentVolume validation: access modes, storage capacity, reclaim policy, exactly one volume source. */
export function pvValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const sp = Path.root('spec');
  const spec = obj(o, 'spec') ?? {};
  errs.push(...validateAccessModes(spec, sp));
  const cap = obj(spec, 'capacity') ?? {};
  if (Object.keys(cap).length === 0) errs.push(required(sp.child('capacity'), ''));
  for (const [k, q] of Object.entries(cap)) {
    if (k !== 'storage') errs.push(notSupported(sp.child('capacity').key(k), k, ['storage']));
    else errs.push(...validateQuantity(q, sp.child('capacity').key(k)));
  }
  errs.push(...oneOf(spec.persistentVolumeReclaimPolicy, sp.child('persistentVolumeReclaimPolicy'), ['Delete', 'Recycle', 'Retain']));
  const srcs = PV_SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (srcs.length === 0) errs.push(required(sp, 'must specify a volume type'));
  else if (srcs.length > 1) errs.push(forbidden(sp.child(srcs[1]!), 'may not specify more than 1 volume type'));
  if (old) {
    const ovm = str(obj(old, 'spec'), 'volumeMode');
    if (ovm !== str(spec, 'volumeMode')) errs.push(immutable(sp.child('volumeMode'), spec.volumeMode ?? null));
  }
  return errs;
}
