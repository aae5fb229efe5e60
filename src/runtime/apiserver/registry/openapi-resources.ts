// The registry's built-in resources in the shape the OpenAPI documents are
// generated from (apimachinery/schema's ResourceInfo): the registry is the one list of
// what the server serves, so the documents can never describe another set.
import type { ResourceInfo, SubresourceInfo } from '../../../apimachinery/schema/index.js';
import type { ResourceDef } from './types.js';
import { builtinResources } from './index.js';

/** Streaming subresources kube-apiserver documents as connect operations without a schema; not described. */
const CONNECT = new Set(['log', 'exec', 'attach', 'portforward', 'proxy']);

const HTTP_VERB: Record<string, SubresourceInfo['verbs'][number]> = { get: 'get', update: 'put', patch: 'patch', create: 'post' };

function toInfo(r: ResourceDef): ResourceInfo {
  const subresources: SubresourceInfo[] = [];
  for (const s of r.subresources ?? []) {
    if (CONNECT.has(s.name)) continue;
    const own = s.group === r.group && s.version === r.version && s.kind === r.kind;
    const verbs = s.verbs.map((v) => HTTP_VERB[v]).filter((v): v is SubresourceInfo['verbs'][number] => v !== undefined);
    subresources.push({ name: s.name, kind: own ? undefined : { group: s.group, version: s.version, kind: s.kind }, verbs });
  }
  const createOnly = r.verbs.length === 1 && r.verbs[0] === 'create';
  return { group: r.group, version: r.version, kind: r.kind, plural: r.plural, namespaced: r.namespaced, createOnly, verbs: r.verbs, subresources };
}

let cache: readonly ResourceInfo[] | undefined;

/** Every built-in resource for the OpenAPI documents; the same array on every call (documents are cached by it). */
export function openApiResources(): readonly ResourceInfo[] {
  cache ??= builtinResources().map(toInfo);
  return cache;
}
