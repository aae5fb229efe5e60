// node.k8s.io/v1 API types (protobuf package k8s.io.api.node.v1).
import { pkg, f, ref, list, map, str, qty } from '../dsl.js';

export default pkg(
  { alias: 'node', openapi: 'io.k8s.api.node.v1', protoPackage: 'k8s.io.api.node.v1', group: 'node.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('Overhead', 'Resources a pod of this class uses beyond its containers.', [
      f('podFixed', map(qty), 1, { desc: 'Fixed overhead per pod, by resource name.' }),
    ]);
    kind('RuntimeClass', "A class of container runtime, chosen by a pod's runtimeClassName.", [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('handler', str, 2, { required: true, keepZero: true, desc: 'Name of the runtime handler on the node (a DNS-1123 label).' }),
      f('overhead', ref('Overhead'), 3, { desc: 'Resource overhead added to pods of this class.' }),
      f('scheduling', ref('Scheduling'), 4, { desc: 'Where pods of this class may run.' }),
    ]);
    kind('RuntimeClassList', 'A list of RuntimeClass objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('RuntimeClass')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('Scheduling', 'Node constraints for pods of this class.', [
      f('nodeSelector', map(str), 1, { mapType: 'atomic', desc: 'Labels a node must have.' }),
      f('tolerations', list(ref('core.Toleration')), 2, { listType: 'atomic', desc: 'Tolerations added to pods of this class.' }),
    ]);
  },
);
