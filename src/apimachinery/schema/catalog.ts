// The resolved API type catalog: every package of types/ with refs turned into
// OpenAPI component names, inline (embedded) fields flattened, and indexes by
// name and by group/version/kind. Built once, on first use.
import type { FieldDef, GroupVersionKind, PackageDef, TypeDef, TypeRef } from './dsl.js';
import admissionregistrationV1 from './types/admissionregistration-v1.js';
import apiextensionsV1 from './types/apiextensions-v1.js';
import apiregistrationV1 from './types/apiregistration-v1.js';
import appsV1 from './types/apps-v1.js';
import authenticationV1 from './types/authentication-v1.js';
import authorizationV1 from './types/authorization-v1.js';
import autoscalingV1 from './types/autoscaling-v1.js';
import autoscalingV2 from './types/autoscaling-v2.js';
import batchV1 from './types/batch-v1.js';
import certificatesV1 from './types/certificates-v1.js';
import coordinationV1 from './types/coordination-v1.js';
import coreV1 from './types/core-v1.js';
import discoveryV1 from './types/discovery-v1.js';
import eventsV1 from './types/events-v1.js';
import metaV1 from './types/meta-v1.js';
import networkingV1 from './types/networking-v1.js';
import nodeV1 from './types/node-v1.js';
import policyV1 from './types/policy-v1.js';
import rbacV1 from './types/rbac-v1.js';
import schedulingV1 from './types/scheduling-v1.js';
import storageV1 from './types/storage-v1.js';

/** Every package of API types skiff's API server serves (plus meta), in kube-apiserver's discovery order. */
export const PACKAGES: readonly PackageDef[] = [
  coreV1,
  apiregistrationV1,
  appsV1,
  eventsV1,
  authenticationV1,
  authorizationV1,
  autoscalingV2,
  autoscalingV1,
  batchV1,
  certificatesV1,
  networkingV1,
  policyV1,
  rbacV1,
  storageV1,
  admissionregistrationV1,
  apiextensionsV1,
  schedulingV1,
  coordinationV1,
  nodeV1,
  discoveryV1,
  metaV1,
];

/** A field with refs fully qualified; `via` names the embedded fields it was flattened through (protobuf nesting). */
export interface ResolvedField extends FieldDef {
  readonly via?: readonly FieldDef[];
}

export interface ResolvedType {
  /** OpenAPI component name, e.g. "io.k8s.api.apps.v1.Deployment". */
  readonly id: string;
  readonly pkg: PackageDef;
  readonly def: TypeDef;
  /** JSON fields in declaration order, inline types flattened. */
  readonly fields: readonly ResolvedField[];
  readonly byName: ReadonlyMap<string, ResolvedField>;
  /** The declared fields (inline ones not flattened), refs qualified: what protobuf sees. */
  readonly protoFields: readonly FieldDef[];
}

interface Index {
  readonly types: Map<string, ResolvedType>;
  readonly byGvk: Map<string, ResolvedType>;
}

let index: Index | undefined;

export const gvkKey = (g: { group: string; version: string; kind: string }): string => `${g.group}/${g.version}/${g.kind}`;

function qualify(t: TypeRef, p: PackageDef, aliases: Map<string, PackageDef>, where: string): TypeRef {
  switch (t.k) {
    case 'ref': {
      const dot = t.name.indexOf('.');
      const target = dot < 0 ? p : aliases.get(t.name.slice(0, dot));
      if (!target) throw new Error(`schema catalog: ${where} refers to unknown package in "${t.name}"`);
      const name = dot < 0 ? t.name : t.name.slice(dot + 1);
      return { k: 'ref', name: `${target.openapi}.${name}` };
    }
    case 'list':
      return { ...t, of: qualify(t.of, p, aliases, where) };
    case 'map':
      return { ...t, of: qualify(t.of, p, aliases, where) };
    default:
      return t;
  }
}

function build(): Index {
  const aliases = new Map(PACKAGES.map((p) => [p.alias, p]));
  const raw = new Map<string, { pkg: PackageDef; def: TypeDef; protoFields: FieldDef[] }>();
  for (const p of PACKAGES) {
    for (const def of p.types) {
      const id = `${p.openapi}.${def.name}`;
      if (raw.has(id)) throw new Error(`schema catalog: type ${id} declared twice`);
      const protoFields = def.fields.map((fd) => ({ ...fd, type: qualify(fd.type, p, aliases, `${id}.${fd.name}`) }));
      raw.set(id, { pkg: p, def, protoFields });
    }
  }
  for (const [id, r] of raw) {
    for (const fd of r.protoFields) {
      let t = fd.type;
      while (t.k === 'list' || t.k === 'map') t = t.of;
      if (t.k === 'ref' && !raw.has(t.name)) throw new Error(`schema catalog: ${id}.${fd.name} refers to undeclared type ${t.name}`);
    }
  }
  const flatten = (id: string, via: readonly FieldDef[], seen: Set<string>): ResolvedField[] => {
    const r = raw.get(id)!;
    const out: ResolvedField[] = [];
    for (const fd of r.protoFields) {
      if (fd.inline && fd.type.k === 'ref') {
        if (seen.has(fd.type.name)) throw new Error(`schema catalog: inline cycle at ${id}.${fd.name}`);
        out.push(...flatten(fd.type.name, [...via, fd], new Set([...seen, fd.type.name])));
      } else {
        out.push(via.length ? { ...fd, via } : fd);
      }
    }
    return out;
  };
  const types = new Map<string, ResolvedType>();
  const byGvk = new Map<string, ResolvedType>();
  for (const [id, r] of raw) {
    const fields = flatten(id, [], new Set([id]));
    const byName = new Map<string, ResolvedField>();
    for (const fd of fields) {
      if (byName.has(fd.name)) throw new Error(`schema catalog: ${id} has two fields named ${fd.name}`);
      byName.set(fd.name, fd);
    }
    const t: ResolvedType = { id, pkg: r.pkg, def: r.def, fields, byName, protoFields: r.protoFields };
    types.set(id, t);
    if (r.def.gvk) byGvk.set(gvkKey(r.def.gvk), t);
  }
  return { types, byGvk };
}

function idx(): Index {
  index ??= build();
  return index;
}

/** The type with this OpenAPI component name, or undefined. */
export function typeById(id: string): ResolvedType | undefined {
  return idx().types.get(id);
}

/** The top-level type of a kind, or undefined when the catalog does not describe it. */
export function typeForGvk(gvk: GroupVersionKind): ResolvedType | undefined {
  return idx().byGvk.get(gvkKey(gvk));
}

/** Every type in the catalog. */
export function allTypes(): Iterable<ResolvedType> {
  return idx().types.values();
}

/** Every top-level kind (including List kinds) the catalog describes. */
export function allKinds(): ResolvedType[] {
  return [...idx().byGvk.values()];
}

/**
 * Finds a short type name ("Container", "meta.ObjectMeta", "apps.DeploymentSpec")
 * or a full OpenAPI id; a bare name is looked up in core, then meta, then any package.
 */
export function findType(name: string): ResolvedType | undefined {
  const i = idx();
  const direct = i.types.get(name);
  if (direct) return direct;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const p = PACKAGES.find((x) => x.alias === name.slice(0, dot));
    return p ? i.types.get(`${p.openapi}.${name.slice(dot + 1)}`) : undefined;
  }
  for (const p of [coreV1, metaV1, ...PACKAGES]) {
    const t = i.types.get(`${p.openapi}.${name}`);
    if (t) return t;
  }
  return undefined;
}
