// apiregistration.k8s.io/v1 API types (protobuf package k8s.io.kube_aggregator.pkg.apis.apiregistration.v1).
import { pkg, f, ref, list, str, i32, bool, bytes, time } from '../dsl.js';

export default pkg(
  { alias: 'apiregistration', openapi: 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1', protoPackage: 'k8s.io.kube_aggregator.pkg.apis.apiregistration.v1', group: 'apiregistration.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('APIService', 'Serves one group/version of the API, locally or through an extension API server.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('APIServiceSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('APIServiceStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('APIServiceCondition', 'One condition of an APIService, such as Available.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'True, False or Unknown.' }),
      f('lastTransitionTime', time, 3, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('APIServiceList', 'A list of APIService objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('APIService')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('APIServiceSpec', 'Desired state of an APIService.', [
      f('service', ref('ServiceReference'), 1, { desc: 'The Service of the extension API server; empty: served locally.' }),
      f('group', str, 2, { desc: 'API group served.' }),
      f('version', str, 3, { desc: 'API version served.' }),
      f('insecureSkipTLSVerify', bool, 4, { desc: "Do not verify the server's certificate (discouraged; use caBundle)." }),
      f('caBundle', bytes, 5, { listType: 'atomic', desc: "PEM CA bundle that verifies the extension server's certificate." }),
      f('groupPriorityMinimum', i32, 7, { required: true, keepZero: true, desc: 'Priority of the group in discovery; higher comes first.' }),
      f('versionPriority', i32, 8, { required: true, keepZero: true, desc: 'Order of this version within its group; higher comes first.' }),
    ]);
    type('APIServiceStatus', 'Observed state of an APIService.', [
      f('conditions', list(ref('APIServiceCondition')), 1, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: "Latest observations of the object's state." }),
    ]);
    type('ServiceReference', 'The Service an extension API server is reached through.', [
      f('namespace', str, 1, { desc: 'Namespace of the Service.' }),
      f('name', str, 2, { desc: 'Name of the Service.' }),
      f('port', i32, 3, { keepZero: true, desc: 'Port of the Service (default 443).' }),
    ]);
  },
);
