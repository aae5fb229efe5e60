// The HTTPS transport (and the same API on a unix socket, for skiff's own
// CLI): authentication, routing, body decoding (JSON, YAML, patches),
// content negotiation (JSON, Table, PartialObjectMetadata, aggregated
// discovery) and watch streaming. Every API request goes through
// Pipeline.handle — the same path in-process clients take.
import { createServer, type Server } from 'node:https';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { KubeObject } from '../../apimachinery/types.js';
import type { PatchType, ResourceRef } from '../../kube/client.js';
import { aggregatedDiscovery, apiGroupDoc, apiGroupList, apiResourceList, legacyApiVersions } from './discovery.js';
import type { ApiRequest, Pipeline, RequestParams, UserInfo, Verb } from './pipeline.js';
import * as E from './status.js';
import { buildTable, type IncludeObject } from './table.js';
import { tokenMatches } from './tls.js';
import { decodeDeleteOptionsBody, decodeProtobufBody, PROTOBUF_MEDIA_TYPE } from './protobuf/body.js';
import { partialListProtobuf, partialProtobuf } from './protobuf/metadata.js';
import { WatchFlusher } from './watch-flusher.js';
import { sendOpenApiV2 } from './openapi-v2-http.js';
import { depthExceeded } from './body-depth.js';
import { parseJsonYaml } from './json-body.js';
import { streamWatch, type WatchAnswer } from './watch-stream.js';
import { discoveryVersion, negotiate, parseAccept, type Answer } from './negotiate.js';
import { jsonText, metadataText } from '../store/json-text.js';
import { answerClientError, closeAfter, guardConnection, keepParserRunning, MAX_HEADER_BYTES, readBody, WatchBudget } from './request-limits.js';

export { MAX_BODY_BYTES } from './request-limits.js';

export interface OpenApiProvider {
  /** The /openapi/v3 index. */
  index(): object;
  /** One group-version document ("api/v1", "apis/apps/v1"), or undefined. */
  document(path: string): object | undefined;
  /** The /openapi/v2 document (Swagger 2.0) with its ETag, and its protobuf encoding. */
  v2(): { doc: object; etag: string; protobuf(): Buffer };
}

export interface HttpServerOptions {
  readonly pipeline: Pipeline;
  readonly token: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly now: () => Date;
  readonly openapi?: () => OpenApiProvider | undefined;
  readonly ready: () => boolean;
  /** Logs one line per failed request when set. */
  readonly log?: (line: string) => void;
  /** The cluster CA: client certificates are requested and verified against it. */
  readonly caPem?: string;
  /** Authentication and non-resource authorization; absent: the admin token only, as the admin. */
  readonly authority?: {
    identify(req: IncomingMessage): UserInfo;
    authorizePath(user: UserInfo, method: string, path: string): void;
  };
}

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0+skiff',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'gc',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

const ADMIN: UserInfo = { name: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] };
const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};
const BODY_TYPES = ['application/json', 'application/yaml'];

/** Serialises an answer; lists are assembled from their items' cached text. */
function toJson(body: unknown): string {
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) && (body as { kind?: string }).kind?.endsWith('List')) {
    const { items, ...rest } = body as { items: object[] };
    const head = JSON.stringify(rest);
    return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"items":[${items.map(jsonText).join(',')}]}`;
  }
  if (body && typeof body === 'object' && (body as { metadata?: unknown }).metadata) return jsonText(body as object);
  return JSON.stringify(body);
}

function send(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', headers: Record<string, string | string[]> = {}): void {
  const data = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : toJson(body));
  res.writeHead(code, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', 'Content-Length': data.length, ...headers });
  res.end(data);
}

function sendStatus(res: ServerResponse, err: E.ApiError): void {
  send(res, err.status.code, err.status);
}

function decodeBody(text: string, contentType: string, patch: boolean): unknown {
  const yaml = contentType === 'application/yaml' || contentType === 'application/apply-patch+yaml';
  const deep = depthExceeded(text, yaml);
  if (deep) {
    // encoding/json's wording for a document nested too deeply.
    const msg = `invalid character '${deep.char}' exceeded max depth`;
    throw E.badRequest(patch ? `error decoding patch: ${msg}` : yaml ? `error converting YAML to JSON: ${msg}` : `couldn't get version/kind; json parse error: ${msg}`);
  }
  if (yaml) {
    const json = parseJsonYaml(text);
    if (json !== undefined) return json;
    try {
      // yaml is required on first use: most clients send JSON.
      return (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text, { logLevel: 'error' });
    } catch (e) {
      const err = e as { message?: string; linePos?: { line: number }[] };
      const line = err.linePos?.[0]?.line;
      throw E.badRequest(`error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${(err.message ?? '').split('\n')[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    if (patch) throw E.badRequest(`error decoding patch: ${msg}`);
    throw E.badRequest(`couldn't get version/kind; json parse error: ${msg}`);
  }
}

const num = (v: string | null): number | undefined => (v === null || v === '' || !/^-?\d+$/.test(v) ? undefined : Number(v));
/**
 * A boolean query parameter, spelled as Go's strconv.ParseBool accepts (1, t, T, TRUE, true, True and
 * 0, f, F, FALSE, false, False; a bare `?name` is true). Anything else is a 400 rather than upstream's
 * "any value but 0/false is true", so that a typo never silently turns a list into a watch.
 */
function queryBool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (['', '1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw E.badRequest(`${name}: Invalid value: ${JSON.stringify(v)}: must be a boolean (true, false, 1, 0, t, f)`);
}

function paramsOf(q: URLSearchParams): RequestParams {
  const fv = q.get('fieldValidation');
  const pp = q.get('propagationPolicy');
  const p: RequestParams = {
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    limit: num(q.get('limit')),
    continue: q.get('continue') ?? undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
    allowWatchBookmarks: queryBool(q, 'allowWatchBookmarks'),
    sendInitialEvents: queryBool(q, 'sendInitialEvents'),
    timeoutSeconds: num(q.get('timeoutSeconds')),
    dryRun: q.getAll('dryRun').includes('All') || undefined,
    fieldManager: q.get('fieldManager') ?? undefined,
    force: queryBool(q, 'force'),
    fieldValidation: fv === 'Strict' || fv === 'Warn' || fv === 'Ignore' ? fv : undefined,
    propagationPolicy: pp === 'Orphan' || pp === 'Background' || pp === 'Foreground' ? pp : undefined,
    orphanDependents: queryBool(q, 'orphanDependents'),
    gracePeriodSeconds: num(q.get('gracePeriodSeconds')),
    container: q.get('container') ?? undefined,
    tailLines: num(q.get('tailLines')),
    previous: queryBool(q, 'previous'),
    timestamps: queryBool(q, 'timestamps'),
    follow: queryBool(q, 'follow'),
    limitBytes: num(q.get('limitBytes')),
    sinceSeconds: num(q.get('sinceSeconds')),
  };
  if (fv && !p.fieldValidation) throw E.badRequest(`fieldValidation: Invalid value: "${fv}": must be one of Ignore, Warn, or Strict`);
  if (q.get('limit') && p.limit === undefined) throw E.badRequest(`limit: Invalid value: "${q.get('limit')}": must be an integer`);
  if (q.get('timeoutSeconds') && p.timeoutSeconds === undefined) throw E.badRequest(`timeoutSeconds: Invalid value: "${q.get('timeoutSeconds')}": must be an integer`);
  return p;
}

/** One percent-decoded path segment; a malformed escape or bytes that are not UTF-8 are the client's error (400). */
function decodePathSegment(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    // Go's url package words a malformed escape as `invalid URL escape "%zz"`.
    const at = seg.search(/%(?![0-9a-fA-F]{2})/);
    throw E.badRequest(at >= 0 ? `invalid URL escape ${JSON.stringify(seg.slice(at, at + 3))}` : `invalid UTF-8 in the request path segment ${JSON.stringify(seg)}`);
  }
}

/** Splits a resource path into a ResourceRef, or undefined when it is not one (throws 400 for a path that does not decode). */
export function parseResourcePath(path: string): ResourceRef | undefined {
  const parts = path.split('/').filter(Boolean);
  const segs = path.includes('%') ? parts.map(decodePathSegment) : parts;
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1]!;
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1]!;
    version = segs[2]!;
    rest = segs.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return undefined;
  return { group, version, resource: rest[0]!, namespace, name: rest[1], subresource: rest[2] };
}

/** The HTTPS server and, on request, the unix-socket one: both answer through one listener, so watches share one flusher and one budget. */
export interface ApiServers {
  readonly https: Server;
  /**
   * A plain-HTTP server (not yet listening) for a unix socket: the same
   * routes and the same authentication as HTTPS (a request without valid
   * credentials is refused), only without TLS, whose job the socket file's
   * private folder and mode do. skiff's own CLI reaches its bundled cluster
   * through it; kubectl and Helm use HTTPS.
   */
  socketServer(): HttpServer;
}

/** Builds the HTTPS server (not yet listening). */
export function createApiHttpServer(o: HttpServerOptions): Server {
  return createApiServers(o).https;
}

/** Builds the API's servers (not yet listening). */
export function createApiServers(o: HttpServerOptions): ApiServers {
  const tlsAuth = o.caPem ? { ca: o.caPem, requestCert: true, rejectUnauthorized: false } : {};
  const flusher = new WatchFlusher();
  const budget = new WatchBudget();
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    keepParserRunning(req);
    if (!guardConnection(req)) return;
    handle(o, flusher, budget, req, res).catch((err) => {
      const e = err instanceof E.ApiError ? err : E.internal((err as Error)?.message ?? String(err));
      o.log?.(`${req.method} ${req.url}: ${e.status.code} ${e.status.message}`);
      // A body left unread (refused as too large) ends the connection rather than being drained.
      if (e.status.code === 413 && !req.complete) closeAfter(res);
      if (!res.headersSent) sendStatus(res, e);
      else res.end();
    });
  };
  const tune = <S extends HttpServer | Server>(server: S): S => {
    server.on('clientError', answerClientError);
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 70_000;
    server.requestTimeout = 0; // watches are long
    return server;
  };
  return {
    https: tune(createServer({ cert: o.certPem, key: o.keyPem, keepAlive: true, maxHeaderSize: MAX_HEADER_BYTES, ...tlsAuth }, listener)),
    socketServer: () => tune(createHttpServer({ keepAlive: true, maxHeaderSize: MAX_HEADER_BYTES }, listener)),
  };
}

async function handle(o: HttpServerOptions, flusher: WatchFlusher, budget: WatchBudget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  const qAt = rawUrl.indexOf('?');
  const path = (qAt < 0 ? rawUrl : rawUrl.slice(0, qAt)).replace(/\/+$/, '') || '/';
  const q = new URLSearchParams(qAt < 0 ? '' : rawUrl.slice(qAt + 1));
  const method = req.method ?? 'GET';
  if (path === '/healthz' || path === '/livez' || path === '/readyz' || path.startsWith('/livez/') || path.startsWith('/readyz/') || path.startsWith('/healthz/')) {
    req.resume();
    const ok = !path.startsWith('/readyz') || o.ready();
    send(res, ok ? 200 : 500, ok ? 'ok' : 'not ready', 'text/plain; charset=utf-8');
    return;
  }
  let user: UserInfo = ADMIN;
  if (o.authority) {
    try {
      user = o.authority.identify(req);
    } catch (err) {
      req.resume();
      throw err;
    }
  } else {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !tokenMatches(m[1]!, o.token)) {
      req.resume();
      throw E.unauthorized();
    }
  }
  const ref = parseResourcePath(path);
  if (o.authority && !ref) {
    try {
      o.authority.authorizePath(user, method, path);
    } catch (err) {
      req.resume();
      throw err;
    }
  }
  const accept = parseAccept(req.headers.accept);
  const host = req.headers.host ?? '127.0.0.1';
  if (method === 'GET') {
    if (path === '/version') return send(res, 200, SERVER_VERSION);
    if (path === '/api' || path === '/apis') {
      const v = discoveryVersion(accept);
      if (v) {
        return send(res, 200, aggregatedDiscovery(o.pipeline.catalog, path === '/api', v), `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`);
      }
      return send(res, 200, path === '/api' ? legacyApiVersions(host) : apiGroupList(o.pipeline.catalog));
    }
    const segs = path.split('/').filter(Boolean);
    if (segs[0] === 'api' && segs.length === 2) {
      const doc = apiResourceList(o.pipeline.catalog, '', segs[1]!);
      if (!doc) throw E.pathNotFound();
      return send(res, 200, doc);
    }
    if (segs[0] === 'apis' && segs.length === 2) {
      const doc = apiGroupDoc(o.pipeline.catalog, segs[1]!);
      if (!doc) throw E.pathNotFound();
      return send(res, 200, doc);
    }
    if (segs[0] === 'apis' && segs.length === 3) {
      const doc = apiResourceList(o.pipeline.catalog, segs[1]!, segs[2]!);
      if (!doc) throw E.pathNotFound();
      return send(res, 200, doc);
    }
    if (segs[0] === 'openapi') {
      const provider = o.openapi?.();
      if (provider && segs[1] === 'v2' && segs.length === 2) return sendOpenApiV2(req, res, provider);
      if (!provider || segs[1] !== 'v3') throw E.pathNotFound();
      if (segs.length === 2) return send(res, 200, provider.index());
      const doc = provider.document(segs.slice(2).join('/'));
      if (!doc) throw E.pathNotFound();
      return send(res, 200, doc, 'application/json', { 'Cache-Control': q.get('hash') ? 'public, immutable' : 'no-cache, private' });
    }
  }
  if (!ref) {
    req.resume();
    throw E.pathNotFound();
  }
  const params = paramsOf(q);
  let verb: Verb;
  let body: unknown;
  let patchType: PatchType | undefined;
  let rawBody: string | undefined;
  switch (method) {
    case 'GET':
      verb = queryBool(q, 'watch') ? 'watch' : ref.name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = ref.name ? 'delete' : 'deletecollection';
      break;
    default:
      req.resume();
      throw E.failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }
  if (verb === 'watch' && ref.name) {
    // A watch on one name is a list-watch with a name field selector.
    params.fieldSelector = [params.fieldSelector, `metadata.name=${ref.name}`].filter(Boolean).join(',');
    (ref as { name?: string }).name = undefined;
  }
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE') {
    const ct = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
    const buf = await readBody(req);
    if (method === 'PATCH') {
      patchType = PATCH_TYPES[ct];
      if (!patchType) throw E.unsupportedMediaType(Object.keys(PATCH_TYPES));
      body = decodeBody(buf.toString('utf8'), ct, true);
    } else if (buf.length > 0) {
      if (ct === PROTOBUF_MEDIA_TYPE) body = method === 'DELETE' ? decodeDeleteOptionsBody(buf) : decodeProtobufBody(buf);
      else {
        if (!BODY_TYPES.includes(ct) && !(method === 'DELETE' && ct === '')) throw E.unsupportedMediaType([...BODY_TYPES, PROTOBUF_MEDIA_TYPE]);
        const text = buf.toString('utf8');
        body = decodeBody(text, ct, false);
        if (ct === 'application/json') rawBody = text;
      }
    }
    if (method === 'DELETE' && body && typeof body === 'object') {
      const d = body as RequestParams & { kind?: string };
      if (d.propagationPolicy) params.propagationPolicy = d.propagationPolicy;
      if (d.gracePeriodSeconds !== undefined) params.gracePeriodSeconds = d.gracePeriodSeconds;
      if (d.orphanDependents !== undefined) params.orphanDependents = d.orphanDependents;
      if (d.preconditions) params.preconditions = d.preconditions;
      const dry = (body as { dryRun?: unknown }).dryRun;
      if (Array.isArray(dry) && dry.includes('All')) params.dryRun = true;
      body = undefined;
    }
  } else req.resume();
  // Writes without ?fieldManager are recorded under the User-Agent's product name, as kube-apiserver does.
  if (!params.fieldManager && patchType !== 'apply' && (method === 'POST' || method === 'PUT' || method === 'PATCH')) {
    const ua = (req.headers['user-agent'] ?? '').split('/')[0]!.slice(0, 128);
    if (ua) params.fieldManager = ua;
  }
  // pods/log produces text/plain (as upstream's log subresource declares), so a
  // client asking for exactly that is answered, not refused with 406.
  let answer: Answer = ref.subresource === 'log' && accept.some((m) => m.type === 'text/plain') ? { as: 'json' as const } : negotiate(accept);
  const apiReq: ApiRequest = { verb, ref, body, rawBody, patchType, params, user };
  const result = await o.pipeline.handle(apiReq);
  if (result.type === 'text' && result.follow) {
    res.writeHead(result.code, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.write(result.text);
    const stop = result.follow({ write: (more) => res.write(more), end: () => res.end() });
    res.on('close', stop);
    return;
  }
  if (result.type === 'text') return send(res, result.code, result.text, 'text/plain');
  const include = (q.get('includeObject') ?? 'Metadata') as IncludeObject;
  if (result.type === 'watch') {
    if ('protobuf' in answer) answer = negotiate(accept, false);
    return streamWatch(o, flusher, budget, res, result, answer as WatchAnswer, include);
  }
  const headers: Record<string, string | string[]> = {};
  if (result.warnings) headers['Warning'] = result.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  const obj = result.object;
  if (answer.as !== 'json' && result.def && obj.kind !== 'Status' && !ref.subresource) {
    const def = result.def;
    const isList = 'items' in obj && Array.isArray((obj as { items?: unknown }).items);
    const items = isList ? ((obj as { items: KubeObject[] }).items) : [obj as KubeObject];
    const lm = isList ? (obj as { metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number } }).metadata : {};
    if (answer.as === 'table') {
      const table = buildTable(def, items, {
        now: o.now(),
        include,
        apiVersion: `meta.k8s.io/${answer.version}`,
        resourceVersion: lm.resourceVersion,
        continue: lm.continue,
        remaining: lm.remainingItemCount,
      });
      return send(res, result.code, table, `application/json;as=Table;v=${answer.version};g=meta.k8s.io`, headers);
    }
    if ('protobuf' in answer) {
      const as = isList ? 'PartialObjectMetadataList' : 'PartialObjectMetadata';
      const data = isList ? partialListProtobuf(answer.version, lm, items) : partialProtobuf(answer.version, items[0]!);
      return send(res, result.code, data, `${PROTOBUF_MEDIA_TYPE};as=${as};v=${answer.version};g=meta.k8s.io`, headers);
    }
    // Assembled from each stored object's cached metadata text: a metadata-only list of thousands serialises nothing twice.
    const apiVersion = JSON.stringify(`meta.k8s.io/${answer.version}`);
    const partial = (x: KubeObject) => `{"kind":"PartialObjectMetadata","apiVersion":${apiVersion},"metadata":${metadataText(x)}}`;
    const out = isList
      ? `{"kind":"PartialObjectMetadataList","apiVersion":${apiVersion},"metadata":${JSON.stringify(lm)},"items":[${items.map(partial).join(',')}]}`
      : partial(items[0]!);
    return send(res, result.code, out, `application/json;as=${isList ? 'PartialObjectMetadataList' : 'PartialObjectMetadata'};v=${answer.version};g=meta.k8s.io`, headers);
  }
  send(res, result.code, obj, 'application/json', headers);
}
