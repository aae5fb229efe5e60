// Helm's built-in objects as plain, frozen data with exposed methods:
// Chart (Chart.yaml with Helm's capitalised names), Capabilities, Files.
import { Buffer } from 'node:buffer';
import type { ChartFile, ChartMetadata } from '../chart/types.js';
import { SandboxViolationError } from '../errors.js';
import { toGoYaml } from './goyaml.js';
import { expose } from './sandbox.js';
import { SetInt } from '../values/int64.js';
import { deepFreeze as freezeJson } from '../util/json.js';

/** Freezes plain data in place, deeply; refuses `__proto__` keys. Returns its argument. */
export function deepFreeze<T>(v: T): T {
  return freezeJson(v, refuseProto);
}

function refuseProto(k: string): void {
  if (k === '__proto__') throw new SandboxViolationError('sandbox: a key named "__proto__" is not allowed in values or chart data');
}

/** A deep copy of plain data (what values are before freezing), refusing `__proto__` keys. */
export function plainCopy(v: unknown, setInt: (i: SetInt) => unknown = Number): unknown {
  if (Array.isArray(v)) return v.map((x) => plainCopy(x, setInt));
  if (v !== null && typeof v === 'object') {
    if (Buffer.isBuffer(v)) return v.toString('utf8');
    if (v instanceof SetInt) return setInt(v);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__') throw new SandboxViolationError('sandbox: a key named "__proto__" is not allowed in values');
      out[k] = plainCopy((v as Record<string, unknown>)[k], setInt);
    }
    return out;
  }
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  return v;
}

export interface CapabilitiesInput {
  kubeVersion?: string;
  apiVersions?: string[];
  /** No cluster: the --api-versions additions (see RenderOptions.capabilities); the Go-template engine's business. */
  extraApiVersions?: string[];
}

/** The Kubernetes version `helm template` assumes when none is given (Helm 3.17). */
export const DEFAULT_KUBE_VERSION = 'v1.32.0';

/** Group/versions every cluster serves; what Helm's client-only defaults provide. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1',
  'authentication.k8s.io/v1', 'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1',
  'certificates.k8s.io/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1', 'networking.k8s.io/v1', 'node.k8s.io/v1', 'policy/v1',
  'rbac.authorization.k8s.io/v1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1',
];

export function buildCapabilities(input: CapabilitiesInput = {}): Record<string, unknown> {
  const raw = input.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const git = raw.startsWith('v') ? raw : `v${raw}`;
  const m = /^v(\d+)\.(\d+)/.exec(git);
  const major = m?.[1] ?? '1';
  const minor = m?.[2] ?? '0';
  const versions = new Set([...DEFAULT_API_VERSIONS, ...(input.apiVersions ?? [])]);
  const list = [...versions].sort();
  return {
    KubeVersion: { Version: git, Major: major, Minor: minor, GitVersion: git },
    APIVersions: { Has: expose((v: unknown) => versions.has(String(v))), List: list },
    HelmVersion: { Version: 'v3.17.3', GitCommit: '', GitTreeState: 'clean', GoVersion: 'skiff' },
  };
}

/** `.Chart`: Chart.yaml fields under Go's field names, plus IsRoot. */
export function buildChartObject(md: ChartMetadata, isRoot: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = {
    Name: md.name, Version: md.version, APIVersion: md.apiVersion, AppVersion: md.appVersion ?? '',
    Description: md.description ?? '', Type: md.type ?? 'application', KubeVersion: md.kubeVersion ?? '',
    Keywords: md.keywords ?? [], Home: md.home ?? '', Sources: md.sources ?? [], Icon: md.icon ?? '',
    Deprecated: md.deprecated ?? false, Annotations: md.annotations ?? {},
    Maintainers: (md.maintainers ?? []).map((m) => ({ Name: m.name, Email: m.email ?? '', URL: m.url ?? '' })),
    Dependencies: (md.dependencies ?? []).map((d) => ({
      Name: d.name, Version: d.version ?? '', Repository: d.repository ?? '', Condition: d.condition ?? '',
      Tags: d.tags ?? [], Enabled: d.enabled ?? true, ImportValues: d['import-values'] ?? [], Alias: d.alias ?? '',
    })),
    IsRoot: isRoot,
  };
  return plainCopy(o) as Record<string, unknown>;
}

/** gobwas/glob with '/' as separator: * and ? stay within a path segment, ** crosses them. */
export function globToRegExp(pattern: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') { re += '.*'; i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return undefined;
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end < 0) return undefined;
      re += `(?:${pattern.slice(i + 1, end).split(',').map((a) => a.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += '\\' + pattern[++i];
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return undefined;
  }
}

const NOT_IN_FILES = new Set(['Chart.yaml', 'Chart.lock', 'values.yaml', 'values.schema.json', 'requirements.yaml', 'requirements.lock']);

/** The files `.Files` holds, by name: all but the chart's metadata, lock and values files, templates/ and charts/ (both engines). */
export function dotFiles(files: readonly ChartFile[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const f of files) {
    if (NOT_IN_FILES.has(f.name) || f.name.startsWith('templates/') || f.name.startsWith('charts/')) continue;
    map.set(f.name, f.data);
  }
  return map;
}

/** `.Files`: the chart's non-template files, with Helm's methods. Glob returns a Files of the matches. */
export function buildFiles(files: readonly ChartFile[]): Record<string, unknown> {
  return makeFiles(dotFiles(files));
}

function makeFiles(map: Map<string, Buffer>): Record<string, unknown> {
  const names = [...map.keys()].sort();
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const get = expose((name: unknown) => map.get(String(name))?.toString('utf8') ?? '');
  const getBytes = expose((name: unknown) => [...(map.get(String(name)) ?? Buffer.alloc(0))]);
  const lines = expose((name: unknown) => {
    const text = map.get(String(name))?.toString('utf8');
    if (text === undefined || text === '') return [];
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    return parts;
  });
  const glob = expose((pattern: unknown) => {
    const re = globToRegExp(String(pattern)) ?? /^.*$/;
    const sub = new Map<string, Buffer>();
    for (const n of names) if (re.test(n)) sub.set(n, map.get(n)!);
    return makeFiles(sub);
  });
  const asConfig = expose(() => {
    const o: Record<string, string> = {};
    for (const n of names) o[base(n)] = map.get(n)!.toString('utf8');
    return names.length === 0 ? '' : toGoYaml(o);
  });
  const asSecrets = expose(() => {
    const o: Record<string, string> = {};
    for (const n of names) o[base(n)] = map.get(n)!.toString('base64');
    return names.length === 0 ? '' : toGoYaml(o);
  });
  return { Get: get, GetBytes: getBytes, Lines: lines, Glob: glob, AsConfig: asConfig, AsSecrets: asSecrets, Names: names };
}
