// Helm's built-in objects for the Go-template engine, with Helm 3.17's Go
// types: `.Chart` (the chart metadata plus IsRoot), `.Capabilities`
// (KubeVersion with String/GitVersion, APIVersions with Has),
// `.Files` (Get/GetBytes/Glob/AsConfig/AsSecrets/Lines), `.Release`,
// `.Template` and `.Subcharts` as maps.
import type { ChartFile, ChartMetadata } from '../../chart/types.js';
import { toGoYaml } from '../goyaml.js';
import { dotFiles, globToRegExp } from '../objects.js';
import { sprint } from './fmt.js';
import { GoMapStruct, GoStruct, mapType, sliceType, withMethods, type GoMethod } from './value.js';

/** The API versions Helm 3.17.3's client-only Capabilities list (chartutil.DefaultVersionSet), in its order. */
export const HELM3_API_VERSIONS: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1',
  'autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1',
  'certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1',
  'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1alpha1',
  'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1',
  'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1alpha1', 'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
];

const method = (name: string, params: string[], results: string[], call: (...a: unknown[]) => unknown): GoMethod => ({ name, params, results, call });

/**
 * `.Capabilities` (*chartutil.Capabilities) for a Kubernetes version. Without
 * a cluster (`clientOnly`, the --api-versions additions) APIVersions is
 * exactly Helm's: DefaultVersionSet, then the additions in order, duplicates
 * kept; with one, Helm's set and the cluster's versions.
 */
export function goCapabilities(kubeVersion = 'v1.32.0', extra: readonly string[] = [], clientOnly?: readonly string[]): GoStruct {
  const git = kubeVersion.startsWith('v') ? kubeVersion : `v${kubeVersion}`;
  const m = /^v(\d+)\.(\d+)/.exec(git);
  const kv = new GoStruct(
    'chartutil.KubeVersion',
    { Version: git, Major: m?.[1] ?? '1', Minor: m?.[2] ?? '0' },
    { String: method('String', [], ['string'], () => git), GitVersion: method('GitVersion', [], ['string'], () => git) },
    () => git,
  );
  const versions = clientOnly !== undefined ? [...HELM3_API_VERSIONS, ...clientOnly] : [...HELM3_API_VERSIONS, ...extra.filter((v) => !HELM3_API_VERSIONS.includes(v))];
  const set = new Set(versions);
  // chartutil.VersionSet is a []string with a Has method: len, range, index and toJson see the list.
  const api = withMethods(sliceType(versions, 'chartutil.VersionSet'), { Has: method('Has', ['string'], ['bool'], (v) => set.has(v as string)) });
  const helm = new GoStruct('version.BuildInfo', { Version: 'v3.17.3', GitCommit: '', GitTreeState: 'clean', GoVersion: 'go1.23.7' });
  return new GoStruct('*chartutil.Capabilities', { APIVersions: api, KubeVersion: kv, HelmVersion: helm });
}

const strs = (a: readonly string[] | undefined): string[] => sliceType([...(a ?? [])], '[]string');

/** `.Chart`: Chart.yaml under Go's field names, plus IsRoot (as Helm 3.17 gives it). */
export function goChart(md: ChartMetadata, isRoot: boolean): GoStruct {
  const maint = sliceType((md.maintainers ?? []).map((x) => new GoStruct('*chart.Maintainer', { Name: x.name, Email: x.email ?? '', URL: x.url ?? '' })), '[]*chart.Maintainer');
  const deps = sliceType((md.dependencies ?? []).map((d) => new GoStruct('*chart.Dependency', {
    Name: d.name, Version: d.version ?? '', Repository: d.repository ?? '', Condition: d.condition ?? '', Tags: strs(d.tags),
    Enabled: d.enabled ?? false, ImportValues: [...(d['import-values'] ?? [])], Alias: d.alias ?? '',
  })), '[]*chart.Dependency');
  const fields: Record<string, unknown> = {
    Name: md.name, Home: md.home ?? '', Sources: strs(md.sources), Version: md.version, Description: md.description ?? '',
    Keywords: strs(md.keywords), Maintainers: maint, Icon: md.icon ?? '', APIVersion: md.apiVersion, Condition: '', Tags: '',
    AppVersion: md.appVersion ?? '', Deprecated: md.deprecated ?? false, Annotations: mapType({ ...(md.annotations ?? {}) }, 'map[string]string'),
    KubeVersion: md.kubeVersion ?? '', Dependencies: deps, Type: md.type ?? '',
  };
  const order = ['Name', 'Home', 'Sources', 'Version', 'Description', 'Keywords', 'Maintainers', 'Icon', 'APIVersion', 'Condition', 'Tags', 'AppVersion', 'Deprecated', 'Annotations', 'KubeVersion', 'Dependencies', 'Type'];
  const print = (): string => `{{${order.map((k) => sprint([fields[k]])).join(' ')}} ${isRoot}}`;
  return new GoStruct('chartutil.chart', { ...fields, IsRoot: isRoot }, {}, print);
}

/** `.Files` (engine.files): the chart's non-template files with Helm's methods. */
export function goFiles(files: readonly ChartFile[]): GoStruct {
  return makeFiles(dotFiles(files));
}

function makeFiles(map: Map<string, Buffer>): GoStruct {
  const names = [...map.keys()].sort();
  const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  const methods: Record<string, GoMethod> = {
    Get: method('Get', ['string'], ['string'], (n) => map.get(n as string)?.toString('utf8') ?? ''),
    GetBytes: method('GetBytes', ['string'], ['[]uint8'], (n) => sliceType([...(map.get(n as string) ?? Buffer.alloc(0))].map((b) => b), '[]uint8')),
    Lines: method('Lines', ['string'], ['[]string'], (n) => {
      const text = map.get(n as string)?.toString('utf8');
      if (text === undefined || text === '') return sliceType([], '[]string');
      const parts = text.split('\n');
      if (parts[parts.length - 1] === '') parts.pop();
      return sliceType(parts, '[]string');
    }),
    Glob: method('Glob', ['string'], ['engine.files'], (pattern) => {
      const re = globToRegExp(pattern as string) ?? /^.*$/;
      const sub = new Map<string, Buffer>();
      for (const n of names) if (re.test(n)) sub.set(n, map.get(n)!);
      return makeFiles(sub);
    }),
    AsConfig: method('AsConfig', [], ['string'], () => {
      const o: Record<string, string> = {};
      for (const n of names) o[base(n)] = map.get(n)!.toString('utf8');
      return names.length === 0 ? '' : toGoYaml(o).replace(/\n$/, '');
    }),
    AsSecrets: method('AsSecrets', [], ['string'], () => {
      const o: Record<string, string> = {};
      for (const n of names) o[base(n)] = map.get(n)!.toString('base64');
      return names.length === 0 ? '' : toGoYaml(o).replace(/\n$/, '');
    }),
  };
  const entries = (): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const n of names) o[n] = sliceType([...map.get(n)!], '[]uint8');
    return o;
  };
  return new GoMapStruct('engine.files', methods, entries, () => `map[${names.map((n) => `${n}:[${[...map.get(n)!].join(' ')}]`).join(' ')}]`);
}
