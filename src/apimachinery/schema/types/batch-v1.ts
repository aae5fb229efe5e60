// batch/v1 API types (protobuf package k8s.io.api.batch.v1).
import { pkg, f, ref, list, str, i32, i64, bool, time } from '../dsl.js';

export default pkg(
  { alias: 'batch', openapi: 'io.k8s.api.batch.v1', protoPackage: 'k8s.io.api.batch.v1', group: 'batch', version: 'v1' },
  ({ kind, type }) => {
    kind('CronJob', 'Creates Jobs on a schedule.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('CronJobSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('CronJobStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('CronJobList', 'A list of CronJob objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('CronJob')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('CronJobSpec', 'Desired state of a CronJob.', [
      f('schedule', str, 1, { required: true, keepZero: true, desc: 'Cron expression of when to run.' }),
      f('timeZone', str, 8, { keepZero: true, desc: 'Time zone the schedule is interpreted in.' }),
      f('startingDeadlineSeconds', i64, 2, { keepZero: true, desc: 'How late a missed run may still start.' }),
      f('concurrencyPolicy', str, 3, { desc: 'Allow, Forbid or Replace overlapping runs.' }),
      f('suspend', bool, 4, { keepZero: true, desc: 'Stops creating pods while true.' }),
      f('jobTemplate', ref('JobTemplateSpec'), 5, { required: true, desc: 'Template of the Job created on each run.' }),
      f('successfulJobsHistoryLimit', i32, 6, { keepZero: true, desc: 'Successful jobs to keep.' }),
      f('failedJobsHistoryLimit', i32, 7, { keepZero: true, desc: 'Failed jobs to keep.' }),
    ]);
    type('CronJobStatus', 'Observed state of a CronJob.', [
      f('active', list(ref('core.ObjectReference')), 1, { listType: 'atomic', desc: 'Number of running pods (or, for CronJobs, references to running jobs).' }),
      f('lastScheduleTime', time, 4, { desc: 'When a job was last scheduled.' }),
      f('lastSuccessfulTime', time, 5, { desc: 'When a job last completed successfully.' }),
    ]);
    kind('Job', 'Runs pods until a number of them succeed.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('JobSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('JobStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('JobCondition', 'One condition of a Job.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastProbeTime', time, 3, { desc: 'When the condition was last checked.' }),
      f('lastTransitionTime', time, 4, { desc: 'When the condition last changed status.' }),
      f('reason', str, 5, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 6, { desc: 'Human-readable detail.' }),
    ]);
    kind('JobList', 'A list of Job objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Job')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('JobSpec', 'Desired state of a Job.', [
      f('parallelism', i32, 1, { keepZero: true, desc: 'Maximum pods running at once.' }),
      f('completions', i32, 2, { keepZero: true, desc: 'Successful pods needed to finish the job.' }),
      f('activeDeadlineSeconds', i64, 3, { keepZero: true, desc: 'Seconds before the system actively terminates it.' }),
      f('podFailurePolicy', ref('PodFailurePolicy'), 11, { desc: 'Rules that decide how pod failures count.' }),
      f('successPolicy', ref('SuccessPolicy'), 16, { desc: 'When an Indexed job may be declared succeeded early.' }),
      f('backoffLimit', i32, 7, { keepZero: true, desc: 'Retries before the job is marked failed.' }),
      f('backoffLimitPerIndex', i32, 12, { keepZero: true, desc: 'Retries allowed per index (Indexed jobs).' }),
      f('maxFailedIndexes', i32, 13, { keepZero: true, desc: 'Failed indexes tolerated before the job fails.' }),
      f('selector', ref('meta.LabelSelector'), 4, { desc: 'Label query selecting the objects this one manages or targets.' }),
      f('manualSelector', bool, 5, { keepZero: true, desc: 'Lets the user set the pod selector instead of the generated one.' }),
      f('template', ref('core.PodTemplateSpec'), 6, { required: true, desc: 'Pod template the controller creates pods from.' }),
      f('ttlSecondsAfterFinished', i32, 8, { keepZero: true, desc: 'Seconds after finishing before the job is deleted automatically.' }),
      f('completionMode', str, 9, { keepZero: true, desc: 'NonIndexed or Indexed.' }),
      f('suspend', bool, 10, { keepZero: true, desc: 'Stops creating pods while true.' }),
      f('podReplacementPolicy', str, 14, { keepZero: true, desc: 'When to create replacement pods.' }),
      f('managedBy', str, 15, { keepZero: true, desc: 'Controller responsible for the object, when not the built-in one.' }),
    ]);
    type('JobStatus', 'Observed state of a Job.', [
      f('conditions', list(ref('JobCondition')), 1, { mergeKey: 'type', strategy: 'merge', listType: 'atomic', desc: 'Latest observations of the object\'s state.' }),
      f('startTime', time, 2, { desc: 'When processing started.' }),
      f('completionTime', time, 3, { desc: 'When the job finished successfully.' }),
      f('active', i32, 4, { desc: 'Number of running pods (or, for CronJobs, references to running jobs).' }),
      f('succeeded', i32, 5, { desc: 'Number of pods that succeeded.' }),
      f('failed', i32, 6, { desc: 'Number of pods that failed.' }),
      f('terminating', i32, 11, { keepZero: true, desc: 'Number of pods being terminated.' }),
      f('completedIndexes', str, 7, { desc: 'Completed indexes, as a compressed range string.' }),
      f('failedIndexes', str, 10, { keepZero: true, desc: 'Failed indexes, as a compressed range string.' }),
      f('uncountedTerminatedPods', ref('UncountedTerminatedPods'), 8, { desc: 'Finished pods not yet counted in status.' }),
      f('ready', i32, 9, { keepZero: true, desc: 'Number of ready pods.' }),
    ]);
    type('JobTemplateSpec', '', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('JobSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
    ]);
    type('PodFailurePolicy', '', [
      f('rules', list(ref('PodFailurePolicyRule')), 1, { listType: 'atomic', required: true, desc: 'Rules, evaluated in order.' }),
    ]);
    type('PodFailurePolicyOnExitCodesRequirement', '', [
      f('containerName', str, 1, { keepZero: true, desc: 'Name of the container.' }),
      f('operator', str, 2, { required: true, keepZero: true, desc: 'How key relates to values: In, NotIn, Exists, DoesNotExist (and Gt, Lt for nodes).' }),
      f('values', list(i32), 3, { listType: 'set', required: true, desc: 'Values for the operator; empty for Exists/DoesNotExist.' }),
    ]);
    type('PodFailurePolicyOnPodConditionsPattern', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
    ]);
    type('PodFailurePolicyRule', '', [
      f('action', str, 1, { required: true, keepZero: true, desc: 'What to do when the rule matches: FailJob, FailIndex, Ignore or Count.' }),
      f('onExitCodes', ref('PodFailurePolicyOnExitCodesRequirement'), 2, { desc: 'Matches container exit codes.' }),
      f('onPodConditions', list(ref('PodFailurePolicyOnPodConditionsPattern')), 3, { listType: 'atomic', desc: 'Matches pod conditions.' }),
    ]);
    type('SuccessPolicy', '', [
      f('rules', list(ref('SuccessPolicyRule')), 1, { listType: 'atomic', required: true, desc: 'Rules, evaluated in order.' }),
    ]);
    type('SuccessPolicyRule', '', [
      f('succeededIndexes', str, 1, { keepZero: true, desc: 'Indexes that must succeed.' }),
      f('succeededCount', i32, 2, { keepZero: true, desc: 'Number of indexes that must succeed.' }),
    ]);
    type('UncountedTerminatedPods', '', [
      f('succeeded', list(str), 1, { listType: 'set', desc: 'UIDs of succeeded pods not yet counted.' }),
      f('failed', list(str), 2, { listType: 'set', desc: 'UIDs of failed pods not yet counted.' }),
    ]);
  },
);
