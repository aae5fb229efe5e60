// events.k8s.io/v1 Events: the same objects as core/v1 Events seen through
// the newer field names; printed with the core printer after mapping.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, invalid, required, tooLong } from './field.js';
import { ALL_VERBS, obj, str, type Obj } from './common.js';
import { metaErrors, oneOf } from './validation.js';
import { EVENT_COLUMNS, coreEventRow } from './core-events.js';
import { cloneJson } from '../../../util/json.js';

/** events.k8s.io/v1 → core/v1 field names (Convert_v1_Event_To_core_Event). */
export function eventsV1ToCore(o: KubeObject): KubeObject {
  const e = o as Obj;
  const out: Obj = { apiVersion: 'v1', kind: 'Event', metadata: cloneJson(o.metadata) };
  const copy = (from: string, to: string): void => {
    if (e[from] !== undefined) out[to] = cloneJson(e[from]);
  };
  copy('regarding', 'involvedObject');
  copy('related', 'related');
  copy('note', 'message');
  copy('reason', 'reason');
  copy('type', 'type');
  copy('action', 'action');
  copy('eventTime', 'eventTime');
  copy('series', 'series');
  copy('reportingController', 'reportingComponent');
  copy('reportingInstance', 'reportingInstance');
  copy('deprecatedSource', 'source');
  copy('deprecatedFirstTimestamp', 'firstTimestamp');
  copy('deprecatedLastTimestamp', 'lastTimestamp');
  copy('deprecatedCount', 'count');
  return out as unknown as KubeObject;
}

/** core/v1 → events.k8s.io/v1 field names. */
export function coreToEventsV1(o: KubeObject): KubeObject {
  const e = o as Obj;
  const out: Obj = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: cloneJson(o.metadata) };
  const copy = (from: string, to: string): void => {
    if (e[from] !== undefined) out[to] = cloneJson(e[from]);
  };
  copy('involvedObject', 'regarding');
  copy('related', 'related');
  copy('message', 'note');
  copy('reason', 'reason');
  copy('type', 'type');
  copy('action', 'action');
  copy('eventTime', 'eventTime');
  copy('series', 'series');
  copy('reportingComponent', 'reportingController');
  copy('reportingInstance', 'reportingInstance');
  copy('source', 'deprecatedSource');
  copy('firstTimestamp', 'deprecatedFirstTimestamp');
  copy('lastTimestamp', 'deprecatedLastTimestamp');
  copy('count', 'deprecatedCount');
  return out as unknown as KubeObject;
}

function validate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const e = o as Obj;
  if (!old) {
    for (const k of ['reportingController', 'reportingInstance', 'action', 'reason']) if (str(e, k) === '') errs.push(required(k, ''));
    if (str(e, 'eventTime') === '') errs.push(required('eventTime', ''));
  }
  errs.push(...oneOf(e.type, Path.root('type'), ['Normal', 'Warning'], false));
  if (Buffer.byteLength(str(e, 'note')) > 1024) errs.push(tooLong('note', 1024));
  const ns = str(obj(e, 'regarding'), 'namespace');
  if (ns !== '' && ns !== (o.metadata.namespace ?? '')) errs.push(invalid(Path.root('regarding', 'namespace'), ns, 'does not match event.namespace'));
  return errs;
}

const core = (f: (c: KubeObject) => string): ((o: KubeObject) => string) => (o) => f(eventsV1ToCore(o));

export const resources: ResourceDef[] = [
  {
    group: 'events.k8s.io', version: 'v1', kind: 'Event', listKind: 'EventList', plural: 'events', singular: 'event', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['ev'],
    columns: EVENT_COLUMNS,
    row: (o, now) => coreEventRow(eventsV1ToCore(o), now),
    validate,
    fieldSelectors: {
      'regarding.kind': (o) => str(obj(o, 'regarding'), 'kind'),
      'regarding.namespace': (o) => str(obj(o, 'regarding'), 'namespace'),
      'regarding.name': (o) => str(obj(o, 'regarding'), 'name'),
      'regarding.uid': (o) => str(obj(o, 'regarding'), 'uid'),
      'regarding.apiVersion': (o) => str(obj(o, 'regarding'), 'apiVersion'),
      'regarding.resourceVersion': (o) => str(obj(o, 'regarding'), 'resourceVersion'),
      'regarding.fieldPath': (o) => str(obj(o, 'regarding'), 'fieldPath'),
      reason: (o) => str(o, 'reason'),
      reportingController: (o) => str(o, 'reportingController'),
      type: (o) => str(o, 'type'),
      'involvedObject.kind': core((c) => str(obj(c, 'involvedObject'), 'kind')),
      'involvedObject.name': core((c) => str(obj(c, 'involvedObject'), 'name')),
      'involvedObject.namespace': core((c) => str(obj(c, 'involvedObject'), 'namespace')),
      'involvedObject.uid': core((c) => str(obj(c, 'involvedObject'), 'uid')),
    },
  },
];
