// events.k8s.io/v1 API types (protobuf package k8s.io.api.events.v1).
import { pkg, f, ref, list, str, i32, time, mtime } from '../dsl.js';

export default pkg(
  { alias: 'events', openapi: 'io.k8s.api.events.v1', protoPackage: 'k8s.io.api.events.v1', group: 'events.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('Event', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('eventTime', mtime, 2, { required: true }),
      f('series', ref('EventSeries'), 3),
      f('reportingController', str, 4),
      f('reportingInstance', str, 5),
      f('action', str, 6),
      f('reason', str, 7),
      f('regarding', ref('core.ObjectReference'), 8),
      f('related', ref('core.ObjectReference'), 9),
      f('note', str, 10),
      f('type', str, 11),
      f('deprecatedSource', ref('core.EventSource'), 12),
      f('deprecatedFirstTimestamp', time, 13),
      f('deprecatedLastTimestamp', time, 14),
      f('deprecatedCount', i32, 15),
    ]);
    kind('EventList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Event')), 2, { required: true }),
    ]);
    type('EventSeries', '', [
      f('count', i32, 1, { required: true }),
      f('lastObservedTime', mtime, 2, { required: true }),
    ]);
  },
);
