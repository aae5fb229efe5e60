// batch/v1 API types (protobuf package k8s.io.api.batch.v1).
import { pkg, f, ref, list, str, i32, i64, bool, time } from '../dsl.js';

export default pkg(
  { alias: 'batch', openapi: 'io.k8s.api.batch.v1', protoPackage: 'k8s.io.api.batch.v1', group: 'batch', version: 'v1' },
  ({ kind, type }) => {
    kind('CronJob', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('CronJobSpec'), 2),
      f('status', ref('CronJobStatus'), 3),
    ]);
    kind('CronJobList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('CronJob')), 2, { required: true }),
    ]);
    type('CronJobSpec', '', [
      f('schedule', str, 1, { required: true }),
      f('timeZone', str, 8),
      f('startingDeadlineSeconds', i64, 2),
      f('concurrencyPolicy', str, 3),
      f('suspend', bool, 4),
      f('jobTemplate', ref('JobTemplateSpec'), 5, { required: true }),
      f('successfulJobsHistoryLimit', i32, 6),
      f('failedJobsHistoryLimit', i32, 7),
    ]);
    type('CronJobStatus', '', [
      f('active', list(ref('core.ObjectReference')), 1, { listType: 'atomic' }),
      f('lastScheduleTime', time, 4),
      f('lastSuccessfulTime', time, 5),
    ]);
    kind('Job', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('JobSpec'), 2),
      f('status', ref('JobStatus'), 3),
    ]);
    type('JobCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastProbeTime', time, 3),
      f('lastTransitionTime', time, 4),
      f('reason', str, 5),
      f('message', str, 6),
    ]);
    kind('JobList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Job')), 2, { required: true }),
    ]);
    type('JobSpec', '', [
      f('parallelism', i32, 1),
      f('completions', i32, 2),
      f('activeDeadlineSeconds', i64, 3),
      f('podFailurePolicy', ref('PodFailurePolicy'), 11),
      f('successPolicy', ref('SuccessPolicy'), 16),
      f('backoffLimit', i32, 7),
      f('backoffLimitPerIndex', i32, 12),
      f('maxFailedIndexes', i32, 13),
      f('selector', ref('meta.LabelSelector'), 4),
      f('manualSelector', bool, 5),
      f('template', ref('core.PodTemplateSpec'), 6, { required: true }),
      f('ttlSecondsAfterFinished', i32, 8),
      f('completionMode', str, 9),
      f('suspend', bool, 10),
      f('podReplacementPolicy', str, 14),
      f('managedBy', str, 15),
    ]);
    type('JobStatus', '', [
      f('conditions', list(ref('JobCondition')), 1, { mergeKey: 'type', strategy: 'merge', listType: 'atomic' }),
      f('startTime', time, 2),
      f('completionTime', time, 3),
      f('active', i32, 4),
      f('succeeded', i32, 5),
      f('failed', i32, 6),
      f('terminating', i32, 11),
      f('completedIndexes', str, 7),
      f('failedIndexes', str, 10),
      f('uncountedTerminatedPods', ref('UncountedTerminatedPods'), 8),
      f('ready', i32, 9),
    ]);
    type('JobTemplateSpec', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('JobSpec'), 2),
    ]);
    type('PodFailurePolicy', '', [
      f('rules', list(ref('PodFailurePolicyRule')), 1, { listType: 'atomic', required: true }),
    ]);
    type('PodFailurePolicyOnExitCodesRequirement', '', [
      f('containerName', str, 1),
      f('operator', str, 2, { required: true }),
      f('values', list(i32), 3, { listType: 'set', required: true }),
    ]);
    type('PodFailurePolicyOnPodConditionsPattern', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
    ]);
    type('PodFailurePolicyRule', '', [
      f('action', str, 1, { required: true }),
      f('onExitCodes', ref('PodFailurePolicyOnExitCodesRequirement'), 2),
      f('onPodConditions', list(ref('PodFailurePolicyOnPodConditionsPattern')), 3, { listType: 'atomic' }),
    ]);
    type('SuccessPolicy', '', [
      f('rules', list(ref('SuccessPolicyRule')), 1, { listType: 'atomic', required: true }),
    ]);
    type('SuccessPolicyRule', '', [
      f('succeededIndexes', str, 1),
      f('succeededCount', i32, 2),
    ]);
    type('UncountedTerminatedPods', '', [
      f('succeeded', list(str), 1, { listType: 'set' }),
      f('failed', list(str), 2, { listType: 'set' }),
    ]);
  },
);
