// core/v1 Events: the printer (shared with events.k8s.io) and validation.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, invalid } from './field.js';
import { NAME_COL, col, int, obj, since, str, type Obj } from './common.js';
import { metaErrors } from './validation.js';

function eventSource(component: string, host: string, controller: string, instance: string): string {
  const c = component || controller;
  const i = host || instance;
  return i === '' ? c : `${c}, ${i}`;
}

/** printEvent's cells for a core/v1 Event. */
/** printEvent's cells for core/v1 Events (also used for events.k8s.io after mapping). */
export function coreEventRow(o: KubeObject, now: Date): unknown[] {
  const e = o as Obj;
  const first = str(e, 'firstTimestamp') ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  let last = str(e, 'lastTimestamp') ? since(e.lastTimestamp, now) : first;
  let count = int(e, 'count');
  const series = obj(e, 'series');
  if (series) {
    last = since(series.lastObservedTime, now);
    count = int(series, 'count');
  } else if (count === 0) count = 1;
  const io = obj(e, 'involvedObject') ?? {};
  const kind = str(io, 'kind').toLowerCase();
  const target = str(io, 'name') ? `${kind}/${str(io, 'name')}` : kind;
  const src = obj(e, 'source') ?? {};
  return [
    last,
    str(e, 'type'),
    str(e, 'reason'),
    target,
    str(io, 'fieldPath'),
    eventSource(str(src, 'component'), str(src, 'host'), str(e, 'reportingComponent'), str(e, 'reportingInstance')),
    str(e, 'message').trim(),
    first,
    count,
    o.metadata.name ?? '',
  ];
}

/** The Event printer's columns. */
export const EVENT_COLUMNS = [
  col('Last Seen', 'Time when last event occurred'),
  col('Type', 'Type of this event.'),
  col('Reason', 'Reason why this event was generated.'),
  col('Object', 'Object this event is about.'),
  col('Subobject', 'Subobject this event is about.', true),
  col('Source', 'Source of this event.', true),
  col('Message', 'Message describing this event.'),
  col('First Seen', 'Time when first event occurred.', true),
  col('Count', 'The number of times this event has occurred.', true),
  { ...NAME_COL, priority: 1 },
];

/** core/v1 Event validation: metadata, and the involved object's namespace equals the event's. */
export function eventValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const io = obj(o, 'involvedObject') ?? {};
  const ns = str(io, 'namespace');
  if (ns !== '' && ns !== (o.metadata.namespace ?? '')) {
    errs.push(invalid(Path.root('involvedObject', 'namespace'), ns, 'does not match event.namespace'));
  }
  return errs;
}
