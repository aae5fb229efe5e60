// The two Backend targets. Both are the same code over the same HTTP client:
// `kube` reaches a cluster through a kubeconfig; `local` first makes sure the
// bundled runtime is running and then reaches it over the runtime's unix
// socket (src/kube/local-socket.ts), or, without one, through the kubeconfig
// the runtime wrote, exactly the path a real cluster takes.
import { ClusterError } from '../errors.js';
import type { ApplyOptions, Backend, DeleteObjectOptions, Discovery, Readiness, ResourceInfo } from './backend.js';
import { isAlreadyExists, isConflict, isNotFound, type PatchType, type ResourceRef } from './client.js';
import { createDiscovery } from './discovery.js';
import { loadKubeConfig, type ClusterConfig, type KubeConfigOptions } from './kubeconfig.js';
import { socketClusterConfig, type LocalSocket } from './local-socket.js';
import { judgeReadiness } from './readiness.js';
import { restClient, type RestClient, type RestClientOptions } from './rest-client.js';
import type { KubeObject } from '../apimachinery/types.js';

import { FIELD_MANAGER } from './backend.js';

export { FIELD_MANAGER };

export interface KubeBackendOptions extends KubeConfigOptions {
  /** Transport tuning (timeouts, retries); defaults suit interactive use. */
  readonly rest?: RestClientOptions;
}

export interface LocalBackendOptions {
  /** SKIFF_HOME: where the bundled runtime keeps its data, pid and kubeconfig. */
  readonly home: string;
  readonly namespace?: string;
  readonly rest?: RestClientOptions;
  /**
   * Starts the runtime if needed and says where its kubeconfig is, and its
   * unix socket when it serves one (src/cluster/'s ensureClusterRunning;
   * injected so the client layer never starts processes itself).
   */
  readonly ensureCluster: (home: string) => Promise<{ readonly kubeconfigPath: string; readonly url?: string; readonly socket?: LocalSocket }>;
}

/** A Backend for any cluster reached through a kubeconfig and Helm's --kube-* overrides; throws KubeConfigError for an unusable kubeconfig. */
export async function kubeBackend(opts: KubeBackendOptions = {}): Promise<Backend> {
  return backendFor('kube', loadKubeConfig(opts), opts.rest);
}

/**
 * A Backend for the bundled runtime: has `ensureCluster` start it when it is
 * not running, then talks to it over its unix socket (src/kube/local-socket.ts),
 * or over HTTPS with its kubeconfig when it serves none.
 */
export async function localBackend(opts: LocalBackendOptions): Promise<Backend> {
  const { kubeconfigPath, url, socket } = await opts.ensureCluster(opts.home);
  const config =
    socket && url
      ? socketClusterConfig(url, socket, opts.namespace)
      : // An empty env: the user's KUBECONFIG/HOME must not leak into the local target.
        loadKubeConfig({ kubeconfig: kubeconfigPath, namespace: opts.namespace, env: {} });
  return backendFor('local', config, opts.rest);
}

/** A Backend over an already loaded cluster configuration. */
export function backendFor(target: Backend['target'], config: ClusterConfig, rest?: RestClientOptions): Backend {
  const client = restClient(config, rest);
  return new ClusterBackend(target, client, createDiscovery(client), config.namespace);
}

class ClusterBackend implements Backend {
  constructor(
    readonly target: Backend['target'],
    readonly client: RestClient,
    readonly discovery: Discovery,
    readonly defaultNamespace: string,
  ) {}

  async get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const info = await this.discovery.resolve(apiVersion, kind);
    try {
      return await this.client.get(this.ref(info, namespace, name));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<KubeObject> {
    const info = await this.discovery.resolve(obj.apiVersion, obj.kind);
    const body = this.placed(obj, info);
    const fieldManager = opts.fieldManager ?? FIELD_MANAGER;
    const write = { fieldManager, dryRun: opts.dryRun };
    const name = body.metadata.name;
    if (!name) {
      if (body.metadata.generateName && !opts.serverSide) return this.client.create(this.ref(info, body.metadata.namespace), body, write);
      throw new ClusterError(`${obj.kind} has no metadata.name`);
    }
    const ref = this.ref(info, body.metadata.namespace, name);
    if (opts.serverSide) return this.client.patch(ref, 'apply', body, { ...write, force: !!opts.forceConflicts });

    let live = await this.client.get(ref).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (!live) {
      try {
        return await this.client.create(this.ref(info, body.metadata.namespace), body, write);
      } catch (err) {
        // Someone created it between our GET and POST: bring it to the manifest instead.
        if (!isAlreadyExists(err)) throw err;
        live = await this.client.get(ref);
      }
    }
    if (opts.force) return this.replace(ref, body, live, write);
    const gvk = { group: info.group, version: info.version, kind: info.kind };
    // Loaded on first use: the patch code carries the schema catalog, which read-only commands never need.
    const { createThreeWayMergePatch, MERGE_PATCH } = await import('../apimachinery/patch/index.js');
    const computed = createThreeWayMergePatch(opts.original ? this.placed(opts.original, info) : undefined, body, live, gvk);
    if (computed.empty) return live;
    const type: PatchType = computed.contentType === MERGE_PATCH ? 'merge' : 'strategic';
    return this.client.patch(ref, type, computed.patch, write);
  }

  /** PUT with the live resourceVersion; a concurrent write (409) re-reads and tries again, a few times. */
  private async replace(ref: ResourceRef, body: KubeObject, live: KubeObject, write: { fieldManager: string; dryRun?: boolean }): Promise<KubeObject> {
    for (let attempt = 0; ; attempt++) {
      const replacement = { ...body, metadata: { ...body.metadata, resourceVersion: live.metadata.resourceVersion } };
      try {
        return await this.client.update(ref, replacement, write);
      } catch (err) {
        if (!isConflict(err) || attempt >= 4) throw err;
        live = await this.client.get(ref);
      }
    }
  }

  async delete(obj: KubeObject, opts: DeleteObjectOptions = {}): Promise<boolean> {
    let info: ResourceInfo;
    try {
      info = await this.discovery.resolve(obj.apiVersion, obj.kind);
    } catch (err) {
      // A kind the server no longer serves (its CRD is gone) has no objects left to delete.
      if (err instanceof ClusterError && err.reason === 'NoKindMatch') return false;
      throw err;
    }
    const name = obj.metadata.name;
    if (!name) throw new ClusterError(`${obj.kind} has no metadata.name`);
    try {
      await this.client.delete(this.ref(info, obj.metadata.namespace, name), {
        propagationPolicy: opts.propagationPolicy ?? 'Background',
        dryRun: opts.dryRun,
      });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async readiness(obj: KubeObject, opts: { waitForJobs?: boolean } = {}): Promise<Readiness> {
    const live = await this.get(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
    if (!live) return { ready: false, message: `${obj.kind} ${obj.metadata.name ?? ''}: not found` };
    return judgeReadiness(this.client, live, opts);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private ref(info: ResourceInfo, namespace: string | undefined, name?: string): ResourceRef {
    return {
      group: info.group,
      version: info.version,
      resource: info.resource,
      namespace: info.namespaced ? namespace || this.defaultNamespace : undefined,
      name,
    };
  }

  /** The object with its namespace made explicit (namespaced kinds) or dropped (cluster-scoped kinds). */
  private placed(obj: KubeObject, info: ResourceInfo): KubeObject {
    const metadata = { ...obj.metadata };
    if (info.namespaced) metadata.namespace = metadata.namespace || this.defaultNamespace;
    else delete metadata.namespace;
    return { ...obj, metadata };
  }
}
