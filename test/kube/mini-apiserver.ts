// A minimal in-memory API server over HTTPS for Backend tests: aggregated
// discovery for a few kinds (a CRD among them), and create/get/replace/patch/
// delete with resourceVersion bumps. Patches are applied with skiff's own
// patch module, as the bundled runtime does.
import type { ServerResponse } from 'node:http';
import { applyMergePatch, applyStrategicMergePatch } from '../../src/apimachinery/patch/index.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { sendJson, startFakeServer, statusBody, type FakeServer, type SeenRequest } from './fake-server.js';
import type { TestPki } from './tls-fixture.js';

interface Kind {
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
}

export const MINI_KINDS: Kind[] = [
  { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true },
  { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false },
  { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true },
  { group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: true },
];

export interface MiniApiServer {
  readonly server: FakeServer;
  readonly objects: Map<string, KubeObject>;
  /** Requests other than discovery, as "METHOD path [content-type]". */
  readonly writes: () => string[];
  close(): Promise<void>;
}

export async function startMiniApiServer(pki: TestPki, token: string): Promise<MiniApiServer> {
  const objects = new Map<string, KubeObject>();
  let rv = 100;
  const server = await startFakeServer({ tls: { cert: pki.server.cert, key: pki.server.key } }, (req, res) => handle(req, res));

  function handle(req: SeenRequest, res: ServerResponse): void {
    if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, statusBody(401, 'Unauthorized', 'Unauthorized'));
    const url = new URL(req.url, 'https://x');
    if (url.pathname === '/version') return sendJson(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0' });
    if (url.pathname === '/api' || url.pathname === '/apis') return sendJson(res, 200, discovery(url.pathname === '/api'), { 'content-type': 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' });
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, statusBody(404, 'NotFound', 'the server could not find the requested resource'));
    const group = m[2] ?? '';
    const kind = MINI_KINDS.find((k) => k.group === group && k.resource === m[5]);
    if (!kind) return sendJson(res, 404, statusBody(404, 'NotFound', 'the server could not find the requested resource'));
    const ns = m[4];
    const body = req.body ? (JSON.parse(req.body) as KubeObject) : undefined;
    const name = m[6] ?? body?.metadata?.name;
    const key = `${kind.resource}/${ns ?? ''}/${name}`;
    const existing = objects.get(key);
    const notFound = (): void => sendJson(res, 404, statusBody(404, 'NotFound', `${kind.resource} "${name}" not found`));
    const store = (obj: KubeObject, code: number): void => {
      const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++rv) } } as KubeObject;
      objects.set(key, stored);
      sendJson(res, code, stored);
    };
    const dryRun = url.searchParams.get('dryRun') === 'All';
    switch (req.method) {
      case 'GET':
        return existing ? sendJson(res, 200, existing) : notFound();
      case 'POST':
        if (existing) return sendJson(res, 409, statusBody(409, 'AlreadyExists', `${kind.resource} "${name}" already exists`));
        if (dryRun) return sendJson(res, 201, body);
        return store({ ...body!, metadata: { ...body!.metadata, uid: `uid-${name}`, generation: 1 } }, 201);
      case 'PUT':
        if (!existing) return notFound();
        if (body!.metadata.resourceVersion !== existing.metadata.resourceVersion) {
          return sendJson(res, 409, statusBody(409, 'Conflict', `Operation cannot be fulfilled on ${kind.resource} "${name}": the object has been modified`));
        }
        return store(body!, 200);
      case 'PATCH': {
        if (!existing) return notFound();
        const ct = String(req.headers['content-type']);
        const patched =
          ct === 'application/strategic-merge-patch+json'
            ? applyStrategicMergePatch(existing, body, { group: kind.group, version: kind.version, kind: kind.kind })
            : applyMergePatch(existing, body);
        return dryRun ? sendJson(res, 200, patched) : store(patched as KubeObject, 200);
      }
      case 'DELETE':
        if (!existing) return notFound();
        objects.delete(key);
        return sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: kind.resource, propagation: JSON.parse(req.body).propagationPolicy } });
      default:
        return sendJson(res, 405, statusBody(405, 'MethodNotAllowed', 'method not allowed'));
    }
  }

  return {
    server,
    objects,
    writes: () => server.seen.filter((r) => !/^\/(api|apis|version)$/.test(r.url.split('?')[0])).map((r) => `${r.method} ${r.url}${r.headers['content-type'] ? ` [${r.headers['content-type']}]` : ''}`),
    close: () => server.close(),
  };
}

function discovery(core: boolean): unknown {
  const groups = new Map<string, Kind[]>();
  for (const k of MINI_KINDS) if ((k.group === '') === core) groups.set(k.group, [...(groups.get(k.group) ?? []), k]);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    items: [...groups].map(([group, kinds]) => ({
      metadata: { name: group },
      versions: [
        {
          version: kinds[0].version,
          resources: kinds.map((k) => ({ resource: k.resource, responseKind: { group: k.group, version: k.version, kind: k.kind }, scope: k.namespaced ? 'Namespaced' : 'Cluster' })),
        },
      ],
    })),
  };
}
