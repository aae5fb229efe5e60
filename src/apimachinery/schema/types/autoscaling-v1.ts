// autoscaling/v1 API types (protobuf package k8s.io.api.autoscaling.v1).
import { pkg, f, ref, list, str, i32, i64, time } from '../dsl.js';

export default pkg(
  { alias: 'autoscaling', openapi: 'io.k8s.api.autoscaling.v1', protoPackage: 'k8s.io.api.autoscaling.v1', group: 'autoscaling', version: 'v1' },
  ({ kind, type }) => {
    type('CrossVersionObjectReference', '', [
      f('kind', str, 1, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('name', str, 2, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('apiVersion', str, 3, { desc: 'API group/version of the referenced or described object.' }),
    ]);
    kind('HorizontalPodAutoscaler', 'Scales a workload by CPU use.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('HorizontalPodAutoscalerSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('HorizontalPodAutoscalerStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('HorizontalPodAutoscalerList', 'A list of HorizontalPodAutoscaler objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('HorizontalPodAutoscaler')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('HorizontalPodAutoscalerSpec', 'Desired state of a HorizontalPodAutoscaler.', [
      f('scaleTargetRef', ref('CrossVersionObjectReference'), 1, { required: true, desc: 'Object whose scale is controlled.' }),
      f('minReplicas', i32, 2, { keepZero: true, desc: 'Lower bound of replicas.' }),
      f('maxReplicas', i32, 3, { required: true, keepZero: true, desc: 'Upper bound of replicas.' }),
      f('targetCPUUtilizationPercentage', i32, 4, { keepZero: true, desc: 'Target average CPU use, percent of requests.' }),
    ]);
    type('HorizontalPodAutoscalerStatus', 'Observed state of a HorizontalPodAutoscaler.', [
      f('observedGeneration', i64, 1, { keepZero: true, desc: 'The metadata.generation this status reflects.' }),
      f('lastScaleTime', time, 2, { desc: 'When the autoscaler last scaled.' }),
      f('currentReplicas', i32, 3, { required: true, keepZero: true, desc: 'Replicas the target has now.' }),
      f('desiredReplicas', i32, 4, { required: true, keepZero: true, desc: 'Replicas the autoscaler wants.' }),
      f('currentCPUUtilizationPercentage', i32, 5, { keepZero: true, desc: 'Current average CPU use, percent of requests.' }),
    ]);
    kind('Scale', 'The scale subresource: desired and current replicas.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('ScaleSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('ScaleStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('ScaleSpec', 'Desired state of a Scale.', [
      f('replicas', i32, 1, { desc: 'Desired number of pods.' }),
    ]);
    type('ScaleStatus', 'Observed state of a Scale.', [
      f('replicas', i32, 1, { required: true, keepZero: true, desc: 'Number of pods currently targeted.' }),
      f('selector', str, 2, { desc: 'Label query selecting the objects this one manages or targets.' }),
    ]);
  },
);
