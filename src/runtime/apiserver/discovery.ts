// Discovery documents, legacy (APIVersions, APIGroupList, APIResourceList)
// and aggregated (apidiscovery.k8s.io v2 / v2beta1), built from the catalog.
import { createHash } from 'node:crypto';
import { formatApiVersion } from '../../apimachinery/types.js';
import type { ResourceCatalog, ServedResource } from './catalog.js';

function hash(s: string): string {
  return createHash('sha256').update(s).digest('base64').slice(0, 11) + '=';
}

export function legacyApiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function apiGroupList(catalog: ResourceCatalog): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog
      .groups()
      .filter((g) => g.name !== '')
      .map((g) => apiGroup(g.name, g.versions)),
  };
}

function apiGroup(name: string, versions: readonly string[]): Record<string, unknown> {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

/** GET /apis/<group>: one APIGroup, or undefined when the group is not served. */
export function apiGroupDoc(catalog: ResourceCatalog, group: string): object | undefined {
  const g = catalog.groups().find((x) => x.name === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.name, g.versions) } : undefined;
}

/** GET /api/v1 or /apis/<g>/<v>: the APIResourceList, or undefined when not served. */
export function apiResourceList(catalog: ResourceCatalog, group: string, version: string): object | undefined {
  const rs = catalog.resources(group, version);
  if (rs.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of rs) {
    const main: Record<string, unknown> = { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs] };
    if (r.shortNames?.length) main.shortNames = [...r.shortNames];
    if (r.categories?.length) main.categories = [...r.categories];
    main.storageVersionHash = hash(`${r.group}/${r.version}/${r.kind}`);
    resources.push(main);
    for (const s of r.subresources ?? []) {
      const sub: Record<string, unknown> = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced };
      if (s.group !== r.group || s.version !== r.version) {
        sub.group = s.group;
        sub.version = s.version;
      }
      sub.kind = s.kind;
      sub.verbs = [...s.verbs];
      resources.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: formatApiVersion(group, version), resources };
}

function aggregatedResource(r: ServedResource): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
  };
  if (r.shortNames?.length) out.shortNames = [...r.shortNames];
  if (r.categories?.length) out.categories = [...r.categories];
  if (r.subresources?.length) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: [...s.verbs],
    }));
  }
  return out;
}

/** The aggregated APIGroupDiscoveryList for /api (core only) or /apis (every other group). */
export function aggregatedDiscovery(catalog: ResourceCatalog, legacy: boolean, version: 'v2' | 'v2beta1'): object {
  const items = catalog
    .groups()
    .filter((g) => (legacy ? g.name === '' : g.name !== ''))
    .map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: catalog.resources(g.name, v).map(aggregatedResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
