// core/v1 API types (protobuf package k8s.io.apimachinery.pkg.apis.meta.v1).
import { pkg, f, ref, list, listw, map, str, i32, i64, bool, time, fieldsV1, raw } from '../dsl.js';

export default pkg(
  { alias: 'meta', openapi: 'io.k8s.apimachinery.pkg.apis.meta.v1', protoPackage: 'k8s.io.apimachinery.pkg.apis.meta.v1', group: '', version: 'v1' },
  ({ kind, type }) => {
    type('APIResource', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('singularName', str, 6, { required: true, keepZero: true, desc: 'Singular resource name.' }),
      f('namespaced', bool, 2, { required: true, keepZero: true, desc: 'Whether the resource is namespaced.' }),
      f('group', str, 8, { desc: 'API group.' }),
      f('version', str, 9, { desc: 'API version.' }),
      f('kind', str, 3, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('verbs', listw(str), 4, { required: true, desc: 'Verbs allowed, e.g. get, list, create; "*" for all.' }),
      f('shortNames', list(str), 5, { listType: 'atomic', desc: 'Short aliases for the CLI.' }),
      f('categories', list(str), 7, { listType: 'atomic', desc: 'Groups of resources, e.g. all.' }),
      f('storageVersionHash', str, 10, { desc: 'Hash of the storage version.' }),
    ]);
    kind('APIResourceList', 'A list of APIResource objects.', [
      f('groupVersion', str, 1, { required: true, keepZero: true, desc: 'Group/version of the resources.' }),
      f('resources', list(ref('APIResource')), 2, { listType: 'atomic', required: true, desc: 'Compute resource requests and limits.' }),
    ]);
    type('Condition', 'A standard status condition.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'True, False or Unknown.' }),
      f('observedGeneration', i64, 3, { desc: 'The metadata.generation this status reflects.' }),
      f('lastTransitionTime', time, 4, { required: true, desc: 'When the condition last changed status.' }),
      f('reason', str, 5, { required: true, keepZero: true, desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 6, { required: true, keepZero: true, desc: 'Human-readable detail.' }),
    ]);
    kind('DeleteOptions', 'Options of a delete request.', [
      f('gracePeriodSeconds', i64, 1, { keepZero: true, desc: 'Seconds before the object is deleted; 0 means now.' }),
      f('preconditions', ref('Preconditions'), 2, { desc: 'Conditions that must hold for the delete to proceed.' }),
      f('orphanDependents', bool, 3, { keepZero: true, desc: 'Deprecated; use propagationPolicy.' }),
      f('propagationPolicy', str, 4, { keepZero: true, desc: 'Orphan, Background or Foreground deletion of dependents.' }),
      f('dryRun', list(str), 5, { listType: 'atomic', desc: 'When set, changes are not persisted.' }),
      f('ignoreStoreReadErrorWithClusterBreakingPotential', bool, 6, { keepZero: true, desc: 'Deletes objects that cannot be read (unsafe).' }),
    ]);
    type('FieldSelectorRequirement', '', [
      f('key', str, 1, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('operator', str, 2, { required: true, keepZero: true, desc: 'How key relates to values: In, NotIn, Exists, DoesNotExist (and Gt, Lt for nodes).' }),
      f('values', list(str), 3, { listType: 'atomic', desc: 'Values for the operator; empty for Exists/DoesNotExist.' }),
    ]);
    type('LabelSelector', 'A label query; an empty selector matches everything.', [
      f('matchLabels', map(str), 1, { desc: 'Labels that must all match (each is an In requirement with one value).' }),
      f('matchExpressions', list(ref('LabelSelectorRequirement')), 2, { listType: 'atomic', desc: 'Set-based label requirements, all of which must match.' }),
    ]);
    type('LabelSelectorRequirement', 'One set-based label requirement.', [
      f('key', str, 1, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('operator', str, 2, { required: true, keepZero: true, desc: 'How key relates to values: In, NotIn, Exists, DoesNotExist (and Gt, Lt for nodes).' }),
      f('values', list(str), 3, { listType: 'atomic', desc: 'Values for the operator; empty for Exists/DoesNotExist.' }),
    ]);
    type('ListMeta', 'Metadata of a list response.', [
      f('selfLink', str, 1, { desc: 'Deprecated; always empty.' }),
      f('resourceVersion', str, 2, { desc: 'Opaque version of the object, for optimistic concurrency and watches.' }),
      f('continue', str, 3, { desc: 'Token to fetch the next page of a list.' }),
      f('remainingItemCount', i64, 4, { keepZero: true, desc: 'How many items the list still has after this page, when known.' }),
    ]);
    type('ManagedFieldsEntry', 'The fields one manager owns.', [
      f('manager', str, 1, { desc: 'Name of the workflow managing these fields.' }),
      f('operation', str, 2, { desc: 'Apply or Update: how the fields were last written.' }),
      f('apiVersion', str, 3, { desc: 'API group/version of the referenced or described object.' }),
      f('time', time, 4, { desc: 'When these fields were last changed.' }),
      f('fieldsType', str, 6, { desc: 'Format of fieldsV1; always FieldsV1.' }),
      f('fieldsV1', fieldsV1, 7, { desc: 'The set of fields owned, as a trie of field paths.' }),
      f('subresource', str, 8, { desc: 'Subresource the fields were written through, if any.' }),
    ]);
    type('ObjectMeta', 'Metadata every persisted object has.', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
      f('generateName', str, 2, { desc: 'Prefix the server completes with random characters when name is empty.' }),
      f('namespace', str, 3, { desc: 'Namespace the object or reference lives in.' }),
      f('selfLink', str, 4, { desc: 'Deprecated; always empty.' }),
      f('uid', str, 5, { desc: 'Unique id assigned by the server at creation.' }),
      f('resourceVersion', str, 6, { desc: 'Opaque version of the object, for optimistic concurrency and watches.' }),
      f('generation', i64, 7, { desc: 'Sequence number of spec changes, maintained by the server.' }),
      f('creationTimestamp', time, 8, { desc: 'When the object was created (server time, RFC 3339).' }),
      f('deletionTimestamp', time, 9, { desc: 'When graceful deletion was requested; set by the server.' }),
      f('deletionGracePeriodSeconds', i64, 10, { keepZero: true, desc: 'Seconds the object may take to terminate once deletion is requested.' }),
      f('labels', map(str), 11, { desc: 'Key/value tags used by selectors.' }),
      f('annotations', map(str), 12, { desc: 'Free-form key/value data for tools; not used for selection.' }),
      f('ownerReferences', list(ref('OwnerReference')), 13, { mergeKey: 'uid', strategy: 'merge', listType: 'map', keys: ['uid'], desc: 'Objects this one depends on; the garbage collector deletes it when they are all gone.' }),
      f('finalizers', list(str), 14, { strategy: 'merge', listType: 'set', desc: 'Conditions that must be cleared before the object is removed.' }),
      f('managedFields', list(ref('ManagedFieldsEntry')), 17, { listType: 'atomic', desc: 'Which field manager owns which fields (server-side apply bookkeeping).' }),
    ]);
    type('OwnerReference', 'Identifies an owning object.', [
      f('apiVersion', str, 5, { required: true, keepZero: true, desc: 'API group/version of the referenced or described object.' }),
      f('kind', str, 1, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('name', str, 3, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('uid', str, 4, { required: true, keepZero: true, desc: 'Unique id assigned by the server at creation.' }),
      f('controller', bool, 6, { keepZero: true, desc: 'True when the owner is the managing controller.' }),
      f('blockOwnerDeletion', bool, 7, { keepZero: true, desc: 'With foreground deletion, keeps the owner until this object is deleted.' }),
    ]);
    kind('PartialObjectMetadata', '', [
      f('metadata', ref('ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
    ]);
    type('Preconditions', '', [
      f('uid', str, 1, { keepZero: true, desc: 'Unique id assigned by the server at creation.' }),
      f('resourceVersion', str, 2, { keepZero: true, desc: 'Opaque version of the object, for optimistic concurrency and watches.' }),
    ]);
    kind('Status', 'The result of an operation that returns no object, usually an error.', [
      f('metadata', ref('ListMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('status', str, 2, { desc: 'The observed state, written by the system.' }),
      f('message', str, 3, { desc: 'Human-readable detail.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('details', ref('StatusDetails'), 5, { listType: 'atomic', desc: 'Extra data about the failure.' }),
      f('code', i32, 6, { desc: 'HTTP status code.' }),
    ]);
    type('StatusCause', '', [
      f('reason', str, 1, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 2, { desc: 'Human-readable detail.' }),
      f('field', str, 3, { desc: 'Field that caused the error.' }),
    ]);
    type('StatusDetails', '', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
      f('group', str, 2, { desc: 'API group of the object.' }),
      f('kind', str, 3, { desc: 'Kind of the referenced or described object.' }),
      f('uid', str, 6, { desc: 'Unique id assigned by the server at creation.' }),
      f('causes', list(ref('StatusCause')), 4, { listType: 'atomic', desc: 'Individual causes of the failure.' }),
      f('retryAfterSeconds', i32, 5, { desc: 'Seconds to wait before retrying.' }),
    ]);
    kind('WatchEvent', '', [
      f('type', str, 1, { desc: 'Type of this entry.' }),
      f('object', raw, 2, { desc: 'The object.' }),
    ]);
  },
);
