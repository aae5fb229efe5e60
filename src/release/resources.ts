// A release's manifest as cluster objects: parsing the stored manifest text,
// identity (group/kind/namespace/name, Helm's isMatchingInfo), and the
// ownership metadata Helm writes and checks (pkg/action/validate.go).
import { parse } from 'yaml';
import { SkiffError } from '../errors.js';
import type { Backend } from '../kube/backend.js';
import { parseApiVersion, type KubeObject } from '../apimachinery/types.js';
import { splitDocuments } from '../render/manifests.js';
import { cloneJson } from '../util/json.js';
import { setOwn } from '../util/own-keys.js';
import { fastYaml } from '../util/fast-yaml.js';
import { CORE_SCALARS } from '../util/fast-yaml-core.js';

/** One object of a release, placed in its namespace. */
export interface Resource {
  readonly obj: KubeObject;
  /** "group/Kind/namespace/name": equal across API versions of one kind. */
  readonly key: string;
  /** The template it came from ("webapp/templates/deployment.yaml"), when known. */
  readonly source?: string;
  /** HIP-0025's `helm.sh/depends-on/...` annotations, taken off `obj` (see ORDERING_ANNOTATION_PREFIX). */
  readonly ordering?: Readonly<Record<string, string>>;
}

/**
 * HIP-0025's `helm.sh/depends-on/<what>` annotation keys are instructions to
 * skiff (src/release/order.ts) and not valid Kubernetes annotation keys (a
 * key has at most one "/"), which the API server refuses: they stay in the
 * recorded manifest but are taken off the object that is applied.
 */
export const ORDERING_ANNOTATION_PREFIX = 'helm.sh/depends-on/';

/** Moves the ordering annotations off `obj` (in place); returns them, or undefined when there were none. */
export function takeOrdering(obj: KubeObject): Record<string, string> | undefined {
  const ann = obj.metadata.annotations;
  if (!ann || typeof ann !== 'object') return undefined;
  const keys = Object.keys(ann);
  if (!keys.some((k) => k.startsWith(ORDERING_ANNOTATION_PREFIX))) return undefined;
  const ordering: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const k of keys) setOwn(k.startsWith(ORDERING_ANNOTATION_PREFIX) ? ordering : rest, k, ann[k]!);
  if (Object.keys(rest).length) obj.metadata.annotations = rest;
  else delete obj.metadata.annotations;
  return ordering;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const RELEASE_NAME_ANNOTATION = 'meta.helm.sh/release-name';
export const RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';
export const RESOURCE_POLICY_ANNOTATION = 'helm.sh/resource-policy';

export function resourceKey(obj: KubeObject): string {
  const { group } = parseApiVersion(obj.apiVersion);
  return `${group}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

/** "Deployment web" / "Deployment web (in namespace x)" for messages. */
export function describe(obj: KubeObject): string {
  return `${obj.kind} ${obj.metadata.name ?? ''}`;
}

/**
 * Splits manifest text ("---\n# Source: x\n<yaml>" documents, split as Helm's
 * SplitManifests splits) into its non-empty documents and their sources.
 */
export function splitManifest(text: string): { source?: string; content: string }[] {
  const out: { source?: string; content: string }[] = [];
  for (const doc of splitDocuments(text)) {
    const m = /^\s*# Source: (.+)$/m.exec(doc);
    const content = doc.trim();
    if (!content || /^(#.*\s*)*$/.test(content)) continue;
    out.push({ ...(m ? { source: m[1]!.trim() } : {}), content });
  }
  return out;
}

// One release operation parses the same manifest texts several times (the
// old and the new release, validate, install, upgrade, rollback, uninstall):
// each distinct text is parsed once and handed out as a fresh copy.
const parsed = new Map<string, unknown>();
let parsedChars = 0;
const PARSED_MAX_CHARS = 16 << 20;

/**
 * A manifest document as data (a copy the caller may change); throws the YAML
 * parser's error. Plain block YAML, what charts render, is read by the fast
 * reader (src/util/fast-yaml.ts), which gives what the yaml library gives or
 * declines; the library reads the rest.
 */
export function parseManifest(content: string): unknown {
  let value = parsed.get(content);
  if (value === undefined && !parsed.has(content)) {
    value = fastYaml(content, CORE_SCALARS);
    if (value === undefined) value = parse(content);
    if (parsedChars + content.length > PARSED_MAX_CHARS) {
      parsed.clear();
      parsedChars = 0;
    }
    parsed.set(content, value);
    parsedChars += content.length;
  }
  return cloneJson(value);
}

/**
 * Parses manifest documents into objects placed in `namespace` when their
 * kind is namespaced (discovery decides); throws SkiffError naming the
 * template for a document that is not a Kubernetes object.
 */
export async function toResources(docs: readonly { source?: string; content: string }[], backend: Backend, namespace: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const d of docs) {
    let obj: KubeObject;
    try {
      obj = parseManifest(d.content) as KubeObject;
    } catch (err) {
      throw new SkiffError('MANIFEST_INVALID', `${d.source ?? 'manifest'}: ${(err as Error).message}`);
    }
    if (!obj || typeof obj !== 'object') continue;
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
      throw new SkiffError('MANIFEST_INVALID', `${d.source ?? 'manifest'}: object is missing apiVersion, kind or metadata.name`);
    }
    const info = await backend.discovery.resolve(obj.apiVersion, obj.kind);
    obj.metadata = { ...obj.metadata };
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || namespace;
    else delete obj.metadata.namespace;
    const ordering = takeOrdering(obj);
    out.push({ obj, key: resourceKey(obj), ...(d.source ? { source: d.source } : {}), ...(ordering ? { ordering } : {}) });
  }
  return out;
}

/** Sets Helm's ownership label and annotations (setMetadataVisitor, force=true). */
export function setOwnership(obj: KubeObject, release: string, namespace: string): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...(obj.metadata.labels ?? {}), [MANAGED_BY_LABEL]: 'Helm' },
      annotations: { ...(obj.metadata.annotations ?? {}), [RELEASE_NAME_ANNOTATION]: release, [RELEASE_NAMESPACE_ANNOTATION]: namespace },
    },
  };
}

/** Helm's checkOwnership: why `live` may not be taken over by the release, or undefined when it may. */
export function ownershipProblem(live: KubeObject, release: string, namespace: string): string | undefined {
  const errs: string[] = [];
  const check = (kind: 'label' | 'annotation', map: Record<string, string> | undefined, key: string, want: string) => {
    const v = map?.[key];
    if (v === undefined) errs.push(`${kind} validation error: missing key "${key}": must be set to "${want}"`);
    else if (v !== want) errs.push(`${kind} validation error: key "${key}" must equal "${want}": current value is "${v}"`);
  };
  check('label', live.metadata.labels, MANAGED_BY_LABEL, 'Helm');
  check('annotation', live.metadata.annotations, RELEASE_NAME_ANNOTATION, release);
  check('annotation', live.metadata.annotations, RELEASE_NAMESPACE_ANNOTATION, namespace);
  if (errs.length === 0) return undefined;
  const where = live.metadata.namespace ? ` in namespace "${live.metadata.namespace}"` : '';
  return `${live.kind} "${live.metadata.name}"${where} exists and cannot be imported into the current release: invalid ownership metadata; ${errs.join('; ')}`;
}

/** True when the object asks to be kept (helm.sh/resource-policy: keep, trimmed, any case). */
export function isKept(obj: KubeObject | undefined): boolean {
  return obj?.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION]?.trim().toLowerCase() === 'keep';
}

/** A readiness message without a leading "Kind name: " (the display already names the object). */
export function bareMessage(obj: KubeObject, message: string): string {
  const prefix = `${obj.kind} ${obj.metadata.name ?? ''}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
