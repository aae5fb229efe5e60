// autoscaling/v1 API types (protobuf package k8s.io.api.autoscaling.v1).
import { pkg, f, ref, list, str, i32, i64, time } from '../dsl.js';

export default pkg(
  { alias: 'autoscaling', openapi: 'io.k8s.api.autoscaling.v1', protoPackage: 'k8s.io.api.autoscaling.v1', group: 'autoscaling', version: 'v1' },
  ({ kind, type }) => {
    type('CrossVersionObjectReference', '', [
      f('kind', str, 1, { required: true }),
      f('name', str, 2, { required: true }),
      f('apiVersion', str, 3),
    ]);
    kind('HorizontalPodAutoscaler', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('HorizontalPodAutoscalerSpec'), 2),
      f('status', ref('HorizontalPodAutoscalerStatus'), 3),
    ]);
    kind('HorizontalPodAutoscalerList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('HorizontalPodAutoscaler')), 2, { required: true }),
    ]);
    type('HorizontalPodAutoscalerSpec', '', [
      f('scaleTargetRef', ref('CrossVersionObjectReference'), 1, { required: true }),
      f('minReplicas', i32, 2),
      f('maxReplicas', i32, 3, { required: true }),
      f('targetCPUUtilizationPercentage', i32, 4),
    ]);
    type('HorizontalPodAutoscalerStatus', '', [
      f('observedGeneration', i64, 1),
      f('lastScaleTime', time, 2),
      f('currentReplicas', i32, 3, { required: true }),
      f('desiredReplicas', i32, 4, { required: true }),
      f('currentCPUUtilizationPercentage', i32, 5),
    ]);
    kind('Scale', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('ScaleSpec'), 2),
      f('status', ref('ScaleStatus'), 3),
    ]);
    type('ScaleSpec', '', [
      f('replicas', i32, 1),
    ]);
    type('ScaleStatus', '', [
      f('replicas', i32, 1, { required: true }),
      f('selector', str, 2),
    ]);
  },
);
