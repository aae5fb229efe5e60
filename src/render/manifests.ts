// Splitting rendered files into Kubernetes documents, separating hooks and
// sorting in Helm's install order (pkg/releaseutil: manifest.go,
// manifest_sorter.go, kind_sorter.go), plus the `helm template` text format.
import { parseDocument } from 'yaml';
import { RenderError } from '../errors.js';
import { collectionKey } from '../chart/values-yaml.js';
import { fastHead } from './fast-head.js';
import { documentRead } from './baseline-code.js';
import { HEAD_CACHE_MIN_BYTES, headCache, type DocumentHead } from './head-cache.js';
import { setOwn } from '../util/own-keys.js';

/** One rendered Kubernetes document. `source` is "<chart>/templates/<file>". */
export interface Manifest {
  readonly source: string;
  readonly content: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /**
   * A document holding no object: comments only (what a template whose
   * resource is switched off leaves), `null` or `~`. `helm template` prints
   * it like any manifest (kind "" sorts after the known kinds, before the
   * other unknown ones); nothing applies it.
   */
  readonly empty?: true;
}

/** A document carrying a `helm.sh/hook` annotation. */
export interface Hook extends Manifest {
  readonly events: string[];
  readonly weight: number;
  readonly deletePolicies: string[];
}

/**
 * Helm 4's InstallOrder: kinds created first come first. Helm 4 added the
 * webhook configurations at the end (Helm 3.17 sorts them as unknown kinds),
 * so a webhook exists only once what serves it does.
 */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service',
  'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet',
  'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];

/** Helm 4's UninstallOrder: kinds deleted first come first (validating webhooks before mutating ones, so neither blocks the rest). */
export const UNINSTALL_ORDER: readonly string[] = [
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'Ingress', 'IngressClass', 'Service', 'CronJob', 'Job', 'StatefulSet', 'HorizontalPodAutoscaler',
  'Deployment', 'ReplicaSet', 'ReplicationController', 'Pod', 'DaemonSet', 'RoleBindingList', 'RoleBinding',
  'RoleList', 'Role', 'ClusterRoleBindingList', 'ClusterRoleBinding', 'ClusterRoleList', 'ClusterRole',
  'CustomResourceDefinition', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'ConfigMap',
  'SecretList', 'Secret', 'ServiceAccount', 'PodDisruptionBudget', 'PodSecurityPolicy', 'LimitRange',
  'ResourceQuota', 'NetworkPolicy', 'Namespace', 'PriorityClass',
];

/** The hook events Helm knows; `test-success` is Helm 2's name for `test`. */
export const HOOK_EVENTS: readonly string[] = [
  'pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade',
  'pre-rollback', 'post-rollback', 'test',
];

const SEPARATOR = /(?:^|\s*\n)---\s*/;

/** Splits one rendered file into its YAML documents exactly as Helm's SplitManifests does (empty ones included). */
export function splitDocuments(text: string): string[] {
  return text.split(SEPARATOR);
}

function isPartial(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.startsWith('_');
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

type Head = DocumentHead;

function parseHead(source: string, doc: string, fileText: string, docOffset: number): Head {
  documentRead();
  const fast = fastHead(doc);
  if (fast !== undefined) return fast;
  const heads = doc.length < HEAD_CACHE_MIN_BYTES ? undefined : headCache(import.meta.url);
  if (heads === undefined) return parsedHead(source, doc, fileText, docOffset);
  const key = heads.key(doc);
  const known = heads.get(key);
  if (known !== undefined) return known;
  const head = parsedHead(source, doc, fileText, docOffset);
  heads.put(key, head);
  return head;
}

/** A document's head by the yaml library's full parse, which also decides, as Helm's, what is an error. */
function parsedHead(source: string, doc: string, fileText: string, docOffset: number): Head {
  const parsed = parseDocument(doc, { uniqueKeys: false, strict: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    const line = lineOf(fileText, docOffset) + (e.linePos?.[0]?.line ?? 1) - 1;
    const reason = e.message.split('\n')[0];
    throw new RenderError(`YAML parse error on ${source} at line ${line}: ${reason}`, { template: source, line });
  }
  const badKey = collectionKey(parsed);
  if (badKey) {
    const at = lineOf(fileText, docOffset) + lineOf(doc, badKey.offset) - 1;
    throw new RenderError(`YAML parse error on ${source} at line ${at}: ${badKey.message}`, { template: source, line: at });
  }
  const obj = parsed.toJS({ maxAliasCount: 100 }) as unknown;
  const line = lineOf(fileText, docOffset);
  // A document of comments only (what a false `{% if %}` around a whole manifest leaves), `null` or `~` holds no object.
  if (obj === null) return { apiVersion: '', kind: '', name: '', annotations: {}, empty: true };
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    throw new RenderError(
      `YAML parse error on ${source} at line ${line}: a manifest must be a mapping with apiVersion and kind, got ${Array.isArray(obj) ? 'a list' : 'a ' + typeof obj}`,
      { template: source, line },
    );
  }
  const o = obj as Record<string, unknown>;
  const meta = (o.metadata !== null && typeof o.metadata === 'object' ? o.metadata : {}) as Record<string, unknown>;
  const ann = (meta.annotations !== null && typeof meta.annotations === 'object' ? meta.annotations : {}) as Record<string, unknown>;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(ann)) setOwn(annotations, k, str(v));
  const head: Head = { apiVersion: str(o.apiVersion), kind: str(o.kind), name: str(meta.name), annotations };
  if (meta.namespace !== undefined && meta.namespace !== null && meta.namespace !== '') head.namespace = str(meta.namespace);
  return head;
}

function byKind(order: readonly string[]): (a: Manifest, b: Manifest) => number {
  const rank = new Map(order.map((k, i) => [k, i]));
  // Same comparator as kind_sorter.go: known kinds by rank, unknown kinds last
  // and alphabetical, equal kinds by source path; the sort is stable.
  return (a, b) => {
    const ra = rank.get(a.kind);
    const rb = rank.get(b.kind);
    if (ra === rb) {
      if (ra === undefined && a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
      return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
    }
    if (ra === undefined) return 1;
    if (rb === undefined) return -1;
    return ra - rb;
  };
}

/** Options of sortManifests. */
export interface SortOptions {
  /** Available API versions (reserved for capability-dependent sorting; not needed for ordering). */
  readonly apiVersions?: readonly string[];
  /** Sort for uninstall (Helm's UninstallOrder) instead of install. */
  readonly uninstall?: boolean;
  /** Keep documents that hold no object (see Manifest.empty), as `helm template` prints them. */
  readonly keepEmpty?: boolean;
}

/**
 * Splits rendered files into documents, drops partials, blank documents and
 * (unless `keepEmpty`) documents holding no object,
 * separates hooks (documents with a `helm.sh/hook` annotation; unknown events
 * make Helm skip the document) and sorts both by kind in install (or
 * uninstall) order. Throws RenderError naming the template and line when a
 * document is not valid YAML or not a mapping.
 */
export function sortManifests(files: Record<string, string>, opts: SortOptions = {}): { manifests: Manifest[]; hooks: Hook[] } {
  const manifests: Manifest[] = [];
  const hooks: Hook[] = [];
  const paths = Object.keys(files).sort();
  for (const source of paths) {
    const text = files[source]!;
    const p = primed.get(source);
    let entries: FileEntries;
    if (p !== undefined && p.text === text) {
      primed.delete(source);
      if (p.error !== undefined) throw p.error;
      entries = p.entries!;
    } else {
      entries = fileEntries(source, text);
    }
    for (const m of entries.manifests) if (opts.keepEmpty || !m.empty) manifests.push(m);
    hooks.push(...entries.hooks);
  }
  const order = opts.uninstall ? UNINSTALL_ORDER : INSTALL_ORDER;
  manifests.sort(byKind(order));
  // Hooks are sorted by kind only, as Helm records them; running them orders
  // each event's hooks by weight then name (sortHooksForRun, pkg/action/hooks.go).
  return { manifests, hooks: [...hooks].sort(byKind(order)) };
}

interface FileEntries { manifests: Manifest[]; hooks: Hook[] }

// Files already split and parsed while the render process was still working
// on the next ones (see primeManifests); sortManifests takes them if the text matches.
const primed = new Map<string, { text: string; entries?: FileEntries; error?: unknown }>();
const MAX_PRIMED = 50_000;

/**
 * Splits and parses one rendered file ahead of sortManifests, so that this
 * work overlaps with rendering the rest of the chart. Never throws: an error
 * is kept and thrown by the sortManifests call that uses this file.
 */
export function primeManifests(source: string, text: string): void {
  if (primed.size >= MAX_PRIMED) primed.clear();
  try {
    primed.set(source, { text, entries: fileEntries(source, text) });
  } catch (error) {
    primed.set(source, { text, error });
  }
}

/** The documents of a text and where each starts, split as Helm's SplitManifests splits. */
function documents(text: string): { doc: string; offset: number }[] {
  const re = new RegExp(SEPARATOR.source, 'g');
  let start = 0;
  const pieces: { doc: string; offset: number }[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    pieces.push({ doc: text.slice(start, m.index), offset: start });
    start = m.index + m[0].length;
  }
  pieces.push({ doc: text.slice(start), offset: start });
  return pieces;
}

/**
 * Reads back manifests a post-renderer printed: a document that starts with
 * a `# Source:` comment keeps that source, others get `origin`; the order is
 * the post-renderer's, as Helm applies its output as written. Throws
 * RenderError naming `origin` and the line of a document that is not a
 * manifest.
 */
export function readManifests(origin: string, text: string): Manifest[] {
  const out: Manifest[] = [];
  for (const { doc, offset } of documents(text)) {
    let content = doc.trim();
    if (content === '') continue;
    let source = origin;
    let at = offset + (doc.length - doc.trimStart().length);
    const m = /^# Source: (.*)\n/.exec(content);
    if (m) {
      source = m[1]!.trim();
      at += m[0].length;
      content = content.slice(m[0].length).trim();
    }
    const head = parseHead(origin, content, text, at);
    if (head.empty) continue;
    out.push({ source, content, apiVersion: head.apiVersion, kind: head.kind, name: head.name, ...(head.namespace !== undefined ? { namespace: head.namespace } : {}) });
  }
  return out;
}

function fileEntries(source: string, text: string): FileEntries {
  const manifests: Manifest[] = [];
  const hooks: Hook[] = [];
  if (isPartial(source) || text.trim() === '') return { manifests, hooks };
  for (const { doc, offset } of documents(text)) {
    const content = doc.trim();
    if (content === '') continue;
    const lead = doc.length - doc.trimStart().length;
    const head = parseHead(source, content, text, offset + lead);
    const base: Manifest = {
      source, content, apiVersion: head.apiVersion, kind: head.kind, name: head.name,
      ...(head.namespace !== undefined ? { namespace: head.namespace } : {}),
      ...(head.empty ? { empty: true as const } : {}),
    };
    const hookAnn = head.annotations['helm.sh/hook'];
    if (hookAnn === undefined) {
      manifests.push(base);
      continue;
    }
    const events: string[] = [];
    let unknown = false;
    for (const raw of hookAnn.split(',')) {
      let e = raw.trim().toLowerCase();
      if (e === 'test-success') e = 'test';
      if (!HOOK_EVENTS.includes(e)) { unknown = true; break; }
      events.push(e);
    }
    if (unknown) continue; // Helm logs "skipping unknown hook" and drops the document
    const w = head.annotations['helm.sh/hook-weight'];
    const weight = w !== undefined && /^[+-]?\d+$/.test(w.trim()) ? Number.parseInt(w.trim(), 10) : 0;
    const dp = head.annotations['helm.sh/hook-delete-policy'];
    const deletePolicies = dp === undefined ? [] : dp.split(',').map((s) => s.trim().toLowerCase());
    hooks.push({ ...base, events, weight, deletePolicies });
  }
  return { manifests, hooks };
}

/** The hooks of one event in the order Helm runs them: by weight, then by name. */
export function sortHooksForRun<T extends Hook>(hooks: readonly T[]): T[] {
  return [...hooks].sort((a, b) => (a.weight !== b.weight ? a.weight - b.weight : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Sorts already-split manifests for uninstall (Helm's UninstallOrder), stable. */
export function sortForUninstall<T extends Manifest>(manifests: readonly T[]): T[] {
  return [...manifests].sort(byKind(UNINSTALL_ORDER));
}

/**
 * The `helm template` text: every manifest, then every hook, each as
 * `---\n# Source: <path>\n<content>\n`. Pure, so identical input gives identical bytes.
 */
export function formatManifests(manifests: readonly Manifest[], hooks: readonly Manifest[] = []): string {
  let out = '';
  for (const m of manifests) out += `---\n# Source: ${m.source}\n${m.content}\n`;
  for (const h of hooks) out += `---\n# Source: ${h.source}\n${h.content}\n`;
  return out;
}
