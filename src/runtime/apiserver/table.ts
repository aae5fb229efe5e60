// Server-side printing: meta.k8s.io/v1 Table answers built from the
// registry's columns and rows (or a CRD's additionalPrinterColumns), with
// PartialObjectMetadata row objects as kubectl expects (-A, --show-labels, -L).
import type { KubeObject } from '../../apimachinery/types.js';
import type { ServedResource } from './catalog.js';
import type { TableColumn } from './registry/types.js';
import { jsonPathValues } from './jsonpath.js';
import { age, since } from './registry/common.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[];
  rows: TableRow[];
}

interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

interface TableRow {
  cells: unknown[];
  object?: unknown;
}

const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const CREATED_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';


function columnsOf(def: ServedResource): { defs: ColumnDefinition[]; row: (obj: KubeObject, now: Date) => unknown[] } {
  const toDef = (c: TableColumn): ColumnDefinition => ({
    name: c.name,
    type: c.type,
    format: c.format ?? '',
    description: c.description ?? '',
    priority: c.priority ?? 0,
  });
  const nameCol: ColumnDefinition = { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 };
  if (def.crd) {
    const pcs = def.crd.printerColumns;
    if (pcs.length === 0) {
      return {
        defs: [nameCol, { name: 'Age', type: 'date', format: '', description: CREATED_DESCRIPTION, priority: 0 }],
        row: (o, now) => [o.metadata.name, age(o, now)],
      };
    }
    return {
      defs: [nameCol, ...pcs.map((p) => toDef(p.column))],
      row: (o, now) => [
        o.metadata.name,
        ...pcs.map((p) => {
          let vals: unknown[];
          try {
            vals = jsonPathValues(o, p.jsonPath);
          } catch {
            vals = [];
          }
          if (vals.length === 0) return null;
          const v = vals.length === 1 ? vals[0] : vals.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',');
          if (p.column.type === 'date' && typeof v === 'string') return since(v, now);
          if (p.column.type === 'integer' || p.column.type === 'number') return typeof v === 'number' ? v : Number(v);
          if (p.column.type === 'boolean') return typeof v === 'boolean' ? v : String(v) === 'true';
          return typeof v === 'object' ? JSON.stringify(v) : String(v);
        }),
      ],
    };
  }
  if (def.columns && def.row) {
    const row = def.row;
    return { defs: def.columns.map(toDef), row: (o, now) => row(o, now) };
  }
  // kube-apiserver's default table for kinds without a printer: Name and Created At.
  return {
    defs: [nameCol, { name: 'Created At', type: 'date', format: '', description: CREATED_DESCRIPTION, priority: 0 }],
    row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? null],
  };
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  const { managedFields: _m, ...metadata } = obj.metadata;
  void _m;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

/** Builds a Table of `objects`; `noHeaders` leaves columnDefinitions empty (watch events after the first). */
export function buildTable(
  def: ServedResource,
  objects: readonly KubeObject[],
  opts: { now: Date; include: IncludeObject; apiVersion: string; resourceVersion?: string; continue?: string; remaining?: number; noHeaders?: boolean },
): Table {
  const { defs, row } = columnsOf(def);
  const rows: TableRow[] = objects.map((o) => {
    const r: TableRow = { cells: row(o, opts.now) };
    const ob = rowObject(o, opts.include);
    if (ob !== undefined) r.object = ob;
    return r;
  });
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remaining) metadata.remainingItemCount = opts.remaining;
  return { kind: 'Table', apiVersion: opts.apiVersion, metadata, columnDefinitions: opts.noHeaders ? [] : defs, rows };
}
