// discovery.k8s.io/v1 API types (protobuf package k8s.io.api.discovery.v1).
import { pkg, f, ref, list, map, str, i32, bool } from '../dsl.js';

export default pkg(
  { alias: 'discovery', openapi: 'io.k8s.api.discovery.v1', protoPackage: 'k8s.io.api.discovery.v1', group: 'discovery.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('Endpoint', '', [
      f('addresses', list(str), 1, { listType: 'set', required: true }),
      f('conditions', ref('EndpointConditions'), 2),
      f('hostname', str, 3),
      f('targetRef', ref('core.ObjectReference'), 4),
      f('deprecatedTopology', map(str), 5),
      f('nodeName', str, 6),
      f('zone', str, 7),
      f('hints', ref('EndpointHints'), 8),
    ]);
    type('EndpointConditions', '', [
      f('ready', bool, 1),
      f('serving', bool, 2),
      f('terminating', bool, 3),
    ]);
    type('EndpointHints', '', [
      f('forZones', list(ref('ForZone')), 1, { listType: 'atomic' }),
    ]);
    type('EndpointPort', '', [
      f('name', str, 1),
      f('protocol', str, 2),
      f('port', i32, 3),
      f('appProtocol', str, 4),
    ]);
    kind('EndpointSlice', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('addressType', str, 4, { required: true }),
      f('endpoints', list(ref('Endpoint')), 2, { listType: 'atomic', required: true }),
      f('ports', list(ref('EndpointPort')), 3, { listType: 'atomic' }),
    ]);
    kind('EndpointSliceList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('EndpointSlice')), 2, { required: true }),
    ]);
    type('ForZone', '', [
      f('name', str, 1, { required: true }),
    ]);
  },
);
