// storage.k8s.io/v1: StorageClasses (the kinds charts create).
import type { KubeObject } from '../../../kube/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, forbidden, immutable, invalid, required, deepEqual } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, col, setDefault, str, type Obj } from './common.js';
import { isQualifiedName, metaErrors, oneOf } from './validation.js';

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

export const resources: ResourceDef[] = [
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
