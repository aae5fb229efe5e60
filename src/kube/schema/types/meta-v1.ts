// core/v1 API types (protobuf package k8s.io.apimachinery.pkg.apis.meta.v1).
import { pkg, f, ref, list, listw, map, str, i32, i64, bool, time, fieldsV1, raw } from '../dsl.js';

export default pkg(
  { alias: 'meta', openapi: 'io.k8s.apimachinery.pkg.apis.meta.v1', protoPackage: 'k8s.io.apimachinery.pkg.apis.meta.v1', group: '', version: 'v1' },
  ({ kind, type }) => {
    type('APIResource', '', [
      f('name', str, 1, { required: true }),
      f('singularName', str, 6, { required: true }),
      f('namespaced', bool, 2, { required: true }),
      f('group', str, 8),
      f('version', str, 9),
      f('kind', str, 3, { required: true }),
      f('verbs', listw(str), 4, { required: true }),
      f('shortNames', list(str), 5, { listType: 'atomic' }),
      f('categories', list(str), 7, { listType: 'atomic' }),
      f('storageVersionHash', str, 10),
    ]);
    kind('APIResourceList', '', [
      f('groupVersion', str, 1, { required: true }),
      f('resources', list(ref('APIResource')), 2, { listType: 'atomic', required: true }),
    ]);
    type('Condition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('observedGeneration', i64, 3),
      f('lastTransitionTime', time, 4, { required: true }),
      f('reason', str, 5, { required: true }),
      f('message', str, 6, { required: true }),
    ]);
    kind('DeleteOptions', '', [
      f('gracePeriodSeconds', i64, 1),
      f('preconditions', ref('Preconditions'), 2),
      f('orphanDependents', bool, 3),
      f('propagationPolicy', str, 4),
      f('dryRun', list(str), 5, { listType: 'atomic' }),
      f('ignoreStoreReadErrorWithClusterBreakingPotential', bool, 6),
    ]);
    type('FieldSelectorRequirement', '', [
      f('key', str, 1, { required: true }),
      f('operator', str, 2, { required: true }),
      f('values', list(str), 3, { listType: 'atomic' }),
    ]);
    type('LabelSelector', '', [
      f('matchLabels', map(str), 1),
      f('matchExpressions', list(ref('LabelSelectorRequirement')), 2, { listType: 'atomic' }),
    ]);
    type('LabelSelectorRequirement', '', [
      f('key', str, 1, { required: true }),
      f('operator', str, 2, { required: true }),
      f('values', list(str), 3, { listType: 'atomic' }),
    ]);
    type('ListMeta', '', [
      f('selfLink', str, 1),
      f('resourceVersion', str, 2),
      f('continue', str, 3),
      f('remainingItemCount', i64, 4),
    ]);
    type('ManagedFieldsEntry', '', [
      f('manager', str, 1),
      f('operation', str, 2),
      f('apiVersion', str, 3),
      f('time', time, 4),
      f('fieldsType', str, 6),
      f('fieldsV1', fieldsV1, 7),
      f('subresource', str, 8),
    ]);
    type('ObjectMeta', '', [
      f('name', str, 1),
      f('generateName', str, 2),
      f('namespace', str, 3),
      f('selfLink', str, 4),
      f('uid', str, 5),
      f('resourceVersion', str, 6),
      f('generation', i64, 7),
      f('creationTimestamp', time, 8),
      f('deletionTimestamp', time, 9),
      f('deletionGracePeriodSeconds', i64, 10),
      f('labels', map(str), 11),
      f('annotations', map(str), 12),
      f('ownerReferences', list(ref('OwnerReference')), 13, { mergeKey: 'uid', strategy: 'merge', listType: 'map', keys: ['uid'] }),
      f('finalizers', list(str), 14, { strategy: 'merge', listType: 'set' }),
      f('managedFields', list(ref('ManagedFieldsEntry')), 17, { listType: 'atomic' }),
    ]);
    type('OwnerReference', '', [
      f('apiVersion', str, 5, { required: true }),
      f('kind', str, 1, { required: true }),
      f('name', str, 3, { required: true }),
      f('uid', str, 4, { required: true }),
      f('controller', bool, 6),
      f('blockOwnerDeletion', bool, 7),
    ]);
    kind('PartialObjectMetadata', '', [
      f('metadata', ref('ObjectMeta'), 1),
    ]);
    type('Preconditions', '', [
      f('uid', str, 1),
      f('resourceVersion', str, 2),
    ]);
    kind('Status', '', [
      f('metadata', ref('ListMeta'), 1),
      f('status', str, 2),
      f('message', str, 3),
      f('reason', str, 4),
      f('details', ref('StatusDetails'), 5, { listType: 'atomic' }),
      f('code', i32, 6),
    ]);
    type('StatusCause', '', [
      f('reason', str, 1),
      f('message', str, 2),
      f('field', str, 3),
    ]);
    type('StatusDetails', '', [
      f('name', str, 1),
      f('group', str, 2),
      f('kind', str, 3),
      f('uid', str, 6),
      f('causes', list(ref('StatusCause')), 4, { listType: 'atomic' }),
      f('retryAfterSeconds', i32, 5),
    ]);
    kind('WatchEvent', '', [
      f('type', str, 1),
      f('object', raw, 2),
    ]);
  },
);
