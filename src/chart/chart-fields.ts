// Chart.yaml's fields and their validation, over a parsed document that can
// say where a key is (PositionedYaml): the yaml library's parse
// (./metadata.ts) or the fast reader's (./fast-chart-yaml.ts), which knows
// no positions and hands any error back to the full parse. No YAML library
// here, so that loading a simple chart does not load one.
import { ChartInvalidError } from '../errors.js';
import type { ChartDependency, ChartMetadata, Maintainer } from './types.js';
import { isLooseVersion } from './version-syntax.js';

/** A parsed YAML file with a way to find the line of a key path. */
export interface PositionedYaml {
  readonly value: unknown;
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** The scalar at `path` as written (so `appVersion: 1.10` stays "1.10"). */
  sourceOf(path: readonly (string | number)[]): string | undefined;
}

export function at(file: string, y: PositionedYaml, path: (string | number)[]): string {
  const line = y.lineOf(path);
  return line === undefined ? file : `${file}:${line}`;
}

/** Helm's sanitisation of metadata strings: whitespace becomes a space, non-printables are dropped. */
export function sanitize(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  return s.replace(/\s/g, ' ').replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, '');
}

function str(y: PositionedYaml, file: string, obj: Record<string, unknown>, key: string, path: (string | number)[]): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return sanitize(v);
  if (typeof v === 'number') return y.sourceOf([...path, key]) ?? String(v);
  if (typeof v === 'boolean') return String(v);
  throw new ChartInvalidError(`${at(file, y, [...path, key])}: ${key} must be a string`);
}

function strList(y: PositionedYaml, file: string, obj: Record<string, unknown>, key: string): string[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new ChartInvalidError(`${at(file, y, [key])}: ${key} must be a list of strings`);
  return v.map((s, i) => {
    if (typeof s === 'string' || typeof s === 'number') return sanitize(String(s));
    throw new ChartInvalidError(`${at(file, y, [key, i])}: ${key}[${i}] must be a string`);
  });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ALIAS = /^[a-zA-Z0-9_-]+$/;

/** Parses a `dependencies:` list (Chart.yaml v2 or requirements.yaml v1). */
export function parseDependencies(y: PositionedYaml, file: string, list: unknown, base: (string | number)[]): ChartDependency[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new ChartInvalidError(`${at(file, y, base)}: dependencies must be a list`);
  const seen = new Set<string>();
  return list.map((d, i) => {
    const p = [...base, i];
    if (!isRecord(d)) throw new ChartInvalidError(`${at(file, y, p)}: dependencies must not contain empty or null entries`);
    const name = str(y, file, d, 'name', p);
    if (!name) throw new ChartInvalidError(`${at(file, y, p)}: dependencies[${i}]: name is required`);
    const dep: ChartDependency = { name };
    for (const k of ['version', 'repository', 'condition', 'alias'] as const) {
      const v = str(y, file, d, k, p);
      if (v !== undefined) dep[k] = v;
    }
    if (dep.alias !== undefined && !ALIAS.test(dep.alias)) {
      throw new ChartInvalidError(`${at(file, y, [...p, 'alias'])}: dependency "${name}" has disallowed characters in the alias "${dep.alias}" (allowed: letters, digits, "_" and "-")`);
    }
    const effective = dep.alias ?? name;
    if (seen.has(effective)) throw new ChartInvalidError(`${at(file, y, p)}: more than one dependency with name or alias "${effective}"`);
    seen.add(effective);
    if (d.tags !== undefined && d.tags !== null) {
      if (!Array.isArray(d.tags)) throw new ChartInvalidError(`${at(file, y, [...p, 'tags'])}: tags must be a list of strings`);
      dep.tags = d.tags.map(String);
    }
    if (typeof d.enabled === 'boolean') dep.enabled = d.enabled;
    const after = d['depends-on'];
    if (after !== undefined && after !== null) {
      if (!Array.isArray(after)) throw new ChartInvalidError(`${at(file, y, [...p, 'depends-on'])}: depends-on must be a list of dependency names or aliases`);
      dep['depends-on'] = after.map((e, j) => {
        if (typeof e === 'string' && e.trim()) return e.trim();
        throw new ChartInvalidError(`${at(file, y, [...p, 'depends-on', j])}: depends-on entries must be dependency names or aliases (non-empty strings)`);
      });
    }
    const iv = d['import-values'];
    if (iv !== undefined && iv !== null) {
      if (!Array.isArray(iv)) throw new ChartInvalidError(`${at(file, y, [...p, 'import-values'])}: import-values must be a list`);
      dep['import-values'] = iv.map((e, j) => {
        if (typeof e === 'string') return e;
        if (isRecord(e) && typeof e.child === 'string' && typeof e.parent === 'string') return { child: e.child, parent: e.parent };
        throw new ChartInvalidError(`${at(file, y, [...p, 'import-values', j])}: import-values entries must be a string or a map with "child" and "parent"`);
      });
    }
    return dep;
  });
}

/**
 * Validates a parsed Chart.yaml (`y`) into metadata. `file` is the path shown in errors.
 * Throws ChartInvalidError for a non-map document, a missing or
 * invalid name or version, an unknown apiVersion or type, and malformed fields.
 */
export function chartMetadataFrom(y: PositionedYaml, file: string): ChartMetadata {
  const doc = y.value;
  if (!isRecord(doc)) throw new ChartInvalidError(`${file}: Chart.yaml must be a YAML map of fields`);
  const apiVersion = str(y, file, doc, 'apiVersion', []) ?? 'v1';
  if (apiVersion !== 'v1' && apiVersion !== 'v2') {
    throw new ChartInvalidError(`${at(file, y, ['apiVersion'])}: apiVersion "${apiVersion}" is not supported (use "v2"; "v1" is read for old charts)`);
  }
  const name = str(y, file, doc, 'name', []);
  if (!name) throw new ChartInvalidError(`${file}: validation: chart.metadata.name is required`);
  if (name === '.' || name === '..' || /[/\\]/.test(name)) {
    throw new ChartInvalidError(`${at(file, y, ['name'])}: validation: chart.metadata.name "${name}" is invalid (it must not be "." or ".." or contain a path)`);
  }
  const rawVersion = doc.version;
  if (rawVersion === undefined || rawVersion === null || rawVersion === '') {
    throw new ChartInvalidError(`${file}: validation: chart.metadata.version is required`);
  }
  // Helm reads the version as written (`1.0` stays "1.0") and accepts what
  // Masterminds' NewVersion parses: a leading "v" (cert-manager's "v1.16.2"),
  // missing minor/patch ("1.0"), but not four parts or words.
  const version = typeof rawVersion === 'number' ? (y.sourceOf(['version']) ?? String(rawVersion)) : String(rawVersion);
  if ((typeof rawVersion !== 'string' && typeof rawVersion !== 'number') || !isLooseVersion(version)) {
    throw new ChartInvalidError(`${at(file, y, ['version'])}: validation: chart.metadata.version "${version}" is invalid: it must be a semantic version such as 1.2.3`);
  }
  const md: ChartMetadata = { apiVersion, name, version };
  const type = str(y, file, doc, 'type', []);
  if (type !== undefined && type !== '') {
    if (type !== 'application' && type !== 'library') {
      throw new ChartInvalidError(`${at(file, y, ['type'])}: validation: chart.metadata.type must be application or library, not "${type}"`);
    }
    md.type = type;
  }
  for (const k of ['kubeVersion', 'description', 'home', 'icon', 'appVersion'] as const) {
    const v = str(y, file, doc, k, []);
    if (v !== undefined) md[k] = v;
  }
  if (md.kubeVersion !== undefined && md.kubeVersion.trim() === '') delete md.kubeVersion;
  const keywords = strList(y, file, doc, 'keywords');
  if (keywords) md.keywords = keywords;
  const sources = strList(y, file, doc, 'sources');
  if (sources) md.sources = sources;
  if (doc.deprecated !== undefined && doc.deprecated !== null) {
    if (typeof doc.deprecated !== 'boolean') throw new ChartInvalidError(`${at(file, y, ['deprecated'])}: deprecated must be true or false`);
    md.deprecated = doc.deprecated;
  }
  if (doc.annotations !== undefined && doc.annotations !== null) {
    if (!isRecord(doc.annotations)) throw new ChartInvalidError(`${at(file, y, ['annotations'])}: annotations must be a map of strings`);
    md.annotations = Object.fromEntries(Object.entries(doc.annotations).map(([k, v]) => [k, v === null ? '' : String(v)]));
  }
  if (doc.maintainers !== undefined && doc.maintainers !== null) {
    if (!Array.isArray(doc.maintainers)) throw new ChartInvalidError(`${at(file, y, ['maintainers'])}: maintainers must be a list`);
    md.maintainers = doc.maintainers.map((m, i): Maintainer => {
      if (!isRecord(m)) throw new ChartInvalidError(`${at(file, y, ['maintainers', i])}: validation: maintainers must not contain empty or null entries`);
      const mname = str(y, file, m, 'name', ['maintainers', i]);
      if (!mname) throw new ChartInvalidError(`${at(file, y, ['maintainers', i])}: validation: each maintainer requires a name`);
      const out: Maintainer = { name: mname };
      const email = str(y, file, m, 'email', ['maintainers', i]);
      if (email) out.email = email;
      const url = str(y, file, m, 'url', ['maintainers', i]);
      if (url) out.url = url;
      return out;
    });
  }
  if (apiVersion === 'v2' || doc.dependencies !== undefined) {
    const deps = parseDependencies(y, file, doc.dependencies, ['dependencies']);
    if (deps.length > 0) md.dependencies = deps;
  }
  return md;
}

