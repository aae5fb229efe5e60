// storage.k8s.io/v1: StorageClasses (the kinds charts create).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, forbidden, immutable, invalid, required, deepEqual } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, list, obj, setDefault, str, statusSub, type Obj } from './common.js';
import { metaErrors, oneOf } from './validation.js';
import { isQualifiedName } from '../../../apimachinery/validation.js';

function validate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const s = o as Obj;
  const prov = str(s, 'provisioner');
  if (prov === '') errs.push(required('provisioner', ''));
  else {
    if (prov.length > 63) errs.push({ type: 'FieldValueTooLong', field: 'provisioner', message: 'Too long: may not be more than 63 bytes' });
    for (const m of isQualifiedName(prov.toLowerCase())) errs.push(invalid('provisioner', prov, m));
  }
  errs.push(...oneOf(s.reclaimPolicy, Path.root('reclaimPolicy'), ['Delete', 'Retain'], false));
  errs.push(...oneOf(s.volumeBindingMode, Path.root('volumeBindingMode'), ['Immediate', 'WaitForFirstConsumer'], false));
  if (old) {
    const p = old as Obj;
    if (!deepEqual(s.parameters ?? {}, p.parameters ?? {})) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (s.provisioner !== p.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (s.reclaimPolicy !== p.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if (s.volumeBindingMode !== p.volumeBindingMode) errs.push(immutable('volumeBindingMode', s.volumeBindingMode ?? null));
  }
  return errs;
}

const boolCell = (v: unknown): unknown => (v === undefined || v === null ? '<unset>' : v);

export const resources: ResourceDef[] = [
  {
    group: 'storage.k8s.io', version: 'v1', kind: 'CSIDriver', listKind: 'CSIDriverList', plural: 'csidrivers', singular: 'csidriver',
    namespaced: false, verbs: ALL_VERBS,
    columns: [
      NAME_COL, col('AttachRequired', 'Indicates this CSI volume driver requires an attach operation, and that Kubernetes should call attach and wait for any attach operation to complete before proceeding to mounting.', false, 'boolean'),
      col('PodInfoOnMount', 'Indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations.', false, 'boolean'),
      col('StorageCapacity', 'Indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report by creating CSIStorageCapacity objects with capacity information.', false, 'boolean'),
      col('TokenRequests', 'Indicates the CSI volume driver receives the service account token.'),
      col('RequiresRepublish', 'RequiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.', false, 'boolean'),
      col('Modes', 'Defines the volume lifecycle modes supported by this driver.'), AGE_COL,
    ],
    row: (o, now) => {
      const s = obj(o, 'spec') ?? {};
      const tokens = arr(s, 'tokenRequests').map((t) => str(t, 'audience'));
      const modes = list(s, 'volumeLifecycleModes').map(String);
      return [
        o.metadata.name ?? '', boolCell(s.attachRequired), boolCell(s.podInfoOnMount), boolCell(s.storageCapacity),
        tokens.length ? tokens.join(',') : '<unset>', boolCell(s.requiresRepublish), modes.length ? modes.join(',') : '<none>', age(o, now),
      ];
    },
    defaults: (o) => {
      const s = obj(o, 'spec');
      if (!s) return;
      setDefault(s, 'attachRequired', true);
      setDefault(s, 'podInfoOnMount', false);
      setDefault(s, 'storageCapacity', false);
      setDefault(s, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
      setDefault(s, 'requiresRepublish', false);
      setDefault(s, 'seLinuxMount', false);
      if (list(s, 'volumeLifecycleModes').length === 0) s.volumeLifecycleModes = ['Persistent'];
    },
    validate: (o, old) => metaErrors(o, old, { namespaced: false }),
  },
  {
    group: 'storage.k8s.io', version: 'v1', kind: 'CSINode', listKind: 'CSINodeList', plural: 'csinodes', singular: 'csinode', namespaced: false,
    verbs: ALL_VERBS,
    columns: [NAME_COL, col('Drivers', 'Drivers indicates the number of CSI drivers registered on the node', false, 'integer'), AGE_COL],
    row: (o, now) => [o.metadata.name ?? '', arr(obj(o, 'spec'), 'drivers').length, age(o, now)],
    validate: (o, old) => metaErrors(o, old, { namespaced: false }),
  },
  {
    group: 'storage.k8s.io', version: 'v1', kind: 'VolumeAttachment', listKind: 'VolumeAttachmentList', plural: 'volumeattachments',
    singular: 'volumeattachment', namespaced: false, verbs: ALL_VERBS, hasStatus: true, subresources: [statusSub('storage.k8s.io', 'v1', 'VolumeAttachment')],
    columns: [
      NAME_COL, col('Attacher', 'Attacher indicates the name of the volume driver that MUST handle this request.'),
      col('PV', 'Name of the persistent volume to attach.'), col('Node', 'The node that the volume should be attached to.'),
      col('Attached', 'Indicates the volume is successfully attached.', false, 'boolean'), AGE_COL,
    ],
    row: (o, now) => {
      const s = obj(o, 'spec') ?? {};
      return [o.metadata.name ?? '', str(s, 'attacher'), str(obj(s, 'source'), 'persistentVolumeName'), str(s, 'nodeName'), obj(o, 'status')?.attached === true, age(o, now)];
    },
    validate: (o, old) => metaErrors(o, old, { namespaced: false }),
  },
  {
    group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', listKind: 'StorageClassList', plural: 'storageclasses', singular: 'storageclass',
    namespaced: false, verbs: ALL_VERBS, shortNames: ['sc'], returnDeletedObject: true,
    columns: [
      NAME_COL, col('Provisioner', 'provisioner indicates the type of the provisioner.'),
      col('ReclaimPolicy', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
      col('VolumeBindingMode', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
      col('AllowVolumeExpansion', 'allowVolumeExpansion shows whether the storage class allow volume expand.'), AGE_COL,
    ],
    row: (o, now) => {
      const s = o as Obj;
      const def = o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ||
        o.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
      return [
        `${o.metadata.name ?? ''}${def ? ' (default)' : ''}`, str(s, 'provisioner'), str(s, 'reclaimPolicy') || 'Delete',
        str(s, 'volumeBindingMode') || 'Immediate', s.allowVolumeExpansion === true, age(o, now),
      ];
    },
    defaults: (o) => {
      setDefault(o as Obj, 'reclaimPolicy', 'Delete');
      setDefault(o as Obj, 'volumeBindingMode', 'Immediate');
    },
    validate,
  },
];
