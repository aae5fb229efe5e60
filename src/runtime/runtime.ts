// The bundled control plane as a library: store + pipeline + HTTPS API
// server + the small in-process controllers, started and stopped together.
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { setMaxListeners } from 'node:events';
import { chmodSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir, repairPrivateTree } from '../util/private-dir.js';
import { clusterLayout, MAX_SOCKET_PATH_BYTES, type ClusterLayout } from '../cluster/layout.js';
import { renderKubeconfig } from '../kube/kubeconfig-render.js';
import type { KubeClient } from '../kube/client.js';
import type { KubeObject } from '../apimachinery/types.js';
import { openApiV2Document, openApiV2Protobuf, openApiV3Document, openApiV3Index, strictDecodingErrors, unknownFields } from '../apimachinery/schema/index.js';
import { openApiResources } from './apiserver/registry/openapi-resources.js';
import { openStore } from './store/index.js';
import type { ObjectStore } from './store/types.js';
import { ResourceCatalog } from './apiserver/catalog.js';
import { Pipeline, type PodLogProvider } from './apiserver/pipeline.js';
import { createApiServers, type OpenApiProvider } from './apiserver/http.js';
import { inProcessClient } from './apiserver/client.js';
import { ensureCredentials } from './apiserver/tls.js';
import type { ResourceDef } from './apiserver/registry/types.js';
import { rebuildServiceAllocator } from './apiserver/registry/allocator.js';
import { bootstrap, updateKubernetesEndpoints } from './bootstrap.js';
import { Authority } from './apiserver/auth/authority.js';
import { fieldManagement } from './apiserver/ssa/index.js';
import { bootstrapPolicy, startClusterRoleAggregation } from './apiserver/auth/bootstrap-policy.js';
import { defaultComponents, type RuntimeComponent } from './components.js';
import { realClock, type Clock } from '../util/clock.js';

export interface RuntimeOptions {
  /** Where state.db, the PKI and the kubeconfig live. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port?: number;
  /** 'sqlite' (default, durable, in dataDir) or 'memory'; or a full store URL (`sqlite:PATH`, `memory:`). */
  readonly store?: 'sqlite' | 'memory' | string;
  /** The clock of the whole runtime: what the server stamps objects with and what the scheduler, controllers and simulated nodes time with (tests inject a FakeClock). */
  readonly clock?: Clock;
  /** The kinds to serve (default: the registry's built-ins). */
  readonly resources?: readonly ResourceDef[];
  /** Event history kept for watches (default 20,000 events). */
  readonly historySize?: number;
  /** Watch bookmark interval in ms (default 60 s). */
  readonly bookmarkIntervalMs?: number;
  /** Receives one line per failed request. */
  readonly log?: (line: string) => void;
  /** The in-process components to start (default: defaultComponents(): controllers, and later scheduler and nodes). */
  readonly components?: readonly RuntimeComponent[];
  /**
   * Also serve the API on the data dir's api.sock (see listenOnSocket):
   * plain HTTP, the same authentication. The detached cluster of a skiff
   * home does, for skiff's own CLI; kubectl and Helm keep to HTTPS.
   */
  readonly apiSocket?: boolean;
}

export interface Runtime {
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly kubeconfigPath: string;
  /** The unix socket the API is also served on (RuntimeOptions.apiSocket), when it is. */
  readonly socketPath?: string;
  /** The admin bearer token. */
  readonly token: string;
  readonly caPem: string;
  /** An in-process client (same pipeline as HTTP). */
  readonly client: KubeClient;
  /**
   * Installs the source of pods/log text (the simulated nodes call this):
   * `(pod, container, { tailLines, previous, timestamps }) => string | undefined`,
   * the whole log of that container, lines ending in "\n". The API server
   * validates the container name, applies tailLines/limitBytes, and answers
   * 400 for a pod not bound to a node; undefined falls back to one generated line.
   */
  setPodLogProvider(p: PodLogProvider | undefined): void;
  /** Lets later layers (scheduler, controllers, nodes) register their own stop functions. */
  onStop(fn: () => void | Promise<void>): void;
  /** Stops serving, ends watches, closes the store (pending writes commit first). */
  stop(): Promise<void>;
}

function storeUrl(opts: RuntimeOptions, layout: ClusterLayout): string {
  const s = opts.store ?? 'sqlite';
  if (s === 'sqlite') return `sqlite:${layout.stateDb}`;
  if (s === 'memory') return 'memory:';
  return s;
}

/** Starts the control plane; resolves once /readyz would answer ok. */
export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  // The data dir holds every Secret's value, the keys and the admin token: private to its owner.
  ensurePrivateDir(opts.dataDir);
  repairPrivateTree(opts.dataDir);
  const layout = clusterLayout(opts.dataDir);
  const clock = opts.clock ?? realClock;
  const now = () => clock.now();
  const creds = await ensureCredentials(layout.pki);
  const store: ObjectStore = openStore(storeUrl(opts, layout), { historySize: opts.historySize });
  const catalog = new ResourceCatalog(opts.resources ?? (await import('./apiserver/registry/index.js')).builtinResources());
  const allocator = rebuildServiceAllocator(store.list({ resource: '/services' }).items.map((s) => s.object));
  const crdObjects = (): KubeObject[] => store.list({ resource: 'apiextensions.k8s.io/customresourcedefinitions' }).items.map((s) => s.object);
  let crdCache: { rev: number; crds: KubeObject[] } | undefined;
  const crds = () => {
    if (!crdCache || crdCache.rev !== catalog.revision) crdCache = { rev: catalog.revision, crds: crdObjects() };
    return crdCache.crds;
  };
  const authority = new Authority({ store, adminToken: creds.token, signingKeyPem: creds.keyPem, now });
  const pipeline = new Pipeline({
    authorize: (req) => authority.authorizeRequest(req),
    admitWrite: (req, def, obj, old) => authority.admitWrite(req, def, obj, old),
    virtual: (req, def) => authority.handle(req, def),
    fields: fieldManagement(now),
    store,
    catalog,
    now,
    allocator,
    bookmarkIntervalMs: opts.bookmarkIntervalMs,
    unknownFields: (gvk, obj) => unknownFields(gvk, obj, crds()),
    strictDecodingErrors: (gvk, body) => strictDecodingErrors(gvk, body, crds()),
  });
  const client = inProcessClient(pipeline);
  let ready = false;
  const openapi: OpenApiProvider = {
    index: () => openApiV3Index(openApiResources(), crds()),
    document: (path) => openApiV3Document(path, openApiResources(), crds()),
    v2: () => {
      const v2 = openApiV2Document(openApiResources(), crds());
      return { ...v2, protobuf: () => openApiV2Protobuf(v2.doc) };
    },
  };
  const servers = createApiServers({
    pipeline,
    token: creds.token,
    certPem: creds.certPem,
    keyPem: creds.keyPem,
    caPem: creds.caPem,
    authority,
    now,
    openapi: () => openapi,
    ready: () => ready,
    log: opts.log,
  });
  const server = servers.https;
  let socketServer: HttpServer | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    pipeline.closeWatches();
    await store.close();
    throw err;
  }
  let socketPath: string | undefined;
  if (opts.apiSocket) {
    socketServer = servers.socketServer();
    socketPath = await listenOnSocket(socketServer, layout.apiSocket, opts.log);
    if (!socketPath) socketServer = undefined;
  }
  const closeServers = (): void => {
    server.close();
    socketServer?.close();
  };
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  const abort = new AbortController();
  // Every component listens on this one signal.
  setMaxListeners(0, abort.signal);
  const stops: (() => void | Promise<void>)[] = [];
  try {
    await bootstrap(client, allocator.firstIP());
    await updateKubernetesEndpoints(client, port);
    await bootstrapPolicy(client);
  } catch (err) {
    closeServers();
    await store.close();
    throw err;
  }
  const namespacedResources = () => {
    const seen = new Set<string>();
    const out: { group: string; version: string; resource: string }[] = [];
    for (const g of catalog.groups()) {
      for (const v of g.versions) {
        for (const r of catalog.resources(g.name, v)) {
          if (!r.namespaced || !r.verbs.includes('delete') || !r.verbs.includes('list') || seen.has(r.storage)) continue;
          seen.add(r.storage);
          out.push({ group: r.group, version: r.version, resource: r.plural });
        }
      }
    }
    return out;
  };
  startClusterRoleAggregation(client, abort.signal);
  try {
    for (const c of opts.components ?? defaultComponents()) {
      await c.start({
        client,
        caPem: creds.caPem,
        clock,
        namespacedResources,
        setPodLogProvider: (p) => pipeline.setPodLogProvider(p),
        signal: abort.signal,
      });
    }
  } catch (err) {
    abort.abort();
    pipeline.closeWatches();
    closeServers();
    server.closeAllConnections();
    socketServer?.closeAllConnections();
    await store.close();
    throw err;
  }
  const kubeconfigPath = layout.kubeconfig;
  const kubeconfig = renderKubeconfig({ clusterName: 'skiff', contextName: 'skiff', userName: 'skiff-admin', url, caPem: creds.caPem, credentials: { token: creds.token } });
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  ready = true;
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    kubeconfigPath,
    ...(socketPath ? { socketPath } : {}),
    token: creds.token,
    caPem: creds.caPem,
    client,
    setPodLogProvider: (p) => pipeline.setPodLogProvider(p),
    onStop: (fn) => void stops.push(fn),
    stop() {
      stopping ??= (async () => {
        ready = false;
        abort.abort();
        for (const fn of stops.reverse()) await fn();
        pipeline.closeWatches();
        await Promise.all(
          [server, socketServer].map(
            (srv) =>
              srv &&
              new Promise<void>((resolve) => {
                srv.close(() => resolve());
                srv.closeAllConnections();
              }),
          ),
        );
        await store.close();
      })();
      return stopping;
    },
  };
}

/**
 * Listens on `path`, the data dir's api.sock, and makes it 0600 (its folder
 * is 0700): a socket a runtime that did not stop cleanly left there is
 * replaced. Anything else at that path, a path too long for a socket address
 * or a platform without unix sockets leaves the runtime on HTTPS alone
 * (resolves undefined).
 */
async function listenOnSocket(server: HttpServer, path: string, log?: (line: string) => void): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    log?.(`not serving on a unix socket: ${path} is longer than a socket address takes`);
    return undefined;
  }
  try {
    if (lstatSync(path).isSocket()) rmSync(path);
  } catch {
    // nothing there
  }
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(path, 0o600);
  } catch (err) {
    server.close();
    log?.(`not serving on the unix socket ${path}: ${(err as Error).message}`);
    return undefined;
  }
  return path;
}
