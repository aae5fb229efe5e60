// What the server serves right now: the built-in kinds from the registry plus
// one entry per served version of every Established CustomResourceDefinition.
// Discovery, routing and the pipeline all read from this one catalog.
import type { KubeObject } from '../../apimachinery/types.js';
import type { ResourceDef, TableColumn } from './registry/types.js';
import { crdResources } from './crd.js';

/** A served resource: the registry's facts, plus what a CRD adds. */
export interface ServedResource extends ResourceDef {
  /** Storage location shared by every version of the resource: "group/plural". */
  readonly storage: string;
  readonly crd?: CustomResourceInfo;
}

export interface CustomResourceInfo {
  readonly crdName: string;
  /** Validates an object against the version's openAPIV3Schema; returns "field: message" style errors. */
  readonly validateSchema?: (obj: KubeObject) => { field: string; message: string; type: string }[];
  /** Fields the schema does not declare (for fieldValidation). */
  readonly unknownFields?: (obj: KubeObject) => string[];
  readonly printerColumns: readonly { column: TableColumn; jsonPath: string }[];
  readonly scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  /** The raw openAPIV3Schema of this version (for the OpenAPI document). */
  readonly schema?: unknown;
}

// kube-apiserver's group order in discovery (the order kubectl prints api-resources in).
const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

/** Kubernetes' version priority: GA > beta > alpha, higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0, v] as const;
    return [Number(m[1]), m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1, Number(m[3] ?? 0), v] as const;
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa[1] !== pb[1]) return pb[1] - pa[1];
  if (pa[0] !== pb[0]) return pb[0] - pa[0];
  if (pa[2] !== pb[2]) return pb[2] - pa[2];
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface GroupInfo {
  readonly name: string;
  /** Served versions, preferred first. */
  readonly versions: readonly string[];
}

/** The mutable set of served resources. `revision` changes whenever the set does (discovery/OpenAPI cache keys). */
export class ResourceCatalog {
  private builtins: ServedResource[];
  private crds = new Map<string, ServedResource[]>();
  private byGvr = new Map<string, ServedResource>();
  private byGk = new Map<string, ServedResource>();
  private groupList: GroupInfo[] = [];
  revision = 0;

  constructor(builtins: readonly ResourceDef[]) {
    this.builtins = builtins.map((d) => ({ ...d, storage: storageOf(d) }));
    this.rebuild();
  }

  /** Registers (or replaces) the resources of a CRD; an un-established or deleted CRD is removed. */
  setCrd(crd: KubeObject | undefined, name: string): void {
    if (!crd || !isEstablished(crd)) this.crds.delete(name);
    else this.crds.set(name, crdResources(crd));
    this.rebuild();
  }

  lookup(group: string, version: string, resource: string): ServedResource | undefined {
    return this.byGvr.get(`${group}/${version}/${resource}`);
  }

  /** The preferred-version resource for a kind (any version when `version` is omitted). */
  byKind(group: string, kind: string, version?: string): ServedResource | undefined {
    if (version) return this.all().find((r) => r.group === group && r.kind === kind && r.version === version);
    return this.byGk.get(`${group}/${kind}`);
  }

  all(): ServedResource[] {
    const out = [...this.builtins];
    for (const list of this.crds.values()) out.push(...list);
    return out;
  }

  groups(): readonly GroupInfo[] {
    return this.groupList;
  }

  /** Resources of one group/version, in registration order. */
  resources(group: string, version: string): ServedResource[] {
    return this.all().filter((r) => r.group === group && r.version === version);
  }

  private rebuild(): void {
    this.revision++;
    this.byGvr.clear();
    this.byGk.clear();
    const versions = new Map<string, Set<string>>();
    for (const r of this.all()) {
      this.byGvr.set(`${r.group}/${r.version}/${r.plural}`, r);
      if (!versions.has(r.group)) versions.set(r.group, new Set());
      versions.get(r.group)!.add(r.version);
    }
    const groups = [...versions.keys()].sort((a, b) => {
      const ia = GROUP_ORDER.indexOf(a);
      const ib = GROUP_ORDER.indexOf(b);
      if (ia >= 0 || ib >= 0) return (ia < 0 ? 1e6 : ia) - (ib < 0 ? 1e6 : ib);
      return a < b ? -1 : a > b ? 1 : 0;
    });
    this.groupList = groups.map((g) => {
      // Versions by priority, as kube-aggregator orders them; the first is the preferred one.
      return { name: g, versions: [...versions.get(g)!].sort(compareVersions) };
    });
    for (const g of this.groupList) {
      for (const v of [...g.versions].reverse()) {
        for (const r of this.all()) if (r.group === g.name && r.version === v) this.byGk.set(`${r.group}/${r.kind}`, r);
      }
    }
  }
}

function storageOf(d: ResourceDef): string {
  return `${d.group}/${d.plural}`;
}

export function isEstablished(crd: KubeObject): boolean {
  const conds = ((crd.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []) as {
    type: string;
    status: string;
  }[];
  return conds.some((c) => c.type === 'Established' && c.status === 'True') && !crd.metadata.deletionTimestamp;
}
