// autoscaling/v2 API types (protobuf package k8s.io.api.autoscaling.v2).
import { pkg, f, ref, list, str, i32, i64, qty, time } from '../dsl.js';

export default pkg(
  { alias: 'autoscalingv2', openapi: 'io.k8s.api.autoscaling.v2', protoPackage: 'k8s.io.api.autoscaling.v2', group: 'autoscaling', version: 'v2' },
  ({ kind, type }) => {
    type('ContainerResourceMetricSource', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('target', ref('MetricTarget'), 2, { required: true, desc: 'Target value.' }),
      f('container', str, 3, { required: true, keepZero: true, desc: 'Name of the container.' }),
    ]);
    type('ContainerResourceMetricStatus', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('current', ref('MetricValueStatus'), 2, { required: true, desc: 'Current value.' }),
      f('container', str, 3, { required: true, keepZero: true, desc: 'Name of the container.' }),
    ]);
    type('CrossVersionObjectReference', '', [
      f('kind', str, 1, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('name', str, 2, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('apiVersion', str, 3, { desc: 'API group/version of the referenced or described object.' }),
    ]);
    type('ExternalMetricSource', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true, desc: 'The metric.' }),
      f('target', ref('MetricTarget'), 2, { required: true, desc: 'Target value.' }),
    ]);
    type('ExternalMetricStatus', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true, desc: 'The metric.' }),
      f('current', ref('MetricValueStatus'), 2, { required: true, desc: 'Current value.' }),
    ]);
    type('HPAScalingPolicy', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('value', i32, 2, { required: true, keepZero: true, desc: 'The value.' }),
      f('periodSeconds', i32, 3, { required: true, keepZero: true, desc: 'Window the policy is measured over.' }),
    ]);
    type('HPAScalingRules', '', [
      f('stabilizationWindowSeconds', i32, 3, { keepZero: true, desc: 'Seconds of past recommendations considered before scaling.' }),
      f('selectPolicy', str, 1, { keepZero: true, desc: 'Which policy applies when several do: Max, Min or Disabled.' }),
      f('policies', list(ref('HPAScalingPolicy')), 2, { listType: 'atomic', desc: 'Scaling policies.' }),
    ]);
    kind('HorizontalPodAutoscaler', 'Scales a workload by metrics.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('HorizontalPodAutoscalerSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('HorizontalPodAutoscalerStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('HorizontalPodAutoscalerBehavior', '', [
      f('scaleUp', ref('HPAScalingRules'), 1, { desc: 'Policy for scaling up.' }),
      f('scaleDown', ref('HPAScalingRules'), 2, { desc: 'Policy for scaling down.' }),
    ]);
    type('HorizontalPodAutoscalerCondition', 'One condition of a HorizontalPodAutoscaler.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastTransitionTime', time, 3, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('HorizontalPodAutoscalerList', 'A list of HorizontalPodAutoscaler objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('HorizontalPodAutoscaler')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('HorizontalPodAutoscalerSpec', 'Desired state of a HorizontalPodAutoscaler.', [
      f('scaleTargetRef', ref('CrossVersionObjectReference'), 1, { required: true, desc: 'Object whose scale is controlled.' }),
      f('minReplicas', i32, 2, { keepZero: true, desc: 'Lower bound of replicas.' }),
      f('maxReplicas', i32, 3, { required: true, keepZero: true, desc: 'Upper bound of replicas.' }),
      f('metrics', list(ref('MetricSpec')), 4, { listType: 'atomic', desc: 'Metrics used to compute the desired replicas.' }),
      f('behavior', ref('HorizontalPodAutoscalerBehavior'), 5, { desc: 'Scaling speed and stabilization settings.' }),
    ]);
    type('HorizontalPodAutoscalerStatus', 'Observed state of a HorizontalPodAutoscaler.', [
      f('observedGeneration', i64, 1, { keepZero: true, desc: 'The metadata.generation this status reflects.' }),
      f('lastScaleTime', time, 2, { desc: 'When the autoscaler last scaled.' }),
      f('currentReplicas', i32, 3, { desc: 'Replicas the target has now.' }),
      f('desiredReplicas', i32, 4, { required: true, keepZero: true, desc: 'Replicas the autoscaler wants.' }),
      f('currentMetrics', list(ref('MetricStatus')), 5, { listType: 'atomic', desc: 'Last read values of the metrics.' }),
      f('conditions', list(ref('HorizontalPodAutoscalerCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
    ]);
    type('MetricIdentifier', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('selector', ref('meta.LabelSelector'), 2, { desc: 'Label query selecting the objects this one manages or targets.' }),
    ]);
    type('MetricSpec', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('object', ref('ObjectMetricSource'), 2, { desc: 'A metric of one object.' }),
      f('pods', ref('PodsMetricSource'), 3, { desc: 'Per-pod metric.' }),
      f('resource', ref('ResourceMetricSource'), 4, { desc: 'A resource metric (cpu, memory) of the pods.' }),
      f('containerResource', ref('ContainerResourceMetricSource'), 7, { desc: 'Resource metric of one container.' }),
      f('external', ref('ExternalMetricSource'), 5, { desc: 'Metric from outside the cluster.' }),
    ]);
    type('MetricStatus', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('object', ref('ObjectMetricStatus'), 2, { desc: 'A metric of one object.' }),
      f('pods', ref('PodsMetricStatus'), 3, { desc: 'Per-pod metric.' }),
      f('resource', ref('ResourceMetricStatus'), 4, { desc: 'A resource metric (cpu, memory) of the pods.' }),
      f('containerResource', ref('ContainerResourceMetricStatus'), 7, { desc: 'Resource metric of one container.' }),
      f('external', ref('ExternalMetricStatus'), 5, { desc: 'Metric from outside the cluster.' }),
    ]);
    type('MetricTarget', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('value', qty, 2, { desc: 'The value.' }),
      f('averageValue', qty, 3, { desc: 'Target average value across pods.' }),
      f('averageUtilization', i32, 4, { keepZero: true, desc: 'Target average use, percent of requests.' }),
    ]);
    type('MetricValueStatus', '', [
      f('value', qty, 1, { desc: 'The value.' }),
      f('averageValue', qty, 2, { desc: 'Target average value across pods.' }),
      f('averageUtilization', i32, 3, { keepZero: true, desc: 'Target average use, percent of requests.' }),
    ]);
    type('ObjectMetricSource', '', [
      f('describedObject', ref('CrossVersionObjectReference'), 1, { required: true, desc: 'Object the metric describes.' }),
      f('target', ref('MetricTarget'), 2, { required: true, desc: 'Target value.' }),
      f('metric', ref('MetricIdentifier'), 3, { required: true, desc: 'The metric.' }),
    ]);
    type('ObjectMetricStatus', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true, desc: 'The metric.' }),
      f('current', ref('MetricValueStatus'), 2, { required: true, desc: 'Current value.' }),
      f('describedObject', ref('CrossVersionObjectReference'), 3, { required: true, desc: 'Object the metric describes.' }),
    ]);
    type('PodsMetricSource', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true, desc: 'The metric.' }),
      f('target', ref('MetricTarget'), 2, { required: true, desc: 'Target value.' }),
    ]);
    type('PodsMetricStatus', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true, desc: 'The metric.' }),
      f('current', ref('MetricValueStatus'), 2, { required: true, desc: 'Current value.' }),
    ]);
    type('ResourceMetricSource', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('target', ref('MetricTarget'), 2, { required: true, desc: 'Target value.' }),
    ]);
    type('ResourceMetricStatus', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('current', ref('MetricValueStatus'), 2, { required: true, desc: 'Current value.' }),
    ]);
  },
);
