// The paths part of the OpenAPI v3 documents (openapi.ts): each resource's
// collection, item and subresource operations with kube-apiserver's query
// parameters, request and response bodies and operation ids.
import { typeForGvk } from './catalog.js';
import { gvPath, type ResourceInfo } from './resources.js';

export type Schema = Record<string, unknown>;

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const REF = (id: string) => `#/components/schemas/${id}`;

const QUERY: Record<string, Schema> = {
  dryRun: { name: 'dryRun', in: 'query', description: 'When present ("All"), the change is validated but not persisted.', schema: { type: 'string', uniqueItems: true } },
  fieldManager: { name: 'fieldManager', in: 'query', description: 'Name of the actor making the change, recorded in managedFields.', schema: { type: 'string', uniqueItems: true } },
  fieldValidation: {
    name: 'fieldValidation',
    in: 'query',
    description: 'What to do with unknown or duplicate fields: Ignore, Warn (default) or Strict (reject).',
    schema: { type: 'string', uniqueItems: true },
  },
  force: { name: 'force', in: 'query', description: 'Apply requests only: take over fields owned by other managers.', schema: { type: 'boolean', uniqueItems: true } },
  pretty: { name: 'pretty', in: 'query', description: 'Pretty-print the output.', schema: { type: 'string', uniqueItems: true } },
  gracePeriodSeconds: { name: 'gracePeriodSeconds', in: 'query', description: 'Seconds before the object is deleted.', schema: { type: 'integer', uniqueItems: true } },
  propagationPolicy: { name: 'propagationPolicy', in: 'query', description: 'Orphan, Background or Foreground deletion of dependents.', schema: { type: 'string', uniqueItems: true } },
  orphanDependents: { name: 'orphanDependents', in: 'query', description: 'Deprecated: use propagationPolicy.', schema: { type: 'boolean', uniqueItems: true } },
  labelSelector: { name: 'labelSelector', in: 'query', description: 'Only objects whose labels match.', schema: { type: 'string', uniqueItems: true } },
  fieldSelector: { name: 'fieldSelector', in: 'query', description: 'Only objects whose fields match.', schema: { type: 'string', uniqueItems: true } },
  limit: { name: 'limit', in: 'query', description: 'Maximum number of items in one page.', schema: { type: 'integer', uniqueItems: true } },
  continue: { name: 'continue', in: 'query', description: 'Token of the next page.', schema: { type: 'string', uniqueItems: true } },
  resourceVersion: { name: 'resourceVersion', in: 'query', description: 'Consistency of the read, or where a watch starts.', schema: { type: 'string', uniqueItems: true } },
  resourceVersionMatch: { name: 'resourceVersionMatch', in: 'query', description: 'How resourceVersion is applied to list calls.', schema: { type: 'string', uniqueItems: true } },
  timeoutSeconds: { name: 'timeoutSeconds', in: 'query', description: 'Time limit of the list or watch call.', schema: { type: 'integer', uniqueItems: true } },
  watch: { name: 'watch', in: 'query', description: 'Stream changes instead of returning a list.', schema: { type: 'boolean', uniqueItems: true } },
  allowWatchBookmarks: { name: 'allowWatchBookmarks', in: 'query', description: 'Ask for BOOKMARK watch events.', schema: { type: 'boolean', uniqueItems: true } },
  sendInitialEvents: { name: 'sendInitialEvents', in: 'query', description: 'Start a watch with synthetic events for existing objects.', schema: { type: 'boolean', uniqueItems: true } },
};
const q = (...names: string[]) => names.map((n) => QUERY[n]!);

const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];
const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];

function content(id: string, types: readonly string[]): Schema {
  const out: Schema = {};
  for (const t of types) out[t] = { schema: { $ref: REF(id) } };
  return out;
}
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
export const ok = (id: string, codes: string[] = ['200']) => {
  const r: Schema = {};
  for (const c of codes) r[c] = { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content: content(id, RESPONSE_TYPES) };
  r['401'] = { description: 'Unauthorized' };
  return r;
};

export function groupWord(group: string): string {
  if (group === '') return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/** A served resource with the component ids and PATCH types its paths name. */
export interface PathResource extends ResourceInfo {
  /** Component id of the kind and of its List kind. */
  readonly id: string;
  readonly listId?: string;
  /** PATCH content types: built-ins accept strategic merge patch, custom resources do not. */
  readonly patchTypes: readonly string[];
}

export const BUILTIN_PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
export const CR_PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];

export function addPaths(paths: Record<string, Schema>, r: PathResource): Set<string> {
  const refs = new Set<string>([r.id, `${META}.Status`, `${META}.DeleteOptions`, `${META}.Patch`]);
  if (r.listId) refs.add(r.listId);
  const gvk = { group: r.group, kind: r.kind, version: r.version };
  const tag = `${r.group === '' ? 'core' : r.group.replace(/\.k8s\.io$/, '').replace(/\./g, '_')}_${r.version}`;
  const opBase = `${groupWord(r.group)}${r.version.charAt(0).toUpperCase()}${r.version.slice(1)}`;
  const ns = r.namespaced ? 'Namespaced' : '';
  const prefix = `/${gvPath(r.group, r.version)}`;
  const collection = `${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
  const nameParam = { name: 'name', in: 'path', description: `name of the ${r.kind}`, required: true, schema: { type: 'string', uniqueItems: true } };
  const nsParam = { name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string', uniqueItems: true } };
  const scopeParams = r.namespaced ? [nsParam, QUERY.pretty] : [QUERY.pretty];
  const op = (action: string, verb: string, opId: string, extra: Schema): Schema => ({
    tags: [tag],
    description: `${verb} ${r.kind}`,
    operationId: opId,
    ...extra,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  });
  const body = (id: string, types: readonly string[]) => ({ content: content(id, types), required: true });
  const serves = (verb: string) => !r.verbs || r.verbs.includes(verb);

  const coll: Schema = { parameters: scopeParams };
  if (serves('create')) coll.post = op('post', 'create a', `create${opBase}${ns}${r.kind}`, {
    parameters: q(...WRITE_PARAMS),
    requestBody: body(r.id, ['*/*']),
    responses: ok(r.id, r.createOnly ? ['200', '201', '202'] : ['200', '201', '202']),
  });
  if (!r.createOnly) {
    if (serves('list')) coll.get = op('list', 'list or watch objects of kind', `list${opBase}${ns}${r.kind}`, { parameters: q(...LIST_PARAMS), responses: ok(r.listId ?? r.id) });
    if (serves('deletecollection')) coll.delete = op('deletecollection', 'delete collection of', `delete${opBase}Collection${ns}${r.kind}`, {
      parameters: q('dryRun', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents', ...LIST_PARAMS.filter((p) => p !== 'watch' && p !== 'allowWatchBookmarks')),
      requestBody: body(`${META}.DeleteOptions`, ['*/*']),
      responses: ok(`${META}.Status`),
    });
  }
  paths[collection] = coll;
  if (r.createOnly) return refs;

  if (r.namespaced && serves('list')) {
    paths[`${prefix}/${r.plural}`] = {
      get: op('list', 'list or watch objects of kind', `list${opBase}${r.kind}ForAllNamespaces`, { responses: ok(r.listId ?? r.id) }),
      parameters: [QUERY.pretty, ...q(...LIST_PARAMS)],
    };
  }

  const item: Schema = { parameters: [nameParam, ...scopeParams] };
  item.get = op('get', 'read the specified', `read${opBase}${ns}${r.kind}`, { responses: ok(r.id) });
  if (serves('update')) item.put = op('put', 'replace the specified', `replace${opBase}${ns}${r.kind}`, {
    parameters: q(...WRITE_PARAMS),
    requestBody: body(r.id, ['*/*']),
    responses: ok(r.id, ['200', '201']),
  });
  if (serves('patch')) item.patch = op('patch', 'partially update the specified', `patch${opBase}${ns}${r.kind}`, {
    parameters: q(...WRITE_PARAMS, 'force'),
    requestBody: body(`${META}.Patch`, r.patchTypes),
    responses: ok(r.id, ['200', '201']),
  });
  if (serves('delete')) item.delete = op('delete', 'delete a', `delete${opBase}${ns}${r.kind}`, {
    parameters: q('dryRun', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents'),
    requestBody: body(`${META}.DeleteOptions`, ['*/*']),
    responses: ok(`${META}.Status`, ['200', '202']),
  });
  paths[`${collection}/{name}`] = item;

  for (const sub of r.subresources) {
    const subT = sub.kind ? typeForGvk(sub.kind) : undefined;
    const subId = subT?.id ?? r.id;
    refs.add(subId);
    const word = sub.name.charAt(0).toUpperCase() + sub.name.slice(1);
    const sgvk = sub.kind ? { group: sub.kind.group, kind: sub.kind.kind, version: sub.kind.version } : gvk;
    const sop = (action: string, verb: string, opId: string, extra: Schema): Schema => ({
      tags: [tag],
      description: `${verb} ${sub.name} of the specified ${r.kind}`,
      operationId: opId,
      ...extra,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': sgvk,
    });
    const s: Schema = { parameters: [{ ...nameParam, description: `name of the ${sub.kind?.kind ?? r.kind}` }, ...scopeParams] };
    for (const v of sub.verbs) {
      if (v === 'get') s.get = sop('get', 'read', `read${opBase}${ns}${r.kind}${word}`, { responses: ok(subId) });
      if (v === 'put') s.put = sop('put', 'replace', `replace${opBase}${ns}${r.kind}${word}`, { parameters: q(...WRITE_PARAMS), requestBody: body(subId, ['*/*']), responses: ok(subId, ['200', '201']) });
      if (v === 'patch') {
        s.patch = sop('patch', 'partially update', `patch${opBase}${ns}${r.kind}${word}`, {
          parameters: q(...WRITE_PARAMS, 'force'),
          requestBody: body(`${META}.Patch`, r.patchTypes),
          responses: ok(subId, ['200', '201']),
        });
      }
      if (v === 'post') s.post = sop('post', 'create', `create${opBase}${ns}${r.kind}${word}`, { parameters: q(...WRITE_PARAMS), requestBody: body(subId, ['*/*']), responses: ok(subId, ['200', '201', '202']) });
    }
    paths[`${collection}/{name}/${sub.name}`] = s;
  }
  return refs;
}
