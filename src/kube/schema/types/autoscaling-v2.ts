// autoscaling/v2 API types (protobuf package k8s.io.api.autoscaling.v2).
import { pkg, f, ref, list, str, i32, i64, qty, time } from '../dsl.js';

export default pkg(
  { alias: 'autoscalingv2', openapi: 'io.k8s.api.autoscaling.v2', protoPackage: 'k8s.io.api.autoscaling.v2', group: 'autoscaling', version: 'v2' },
  ({ kind, type }) => {
    type('ContainerResourceMetricSource', '', [
      f('name', str, 1, { required: true }),
      f('target', ref('MetricTarget'), 2, { required: true }),
      f('container', str, 3, { required: true }),
    ]);
    type('ContainerResourceMetricStatus', '', [
      f('name', str, 1, { required: true }),
      f('current', ref('MetricValueStatus'), 2, { required: true }),
      f('container', str, 3, { required: true }),
    ]);
    type('CrossVersionObjectReference', '', [
      f('kind', str, 1, { required: true }),
      f('name', str, 2, { required: true }),
      f('apiVersion', str, 3),
    ]);
    type('ExternalMetricSource', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true }),
      f('target', ref('MetricTarget'), 2, { required: true }),
    ]);
    type('ExternalMetricStatus', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true }),
      f('current', ref('MetricValueStatus'), 2, { required: true }),
    ]);
    type('HPAScalingPolicy', '', [
      f('type', str, 1, { required: true }),
      f('value', i32, 2, { required: true }),
      f('periodSeconds', i32, 3, { required: true }),
    ]);
    type('HPAScalingRules', '', [
      f('stabilizationWindowSeconds', i32, 3),
      f('selectPolicy', str, 1),
      f('policies', list(ref('HPAScalingPolicy')), 2, { listType: 'atomic' }),
    ]);
    kind('HorizontalPodAutoscaler', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('HorizontalPodAutoscalerSpec'), 2),
      f('status', ref('HorizontalPodAutoscalerStatus'), 3),
    ]);
    type('HorizontalPodAutoscalerBehavior', '', [
      f('scaleUp', ref('HPAScalingRules'), 1),
      f('scaleDown', ref('HPAScalingRules'), 2),
    ]);
    type('HorizontalPodAutoscalerCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastTransitionTime', time, 3),
      f('reason', str, 4),
      f('message', str, 5),
    ]);
    kind('HorizontalPodAutoscalerList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('HorizontalPodAutoscaler')), 2, { required: true }),
    ]);
    type('HorizontalPodAutoscalerSpec', '', [
      f('scaleTargetRef', ref('CrossVersionObjectReference'), 1, { required: true }),
      f('minReplicas', i32, 2),
      f('maxReplicas', i32, 3, { required: true }),
      f('metrics', list(ref('MetricSpec')), 4, { listType: 'atomic' }),
      f('behavior', ref('HorizontalPodAutoscalerBehavior'), 5),
    ]);
    type('HorizontalPodAutoscalerStatus', '', [
      f('observedGeneration', i64, 1),
      f('lastScaleTime', time, 2),
      f('currentReplicas', i32, 3),
      f('desiredReplicas', i32, 4, { required: true }),
      f('currentMetrics', list(ref('MetricStatus')), 5, { listType: 'atomic' }),
      f('conditions', list(ref('HorizontalPodAutoscalerCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
    ]);
    type('MetricIdentifier', '', [
      f('name', str, 1, { required: true }),
      f('selector', ref('meta.LabelSelector'), 2),
    ]);
    type('MetricSpec', '', [
      f('type', str, 1, { required: true }),
      f('object', ref('ObjectMetricSource'), 2),
      f('pods', ref('PodsMetricSource'), 3),
      f('resource', ref('ResourceMetricSource'), 4),
      f('containerResource', ref('ContainerResourceMetricSource'), 7),
      f('external', ref('ExternalMetricSource'), 5),
    ]);
    type('MetricStatus', '', [
      f('type', str, 1, { required: true }),
      f('object', ref('ObjectMetricStatus'), 2),
      f('pods', ref('PodsMetricStatus'), 3),
      f('resource', ref('ResourceMetricStatus'), 4),
      f('containerResource', ref('ContainerResourceMetricStatus'), 7),
      f('external', ref('ExternalMetricStatus'), 5),
    ]);
    type('MetricTarget', '', [
      f('type', str, 1, { required: true }),
      f('value', qty, 2),
      f('averageValue', qty, 3),
      f('averageUtilization', i32, 4),
    ]);
    type('MetricValueStatus', '', [
      f('value', qty, 1),
      f('averageValue', qty, 2),
      f('averageUtilization', i32, 3),
    ]);
    type('ObjectMetricSource', '', [
      f('describedObject', ref('CrossVersionObjectReference'), 1, { required: true }),
      f('target', ref('MetricTarget'), 2, { required: true }),
      f('metric', ref('MetricIdentifier'), 3, { required: true }),
    ]);
    type('ObjectMetricStatus', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true }),
      f('current', ref('MetricValueStatus'), 2, { required: true }),
      f('describedObject', ref('CrossVersionObjectReference'), 3, { required: true }),
    ]);
    type('PodsMetricSource', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true }),
      f('target', ref('MetricTarget'), 2, { required: true }),
    ]);
    type('PodsMetricStatus', '', [
      f('metric', ref('MetricIdentifier'), 1, { required: true }),
      f('current', ref('MetricValueStatus'), 2, { required: true }),
    ]);
    type('ResourceMetricSource', '', [
      f('name', str, 1, { required: true }),
      f('target', ref('MetricTarget'), 2, { required: true }),
    ]);
    type('ResourceMetricStatus', '', [
      f('name', str, 1, { required: true }),
      f('current', ref('MetricValueStatus'), 2, { required: true }),
    ]);
  },
);
