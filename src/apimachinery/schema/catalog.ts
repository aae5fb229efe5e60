// The resolved API type catalog: every package of types/ with refs turned into
// OpenAPI component names, inline (embedded) fields flattened, and indexes by
// name and by group/version/kind. Each type is resolved on first use.
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

/**
 * Types are resolved on first use, each with the types its inline fields
 * embed: a client-side patch of a ConfigMap resolves a handful of types, not
 * the whole catalog (~10 ms of CPU that every upgrade paid). allTypes() and
 * allKinds() resolve everything and check the catalog whole.
 */
const resolvedById = new Map<string, ResolvedType | null>();
let aliases: Map<string, PackageDef> | undefined;
let byOpenapi: Map<string, PackageDef> | undefined;
const defsByPackage = new Map<PackageDef, Map<string, TypeDef>>();
let complete = false;

export const gvkKey = (g: { group: string; version: string; kind: string }): string => `${g.group}/${g.version}/${g.kind}`;

function qualify(t: TypeRef, p: PackageDef, where: string): TypeRef {
  switch (t.k) {
    case 'ref': {
      const dot = t.name.indexOf('.');
      aliases ??= new Map(PACKAGES.map((x) => [x.alias, x]));
      const target = dot < 0 ? p : aliases.get(t.name.slice(0, dot));
      if (!target) throw new Error(`schema catalog: ${where} refers to unknown package in "${t.name}"`);
      const name = dot < 0 ? t.name : t.name.slice(dot + 1);
      return { k: 'ref', name: `${target.openapi}.${name}` };
    }
    case 'list':
      return { ...t, of: qualify(t.of, p, where) };
    case 'map':
      return { ...t, of: qualify(t.of, p, where) };
    default:
      return t;
  }
}

/** A package's types by name (its declarations run here, the first time). */
function defsOf(p: PackageDef): Map<string, TypeDef> {
  let defs = defsByPackage.get(p);
  if (!defs) {
    defs = new Map();
    for (const def of p.types) {
      if (defs.has(def.name)) throw new Error(`schema catalog: type ${p.openapi}.${def.name} declared twice`);
      defs.set(def.name, def);
    }
    defsByPackage.set(p, defs);
  }
  return defs;
}

function declared(id: string): { pkg: PackageDef; def: TypeDef } | undefined {
  const dot = id.lastIndexOf('.');
  byOpenapi ??= new Map(PACKAGES.map((x) => [x.openapi, x]));
  const p = dot > 0 ? byOpenapi.get(id.slice(0, dot)) : undefined;
  const def = p ? defsOf(p).get(id.slice(dot + 1)) : undefined;
  return p && def ? { pkg: p, def } : undefined;
}

/** The type `id` with its fields qualified and inline types flattened; undefined when the catalog has no such type. */
function resolve(id: string): ResolvedType | undefined {
  const known = resolvedById.get(id);
  if (known !== undefined) return known ?? undefined;
  const d = declared(id);
  if (!d) {
    resolvedById.set(id, null);
    return undefined;
  }
  if (resolving.has(id)) throw new Error(`schema catalog: inline cycle at ${id}`);
  resolving.add(id);
  try {
    const t = resolveDeclared(id, d);
    resolvedById.set(id, t);
    return t;
  } finally {
    resolving.delete(id);
  }
}

/** Types being resolved (an inline cycle would come back to one). */
const resolving = new Set<string>();

function resolveDeclared(id: string, d: { pkg: PackageDef; def: TypeDef }): ResolvedType {
  const protoFields = d.def.fields.map((fd) => ({ ...fd, type: qualify(fd.type, d.pkg, `${id}.${fd.name}`) }));
  const fields: ResolvedField[] = [];
  for (const fd of protoFields) {
    if (fd.inline && fd.type.k === 'ref') fields.push(...embedded(fd.type.name, [fd], new Set([id, fd.type.name]), `${id}.${fd.name}`));
    else fields.push(fd);
  }
  const byName = new Map<string, ResolvedField>();
  for (const fd of fields) {
    if (byName.has(fd.name)) throw new Error(`schema catalog: ${id} has two fields named ${fd.name}`);
    byName.set(fd.name, fd);
  }
  return { id, pkg: d.pkg, def: d.def, fields, byName, protoFields };
}

/** The fields an inline field of type `id` brings, flattened, each naming the embedded fields it came through. */
function embedded(id: string, via: readonly FieldDef[], seen: Set<string>, where: string): ResolvedField[] {
  const t = resolve(id);
  if (!t) throw new Error(`schema catalog: ${where} refers to undeclared type ${id}`);
  const out: ResolvedField[] = [];
  for (const fd of t.protoFields) {
    if (fd.inline && fd.type.k === 'ref') {
      if (seen.has(fd.type.name)) throw new Error(`schema catalog: inline cycle at ${id}.${fd.name}`);
      out.push(...embedded(fd.type.name, [...via, fd], new Set([...seen, fd.type.name]), `${id}.${fd.name}`));
    } else {
      out.push({ ...fd, via });
    }
  }
  return out;
}

/** Resolves every type and checks the catalog whole: no package prefix twice, every ref declared. */
function resolveAll(): void {
  if (complete) return;
  const prefixes = new Set<string>();
  for (const p of PACKAGES) {
    if (prefixes.has(p.openapi)) throw new Error(`schema catalog: package ${p.openapi} declared twice`);
    prefixes.add(p.openapi);
    for (const name of defsOf(p).keys()) {
      const t = resolve(`${p.openapi}.${name}`)!;
      for (const fd of t.protoFields) {
        let r = fd.type;
        while (r.k === 'list' || r.k === 'map') r = r.of;
        if (r.k === 'ref' && !declared(r.name)) throw new Error(`schema catalog: ${t.id}.${fd.name} refers to undeclared type ${r.name}`);
      }
    }
  }
  complete = true;
}

/** The type with this OpenAPI component name, or undefined. */
export function typeById(id: string): ResolvedType | undefined {
  return resolve(id);
}

/** The top-level type of a kind, or undefined when the catalog does not describe it. */
export function typeForGvk(gvk: GroupVersionKind): ResolvedType | undefined {
  for (const p of PACKAGES) {
    if (p.group !== gvk.group || p.version !== gvk.version) continue;
    const def = defsOf(p).get(gvk.kind);
    if (def?.gvk && gvkKey(def.gvk) === gvkKey(gvk)) return resolve(`${p.openapi}.${def.name}`);
  }
  return undefined;
}

/** Every type in the catalog. */
export function allTypes(): Iterable<ResolvedType> {
  resolveAll();
  return PACKAGES.flatMap((p) => [...defsOf(p).keys()].map((name) => resolve(`${p.openapi}.${name}`)!));
}

/** Every top-level kind (including List kinds) the catalog describes. */
export function allKinds(): ResolvedType[] {
  return [...allTypes()].filter((t) => t.def.gvk);
}

/**
 * Finds a short type name ("Container", "meta.ObjectMeta", "apps.DeploymentSpec")
 * or a full OpenAPI id; a bare name is looked up in core, then meta, then any package.
 */
export function findType(name: string): ResolvedType | undefined {
  const direct = declared(name) ? resolve(name) : undefined;
  if (direct) return direct;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const p = PACKAGES.find((x) => x.alias === name.slice(0, dot));
    return p ? typeById(`${p.openapi}.${name.slice(dot + 1)}`) : undefined;
  }
  for (const p of [coreV1, metaV1, ...PACKAGES]) {
    const t = typeById(`${p.openapi}.${name}`);
    if (t) return t;
  }
  return undefined;
}
