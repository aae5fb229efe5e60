// policy/v1 API types (protobuf package k8s.io.api.policy.v1).
import { pkg, f, ref, list, map, str, i32, i64, ios, time } from '../dsl.js';

export default pkg(
  { alias: 'policy', openapi: 'io.k8s.api.policy.v1', protoPackage: 'k8s.io.api.policy.v1', group: 'policy', version: 'v1' },
  ({ kind, type }) => {
    kind('Eviction', 'A request to evict a pod, subject to disruption budgets.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('deleteOptions', ref('meta.DeleteOptions'), 2, { desc: 'Options for deleting the pod.' }),
    ]);
    kind('PodDisruptionBudget', 'Limits how many pods of a set may be down at once through voluntary disruptions.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('PodDisruptionBudgetSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('PodDisruptionBudgetStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('PodDisruptionBudgetList', 'A list of PodDisruptionBudget objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('PodDisruptionBudget')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('PodDisruptionBudgetSpec', 'Desired state of a PodDisruptionBudget.', [
      f('minAvailable', ios, 1, { desc: 'Pods that must remain available (number or percent).' }),
      f('selector', ref('meta.LabelSelector'), 2, { strategy: 'replace', desc: 'Label query selecting the objects this one manages or targets.' }),
      f('maxUnavailable', ios, 3, { desc: 'How many pods may be unavailable during the update (number or percent).' }),
      f('unhealthyPodEvictionPolicy', str, 4, { keepZero: true, desc: 'When unhealthy pods may be evicted.' }),
    ]);
    type('PodDisruptionBudgetStatus', 'Observed state of a PodDisruptionBudget.', [
      f('observedGeneration', i64, 1, { desc: 'The metadata.generation this status reflects.' }),
      f('disruptedPods', map(time), 2, { desc: 'Pods evicted but not yet deleted.' }),
      f('disruptionsAllowed', i32, 3, { required: true, keepZero: true, desc: 'Evictions currently allowed.' }),
      f('currentHealthy', i32, 4, { required: true, keepZero: true, desc: 'Healthy pods now.' }),
      f('desiredHealthy', i32, 5, { required: true, keepZero: true, desc: 'Healthy pods required.' }),
      f('expectedPods', i32, 6, { required: true, keepZero: true, desc: 'Pods counted by the budget.' }),
      f('conditions', list(ref('meta.Condition')), 7, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
    ]);
  },
);
