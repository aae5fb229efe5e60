// apps/v1 API types (protobuf package k8s.io.api.apps.v1).
import { pkg, f, ref, list, str, i32, i64, bool, ios, time, raw } from '../dsl.js';

export default pkg(
  { alias: 'apps', openapi: 'io.k8s.api.apps.v1', protoPackage: 'k8s.io.api.apps.v1', group: 'apps', version: 'v1' },
  ({ kind, type }) => {
    kind('ControllerRevision', 'An immutable snapshot of state, used for rollbacks.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('data', raw, 2, { desc: 'The payload.' }),
      f('revision', i64, 3, { required: true, keepZero: true, desc: 'Revision number.' }),
    ]);
    kind('ControllerRevisionList', 'A list of ControllerRevision objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ControllerRevision')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    kind('DaemonSet', 'Runs one pod on each eligible node.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('DaemonSetSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('DaemonSetStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('DaemonSetCondition', 'One condition of a DaemonSet.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastTransitionTime', time, 3, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('DaemonSetList', 'A list of DaemonSet objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('DaemonSet')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('DaemonSetSpec', 'Desired state of a DaemonSet.', [
      f('selector', ref('meta.LabelSelector'), 1, { required: true, desc: 'Label query selecting the objects this one manages or targets.' }),
      f('template', ref('core.PodTemplateSpec'), 2, { required: true, desc: 'Pod template the controller creates pods from.' }),
      f('updateStrategy', ref('DaemonSetUpdateStrategy'), 3, { desc: 'How pods are updated when the template changes.' }),
      f('minReadySeconds', i32, 4, { desc: 'Seconds a new pod must be ready before it counts as available.' }),
      f('revisionHistoryLimit', i32, 6, { keepZero: true, desc: 'How many old revisions to keep for rollback.' }),
    ]);
    type('DaemonSetStatus', 'Observed state of a DaemonSet.', [
      f('currentNumberScheduled', i32, 1, { required: true, keepZero: true, desc: 'Nodes running the daemon pod that should.' }),
      f('numberMisscheduled', i32, 2, { required: true, keepZero: true, desc: 'Nodes running the daemon pod that should not.' }),
      f('desiredNumberScheduled', i32, 3, { required: true, keepZero: true, desc: 'Nodes that should run the daemon pod.' }),
      f('numberReady', i32, 4, { required: true, keepZero: true, desc: 'Nodes whose daemon pod is ready.' }),
      f('observedGeneration', i64, 5, { desc: 'The metadata.generation this status reflects.' }),
      f('updatedNumberScheduled', i32, 6, { desc: 'Nodes running the updated daemon pod.' }),
      f('numberAvailable', i32, 7, { desc: 'Nodes whose daemon pod is available.' }),
      f('numberUnavailable', i32, 8, { desc: 'Nodes whose daemon pod should run but is not available.' }),
      f('collisionCount', i32, 9, { keepZero: true, desc: 'Counter used to avoid name collisions of revision objects.' }),
      f('conditions', list(ref('DaemonSetCondition')), 10, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
    ]);
    type('DaemonSetUpdateStrategy', '', [
      f('type', str, 1, { desc: 'RollingUpdate (default) or OnDelete.' }),
      f('rollingUpdate', ref('RollingUpdateDaemonSet'), 2, { desc: 'Parameters of a rolling update.' }),
    ]);
    kind('Deployment', 'Declarative updates for pods through ReplicaSets.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('DeploymentSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('DeploymentStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('DeploymentCondition', 'One condition of a Deployment.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastUpdateTime', time, 6, { desc: 'When the condition was last updated.' }),
      f('lastTransitionTime', time, 7, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('DeploymentList', 'A list of Deployment objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Deployment')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('DeploymentSpec', 'Desired state of a Deployment.', [
      f('replicas', i32, 1, { keepZero: true, desc: 'Desired number of pods.' }),
      f('selector', ref('meta.LabelSelector'), 2, { required: true, desc: 'Label query selecting the objects this one manages or targets.' }),
      f('template', ref('core.PodTemplateSpec'), 3, { required: true, desc: 'Pod template the controller creates pods from.' }),
      f('strategy', ref('DeploymentStrategy'), 4, { strategy: 'retainKeys', desc: 'How existing pods are replaced by new ones.' }),
      f('minReadySeconds', i32, 5, { desc: 'Seconds a new pod must be ready before it counts as available.' }),
      f('revisionHistoryLimit', i32, 6, { keepZero: true, desc: 'How many old revisions to keep for rollback.' }),
      f('paused', bool, 7, { desc: 'Stops the controller from acting on template changes.' }),
      f('progressDeadlineSeconds', i32, 9, { keepZero: true, desc: 'Seconds before a stalled rollout is reported as failed.' }),
    ]);
    type('DeploymentStatus', 'Observed state of a Deployment.', [
      f('observedGeneration', i64, 1, { desc: 'The metadata.generation this status reflects.' }),
      f('replicas', i32, 2, { desc: 'Number of pods currently targeted.' }),
      f('updatedReplicas', i32, 3, { desc: 'Pods that match the current template.' }),
      f('readyReplicas', i32, 7, { desc: 'Pods that are ready.' }),
      f('availableReplicas', i32, 4, { desc: 'Pods that have been ready for at least minReadySeconds.' }),
      f('unavailableReplicas', i32, 5, { desc: 'Pods still missing for the deployment to be fully available.' }),
      f('conditions', list(ref('DeploymentCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
      f('collisionCount', i32, 8, { keepZero: true, desc: 'Counter used to avoid name collisions of revision objects.' }),
    ]);
    type('DeploymentStrategy', 'How a Deployment replaces pods.', [
      f('type', str, 1, { desc: 'Recreate or RollingUpdate (default).' }),
      f('rollingUpdate', ref('RollingUpdateDeployment'), 2, { desc: 'Parameters of a rolling update.' }),
    ]);
    kind('ReplicaSet', 'Keeps a number of identical pods running.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('ReplicaSetSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('ReplicaSetStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('ReplicaSetCondition', 'One condition of a ReplicaSet.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastTransitionTime', time, 3, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('ReplicaSetList', 'A list of ReplicaSet objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ReplicaSet')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ReplicaSetSpec', 'Desired state of a ReplicaSet.', [
      f('replicas', i32, 1, { keepZero: true, desc: 'Desired number of pods.' }),
      f('minReadySeconds', i32, 4, { desc: 'Seconds a new pod must be ready before it counts as available.' }),
      f('selector', ref('meta.LabelSelector'), 2, { required: true, desc: 'Label query selecting the objects this one manages or targets.' }),
      f('template', ref('core.PodTemplateSpec'), 3, { desc: 'Pod template the controller creates pods from.' }),
    ]);
    type('ReplicaSetStatus', 'Observed state of a ReplicaSet.', [
      f('replicas', i32, 1, { required: true, keepZero: true, desc: 'Number of pods currently targeted.' }),
      f('fullyLabeledReplicas', i32, 2, { desc: 'Pods whose labels match the template labels.' }),
      f('readyReplicas', i32, 4, { desc: 'Pods that are ready.' }),
      f('availableReplicas', i32, 5, { desc: 'Pods that have been ready for at least minReadySeconds.' }),
      f('observedGeneration', i64, 3, { desc: 'The metadata.generation this status reflects.' }),
      f('conditions', list(ref('ReplicaSetCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
    ]);
    type('RollingUpdateDaemonSet', '', [
      f('maxUnavailable', ios, 1, { desc: 'How many pods may be unavailable during the update (number or percent).' }),
      f('maxSurge', ios, 2, { desc: 'How many pods may be created above the desired count during the update (number or percent).' }),
    ]);
    type('RollingUpdateDeployment', '', [
      f('maxUnavailable', ios, 1, { desc: 'How many pods may be unavailable during the update (number or percent).' }),
      f('maxSurge', ios, 2, { desc: 'How many pods may be created above the desired count during the update (number or percent).' }),
    ]);
    type('RollingUpdateStatefulSetStrategy', '', [
      f('partition', i32, 1, { keepZero: true, desc: 'Pods with an ordinal below this keep the old revision.' }),
      f('maxUnavailable', ios, 2, { desc: 'How many pods may be unavailable during the update (number or percent).' }),
    ]);
    kind('StatefulSet', 'Pods with stable identities and storage, managed in order.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('StatefulSetSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('StatefulSetStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('StatefulSetCondition', 'One condition of a StatefulSet.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastTransitionTime', time, 3, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('StatefulSetList', 'A list of StatefulSet objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('StatefulSet')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('StatefulSetOrdinals', '', [
      f('start', i32, 1, { keepZero: true, desc: 'First ordinal to use.' }),
    ]);
    type('StatefulSetPersistentVolumeClaimRetentionPolicy', '', [
      f('whenDeleted', str, 1, { desc: 'Retain or Delete the claims when the set is deleted.' }),
      f('whenScaled', str, 2, { desc: 'Retain or Delete the claims of pods removed by scale-down.' }),
    ]);
    type('StatefulSetSpec', 'Desired state of a StatefulSet.', [
      f('replicas', i32, 1, { keepZero: true, desc: 'Desired number of pods.' }),
      f('selector', ref('meta.LabelSelector'), 2, { required: true, desc: 'Label query selecting the objects this one manages or targets.' }),
      f('template', ref('core.PodTemplateSpec'), 3, { required: true, desc: 'Pod template the controller creates pods from.' }),
      f('volumeClaimTemplates', list(ref('core.PersistentVolumeClaim')), 4, { listType: 'atomic', desc: 'Claims created for each pod and kept across restarts.' }),
      f('serviceName', str, 5, { required: true, keepZero: true, desc: 'Governing headless Service that gives pods stable network names.' }),
      f('podManagementPolicy', str, 6, { desc: 'OrderedReady (one at a time) or Parallel pod creation.' }),
      f('updateStrategy', ref('StatefulSetUpdateStrategy'), 7, { desc: 'How pods are updated when the template changes.' }),
      f('revisionHistoryLimit', i32, 8, { keepZero: true, desc: 'How many old revisions to keep for rollback.' }),
      f('minReadySeconds', i32, 9, { desc: 'Seconds a new pod must be ready before it counts as available.' }),
      f('persistentVolumeClaimRetentionPolicy', ref('StatefulSetPersistentVolumeClaimRetentionPolicy'), 10, { desc: 'Whether per-pod claims are deleted on scale-down or deletion.' }),
      f('ordinals', ref('StatefulSetOrdinals'), 11, { desc: 'Numbering of pod ordinals.' }),
    ]);
    type('StatefulSetStatus', 'Observed state of a StatefulSet.', [
      f('observedGeneration', i64, 1, { desc: 'The metadata.generation this status reflects.' }),
      f('replicas', i32, 2, { required: true, keepZero: true, desc: 'Number of pods currently targeted.' }),
      f('readyReplicas', i32, 3, { desc: 'Pods that are ready.' }),
      f('currentReplicas', i32, 4, { desc: 'Pods created from the current revision.' }),
      f('updatedReplicas', i32, 5, { desc: 'Pods that match the current template.' }),
      f('currentRevision', str, 6, { desc: 'Revision of the pods currently running.' }),
      f('updateRevision', str, 7, { desc: 'Revision the controller is updating pods to.' }),
      f('collisionCount', i32, 9, { keepZero: true, desc: 'Counter used to avoid name collisions of revision objects.' }),
      f('conditions', list(ref('StatefulSetCondition')), 10, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
      f('availableReplicas', i32, 11, { keepZero: true, desc: 'Pods that have been ready for at least minReadySeconds.' }),
    ]);
    type('StatefulSetUpdateStrategy', '', [
      f('type', str, 1, { desc: 'RollingUpdate (default) or OnDelete.' }),
      f('rollingUpdate', ref('RollingUpdateStatefulSetStrategy'), 2, { desc: 'Parameters of a rolling update.' }),
    ]);
  },
);
