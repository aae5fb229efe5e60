// discovery.k8s.io/v1 API types (protobuf package k8s.io.api.discovery.v1).
import { pkg, f, ref, list, map, str, i32, bool } from '../dsl.js';

export default pkg(
  { alias: 'discovery', openapi: 'io.k8s.api.discovery.v1', protoPackage: 'k8s.io.api.discovery.v1', group: 'discovery.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('Endpoint', '', [
      f('addresses', list(str), 1, { listType: 'set', required: true, desc: 'Addresses of endpoints.' }),
      f('conditions', ref('EndpointConditions'), 2, { desc: 'Latest observations of the object\'s state.' }),
      f('hostname', str, 3, { keepZero: true, desc: 'Hostname of the endpoint.' }),
      f('targetRef', ref('core.ObjectReference'), 4, { desc: 'Object that provides this endpoint.' }),
      f('deprecatedTopology', map(str), 5, { desc: 'Deprecated topology labels.' }),
      f('nodeName', str, 6, { keepZero: true, desc: 'Node hosting the endpoint.' }),
      f('zone', str, 7, { keepZero: true, desc: 'Zone of the endpoint.' }),
      f('hints', ref('EndpointHints'), 8, { desc: 'Routing hints.' }),
    ]);
    type('EndpointConditions', '', [
      f('ready', bool, 1, { keepZero: true, desc: 'Whether the endpoint is ready.' }),
      f('serving', bool, 2, { keepZero: true, desc: 'Whether the endpoint is serving (even while terminating).' }),
      f('terminating', bool, 3, { keepZero: true, desc: 'Whether the endpoint is terminating.' }),
    ]);
    type('EndpointHints', '', [
      f('forZones', list(ref('ForZone')), 1, { listType: 'atomic', desc: 'Zones that should use this endpoint.' }),
    ]);
    type('EndpointPort', '', [
      f('name', str, 1, { keepZero: true, desc: 'Name, unique within its scope.' }),
      f('protocol', str, 2, { keepZero: true, desc: 'TCP, UDP or SCTP.' }),
      f('port', i32, 3, { keepZero: true, desc: 'Port number or name.' }),
      f('appProtocol', str, 4, { keepZero: true, desc: 'Application protocol of the port.' }),
    ]);
    kind('EndpointSlice', 'A subset of the endpoints of a Service.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('addressType', str, 4, { required: true, keepZero: true, desc: 'IPv4, IPv6 or FQDN.' }),
      f('endpoints', list(ref('Endpoint')), 2, { listType: 'atomic', required: true, desc: 'The endpoints.' }),
      f('ports', list(ref('EndpointPort')), 3, { listType: 'atomic', desc: 'Network ports exposed.' }),
    ]);
    kind('EndpointSliceList', 'A list of EndpointSlice objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('EndpointSlice')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ForZone', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
    ]);
  },
);
