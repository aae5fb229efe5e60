// Field-level checks and facts derived from the catalog: unknown and
// duplicate fields (fieldValidation=Strict|Warn) and protobuf field numbers
// (decode-time type errors are in type-errors.ts).
import type { KubeObject } from '../types.js';
import type { FieldDef, GroupVersionKind, TypeRef } from './dsl.js';
import { isPlainObject } from '../../util/json.js';
import { findType, typeById, typeForGvk } from './catalog.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function walkType(t: TypeRef, v: unknown, path: string, out: string[]): void {
  switch (t.k) {
    case 'ref': {
      if (!isPlainObject(v)) return;
      const type = typeById(t.name);
      if (!type) return;
      for (const [k, x] of Object.entries(v)) {
        const fd = type.byName.get(k);
        if (!fd) out.push(join(path, k));
        else walkType(fd.type, x, join(path, k), out);
      }
      return;
    }
    case 'list':
      if (Array.isArray(v)) v.forEach((x, i) => walkType(t.of, x, `${path}[${i}]`, out));
      return;
    case 'map':
      if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walkType(t.of, x, join(path, k), out);
      return;
    default:
      return;
  }
}

type Schema = Record<string, unknown>;

function walkSchema(s: Schema | undefined, v: unknown, path: string, out: string[], root: boolean): void {
  if (!s) return;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (Array.isArray(v)) {
    const items = s.items;
    if (isPlainObject(items)) v.forEach((x, i) => walkSchema(items, x, `${path}[${i}]`, out, false));
    return;
  }
  if (!isPlainObject(v)) return;
  const props = isPlainObject(s.properties) ? (s.properties as Record<string, Schema>) : undefined;
  const additional = s.additionalProperties;
  const embedded = root || s['x-kubernetes-embedded-resource'] === true;
  for (const [k, x] of Object.entries(v)) {
    if (embedded && (k === 'apiVersion' || k === 'kind')) continue;
    if (embedded && k === 'metadata') {
      walkType({ k: 'ref', name: OBJECT_META }, x, join(path, k), out);
      continue;
    }
    const sub = props?.[k];
    if (sub) walkSchema(sub, x, join(path, k), out, false);
    else if (isPlainObject(additional)) walkSchema(additional as Schema, x, join(path, k), out, false);
    else if (!preserve && additional !== true && (props !== undefined || s.type === 'object')) out.push(join(path, k));
  }
}

function crdSchemaFor(gvk: GroupVersionKind, crds: readonly KubeObject[] | undefined): Schema | undefined | null {
  for (const crd of crds ?? []) {
    const spec = crd.spec as Record<string, any> | undefined;
    if (!spec || spec.group !== gvk.group || spec.names?.kind !== gvk.kind || !Array.isArray(spec.versions)) continue;
    const v = (spec.versions as Record<string, any>[]).find((x) => x?.name === gvk.version);
    if (v) return (v.schema?.openAPIV3Schema as Schema | undefined) ?? null;
  }
  return undefined;
}

/**
 * Paths of the fields of `obj` that the schema of `gvk` does not declare, in
 * kube-apiserver's notation ("spec.template.spec.containers[0].imagee"), for
 * fieldValidation Strict (`unknown field "<path>"`) and Warn. Free-form values
 * (raw extensions, preserve-unknown-fields) are not looked into. Custom kinds are
 * checked against their CRD's schema when `crds` holds it; unknown kinds give [].
 */
export function unknownFields(gvk: GroupVersionKind, obj: unknown, crds?: readonly KubeObject[]): string[] {
  const out: string[] = [];
  const t = typeForGvk(gvk);
  if (t) {
    walkType({ k: 'ref', name: t.id }, obj, '', out);
    return out;
  }
  const schema = crdSchemaFor(gvk, crds);
  if (schema === undefined) return out;
  walkSchema(schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, obj, '', out, true);
  return out;
}

/** One protobuf field of a message: JSON name, field number, type; `inline` fields carry an embedded message whose fields appear flattened in JSON. */
export interface ProtoField {
  readonly name: string;
  readonly number: number;
  readonly type: TypeRef;
  readonly inline: boolean;
}

/**
 * The protobuf fields of a type, by short name ("Container", "apps.Deployment",
 * "meta.ObjectMeta") or OpenAPI id; refs in `type` are OpenAPI ids (resolve with
 * protoFields again). Undefined when the type is unknown. apiVersion/kind are not
 * protobuf fields (the envelope carries them).
 */
export function protoFields(typeName: string): readonly ProtoField[] | undefined {
  const t = findType(typeName);
  if (!t) return undefined;
  return t.protoFields
    .filter((fd): fd is FieldDef & { proto: number } => fd.proto !== undefined)
    .map((fd) => ({ name: fd.name, number: fd.proto, type: fd.type, inline: fd.inline === true }));
}

/** The protobuf message (full name, e.g. "k8s.io.api.apps.v1.Deployment") of a kind, or undefined. */
export function protoMessageName(gvk: GroupVersionKind): string | undefined {
  const t = typeForGvk(gvk);
  return t ? `${t.pkg.protoPackage}.${t.def.name}` : undefined;
}

// --- strict decoding, in document order ---------------------------------------------------

/** Where a JSON scan stands in a schema: which keys are declared, and what their values are. */
interface Cursor {
  /** Duplicated keys are reported only when known (typed kinds) or always (custom resources). */
  readonly reportUnknownDuplicates: boolean;
  key(k: string): { known: boolean; next: Cursor | 'skip' };
  item(): Cursor | 'skip';
}

function typeCursor(t: TypeRef, forCR = false): Cursor | 'skip' {
  switch (t.k) {
    case 'ref': {
      const type = typeById(t.name);
      if (!type) return 'skip';
      return {
        reportUnknownDuplicates: forCR,
        key: (k) => {
          const fd = type.byName.get(k);
          return fd ? { known: true, next: typeCursor(fd.type, forCR) } : { known: false, next: 'skip' };
        },
        item: () => 'skip',
      };
    }
    case 'map':
      return { reportUnknownDuplicates: forCR, key: () => ({ known: true, next: typeCursor(t.of, forCR) }), item: () => 'skip' };
    case 'list':
      return { reportUnknownDuplicates: forCR, key: () => ({ known: true, next: 'skip' }), item: () => typeCursor(t.of, forCR) };
    default:
      return 'skip';
  }
}

/** Any JSON: keys all known, duplicates still reported (custom resources decode through unstructured JSON). */
const FREE_CURSOR: Cursor = { reportUnknownDuplicates: true, key: () => ({ known: true, next: FREE_CURSOR }), item: () => FREE_CURSOR };

function schemaCursor(s: Schema | undefined, embedded: boolean): Cursor {
  if (!s) return FREE_CURSOR;
  const props = isPlainObject(s.properties) ? (s.properties as Record<string, Schema>) : undefined;
  const additional = s.additionalProperties;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const isEmbedded = embedded || s['x-kubernetes-embedded-resource'] === true;
  return {
    reportUnknownDuplicates: true,
    key: (k) => {
      if (isEmbedded && (k === 'apiVersion' || k === 'kind')) return { known: true, next: FREE_CURSOR };
      if (isEmbedded && k === 'metadata') return { known: true, next: typeCursor({ k: 'ref', name: OBJECT_META }, true) };
      const sub = props?.[k];
      if (sub) return { known: true, next: schemaCursor(sub, false) };
      if (isPlainObject(additional)) return { known: true, next: schemaCursor(additional as Schema, false) };
      const known = preserve || additional === true || (props === undefined && s.type !== 'object');
      return { known, next: FREE_CURSOR };
    },
    item: () => (isPlainObject(s.items) ? schemaCursor(s.items as Schema, false) : FREE_CURSOR),
  };
}

/**
 * kube-apiserver's strict-decoding findings for a JSON request body, in
 * document order: `unknown field "<path>"` (reported once, at its first
 * occurrence) and `duplicate field "<path>"` (at each repeat; for built-in kinds
 * only for declared fields). Fieldvalidation=Strict joins them after
 * "strict decoding error: "; Warn returns them as warnings. Returns [] for kinds
 * the catalog and `crds` do not describe, or for text that is not valid JSON.
 */
export function strictDecodingErrors(gvk: GroupVersionKind, body: string, crds?: readonly KubeObject[]): string[] {
  const t = typeForGvk(gvk);
  let root: Cursor | 'skip';
  if (t) root = typeCursor({ k: 'ref', name: t.id });
  else {
    const schema = crdSchemaFor(gvk, crds);
    if (schema === undefined) return [];
    root = schemaCursor(schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, true);
  }
  const found = scanFields(body, root) ?? [];
  return found.map((f) => `${f.unknown ? 'unknown' : 'duplicate'} field "${f.path}"`);
}

/**
 * Paths of keys that occur twice in the same JSON object of `text`
 * (kube-apiserver: `duplicate field "<path>"`). Returns [] for text that is not
 * valid JSON; parsing errors are reported elsewhere.
 */
export function duplicateFields(text: string): string[] {
  return (scanFields(text, FREE_CURSOR) ?? []).map((f) => f.path);
}

/** One strict-decoding finding: a key the schema does not declare (first occurrence), or a repeated key. */
interface FieldFinding {
  readonly unknown: boolean;
  readonly path: string;
}

/**
 * Scans the JSON `text` in document order, following `root` through the schema,
 * and lists its unknown keys (once each per object) and repeated keys (for
 * unknown keys only when the cursor reports them). Undefined when `text` is not
 * one valid JSON value.
 */
function scanFields(text: string, root: Cursor | 'skip'): FieldFinding[] | undefined {
  const out: FieldFinding[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, cur: Cursor | 'skip'): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      const unknownSeen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Error('bad json');
        const key = str();
        const p = join(path, key);
        let next: Cursor | 'skip' = 'skip';
        if (cur !== 'skip') {
          const r = cur.key(key);
          next = r.next;
          if (!r.known) {
            if (!unknownSeen.has(key)) out.push({ unknown: true, path: p });
            else if (cur.reportUnknownDuplicates) out.push({ unknown: false, path: p });
            unknownSeen.add(key);
          } else if (seen.has(key)) {
            out.push({ unknown: false, path: p });
          }
          seen.add(key);
        }
        ws();
        if (text[i++] !== ':') throw new Error('bad json');
        value(p, next);
        ws();
        const sep = text[i++];
        if (sep === '}') return;
        if (sep !== ',') throw new Error('bad json');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      const itemCursor = cur === 'skip' ? 'skip' : cur.item();
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`, itemCursor);
        ws();
        const sep = text[i++];
        if (sep === ']') return;
        if (sep !== ',') throw new Error('bad json');
      }
    } else if (c === '"') {
      str();
    } else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) throw new Error('bad json');
      i += m[0].length;
    }
  };
  try {
    value('', root);
    ws();
    return i === text.length ? out : undefined;
  } catch {
    return undefined;
  }
}
