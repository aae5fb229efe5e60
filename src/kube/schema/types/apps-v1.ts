// apps/v1 API types (protobuf package k8s.io.api.apps.v1).
import { pkg, f, ref, list, str, i32, i64, bool, ios, time, raw } from '../dsl.js';

export default pkg(
  { alias: 'apps', openapi: 'io.k8s.api.apps.v1', protoPackage: 'k8s.io.api.apps.v1', group: 'apps', version: 'v1' },
  ({ kind, type }) => {
    kind('ControllerRevision', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('data', raw, 2),
      f('revision', i64, 3, { required: true }),
    ]);
    kind('ControllerRevisionList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ControllerRevision')), 2, { required: true }),
    ]);
    kind('DaemonSet', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('DaemonSetSpec'), 2),
      f('status', ref('DaemonSetStatus'), 3),
    ]);
    type('DaemonSetCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastTransitionTime', time, 3),
      f('reason', str, 4),
      f('message', str, 5),
    ]);
    kind('DaemonSetList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('DaemonSet')), 2, { required: true }),
    ]);
    type('DaemonSetSpec', '', [
      f('selector', ref('meta.LabelSelector'), 1, { required: true }),
      f('template', ref('core.PodTemplateSpec'), 2, { required: true }),
      f('updateStrategy', ref('DaemonSetUpdateStrategy'), 3),
      f('minReadySeconds', i32, 4),
      f('revisionHistoryLimit', i32, 6),
    ]);
    type('DaemonSetStatus', '', [
      f('currentNumberScheduled', i32, 1, { required: true }),
      f('numberMisscheduled', i32, 2, { required: true }),
      f('desiredNumberScheduled', i32, 3, { required: true }),
      f('numberReady', i32, 4, { required: true }),
      f('observedGeneration', i64, 5),
      f('updatedNumberScheduled', i32, 6),
      f('numberAvailable', i32, 7),
      f('numberUnavailable', i32, 8),
      f('collisionCount', i32, 9),
      f('conditions', list(ref('DaemonSetCondition')), 10, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
    ]);
    type('DaemonSetUpdateStrategy', '', [
      f('type', str, 1),
      f('rollingUpdate', ref('RollingUpdateDaemonSet'), 2),
    ]);
    kind('Deployment', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('DeploymentSpec'), 2),
      f('status', ref('DeploymentStatus'), 3),
    ]);
    type('DeploymentCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastUpdateTime', time, 6),
      f('lastTransitionTime', time, 7),
      f('reason', str, 4),
      f('message', str, 5),
    ]);
    kind('DeploymentList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Deployment')), 2, { required: true }),
    ]);
    type('DeploymentSpec', '', [
      f('replicas', i32, 1),
      f('selector', ref('meta.LabelSelector'), 2, { required: true }),
      f('template', ref('core.PodTemplateSpec'), 3, { required: true }),
      f('strategy', ref('DeploymentStrategy'), 4, { strategy: 'retainKeys' }),
      f('minReadySeconds', i32, 5),
      f('revisionHistoryLimit', i32, 6),
      f('paused', bool, 7),
      f('progressDeadlineSeconds', i32, 9),
    ]);
    type('DeploymentStatus', '', [
      f('observedGeneration', i64, 1),
      f('replicas', i32, 2),
      f('updatedReplicas', i32, 3),
      f('readyReplicas', i32, 7),
      f('availableReplicas', i32, 4),
      f('unavailableReplicas', i32, 5),
      f('conditions', list(ref('DeploymentCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
      f('collisionCount', i32, 8),
    ]);
    type('DeploymentStrategy', '', [
      f('type', str, 1),
      f('rollingUpdate', ref('RollingUpdateDeployment'), 2),
    ]);
    kind('ReplicaSet', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('ReplicaSetSpec'), 2),
      f('status', ref('ReplicaSetStatus'), 3),
    ]);
    type('ReplicaSetCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastTransitionTime', time, 3),
      f('reason', str, 4),
      f('message', str, 5),
    ]);
    kind('ReplicaSetList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ReplicaSet')), 2, { required: true }),
    ]);
    type('ReplicaSetSpec', '', [
      f('replicas', i32, 1),
      f('minReadySeconds', i32, 4),
      f('selector', ref('meta.LabelSelector'), 2, { required: true }),
      f('template', ref('core.PodTemplateSpec'), 3),
    ]);
    type('ReplicaSetStatus', '', [
      f('replicas', i32, 1, { required: true }),
      f('fullyLabeledReplicas', i32, 2),
      f('readyReplicas', i32, 4),
      f('availableReplicas', i32, 5),
      f('observedGeneration', i64, 3),
      f('conditions', list(ref('ReplicaSetCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
    ]);
    type('RollingUpdateDaemonSet', '', [
      f('maxUnavailable', ios, 1),
      f('maxSurge', ios, 2),
    ]);
    type('RollingUpdateDeployment', '', [
      f('maxUnavailable', ios, 1),
      f('maxSurge', ios, 2),
    ]);
    type('RollingUpdateStatefulSetStrategy', '', [
      f('partition', i32, 1),
      f('maxUnavailable', ios, 2),
    ]);
    kind('StatefulSet', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('StatefulSetSpec'), 2),
      f('status', ref('StatefulSetStatus'), 3),
    ]);
    type('StatefulSetCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastTransitionTime', time, 3),
      f('reason', str, 4),
      f('message', str, 5),
    ]);
    kind('StatefulSetList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('StatefulSet')), 2, { required: true }),
    ]);
    type('StatefulSetOrdinals', '', [
      f('start', i32, 1),
    ]);
    type('StatefulSetPersistentVolumeClaimRetentionPolicy', '', [
      f('whenDeleted', str, 1),
      f('whenScaled', str, 2),
    ]);
    type('StatefulSetSpec', '', [
      f('replicas', i32, 1),
      f('selector', ref('meta.LabelSelector'), 2, { required: true }),
      f('template', ref('core.PodTemplateSpec'), 3, { required: true }),
      f('volumeClaimTemplates', list(ref('core.PersistentVolumeClaim')), 4, { listType: 'atomic' }),
      f('serviceName', str, 5, { required: true }),
      f('podManagementPolicy', str, 6),
      f('updateStrategy', ref('StatefulSetUpdateStrategy'), 7),
      f('revisionHistoryLimit', i32, 8),
      f('minReadySeconds', i32, 9),
      f('persistentVolumeClaimRetentionPolicy', ref('StatefulSetPersistentVolumeClaimRetentionPolicy'), 10),
      f('ordinals', ref('StatefulSetOrdinals'), 11),
    ]);
    type('StatefulSetStatus', '', [
      f('observedGeneration', i64, 1),
      f('replicas', i32, 2, { required: true }),
      f('readyReplicas', i32, 3),
      f('currentReplicas', i32, 4),
      f('updatedReplicas', i32, 5),
      f('currentRevision', str, 6),
      f('updateRevision', str, 7),
      f('collisionCount', i32, 9),
      f('conditions', list(ref('StatefulSetCondition')), 10, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
      f('availableReplicas', i32, 11),
    ]);
    type('StatefulSetUpdateStrategy', '', [
      f('type', str, 1),
      f('rollingUpdate', ref('RollingUpdateStatefulSetStrategy'), 2),
    ]);
  },
);
