// events.k8s.io/v1 API types (protobuf package k8s.io.api.events.v1).
import { pkg, f, ref, list, str, i32, time, mtime } from '../dsl.js';

export default pkg(
  { alias: 'events', openapi: 'io.k8s.api.events.v1', protoPackage: 'k8s.io.api.events.v1', group: 'events.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('Event', 'A report of something that happened in the cluster.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('eventTime', mtime, 2, { required: true, desc: 'When the event first happened (microseconds).' }),
      f('series', ref('EventSeries'), 3, { desc: 'Data about a series of repeating events.' }),
      f('reportingController', str, 4, { desc: 'Controller that emitted the event.' }),
      f('reportingInstance', str, 5, { desc: 'Id of the controller instance.' }),
      f('action', str, 6, { desc: 'What was done, or failed to be done.' }),
      f('reason', str, 7, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('regarding', ref('core.ObjectReference'), 8, { desc: 'Object the event is about.' }),
      f('related', ref('core.ObjectReference'), 9, { desc: 'A second object involved.' }),
      f('note', str, 10, { desc: 'Human-readable description.' }),
      f('type', str, 11, { desc: 'Normal or Warning.' }),
      f('deprecatedSource', ref('core.EventSource'), 12, { desc: 'Deprecated core/v1 source field.' }),
      f('deprecatedFirstTimestamp', time, 13, { desc: 'Deprecated core/v1 firstTimestamp.' }),
      f('deprecatedLastTimestamp', time, 14, { desc: 'Deprecated core/v1 lastTimestamp.' }),
      f('deprecatedCount', i32, 15, { desc: 'Deprecated core/v1 count.' }),
    ]);
    kind('EventList', 'A list of Event objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Event')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('EventSeries', '', [
      f('count', i32, 1, { required: true, keepZero: true, desc: 'Times this event occurred.' }),
      f('lastObservedTime', mtime, 2, { required: true, desc: 'When the last event of the series was seen.' }),
    ]);
  },
);
