// Backends on the bundled cluster: the detached one of a skiff home (started
// on first use), and a fresh embedded one inside this process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../kube/backend.js';
import { backendFor, localBackend, type LocalBackendOptions } from '../kube/backend-impl.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { ensureClusterRunning } from './process.js';

/** A Backend for the bundled cluster of `opts.home`, started when it is not running; throws ClusterError when it cannot start. */
export function clusterBackend(opts: Omit<LocalBackendOptions, 'ensureCluster'> & Partial<Pick<LocalBackendOptions, 'ensureCluster'>>): Promise<Backend> {
  return localBackend({ ...opts, ensureCluster: opts.ensureCluster ?? ensureClusterRunning });
}

/** A backend on a fresh bundled cluster running in this process (memory store, port 0). */
export interface EmbeddedCluster {
  readonly backend: Backend;
  /** Stops the cluster and deletes its data dir. */
  close(): Promise<void>;
}

/** Starts a fresh bundled cluster in this process and returns a backend reaching it over HTTPS. */
export async function embeddedCluster(): Promise<EmbeddedCluster> {
  const { startRuntime } = await import('../runtime/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'skiff-embedded-'));
  let rt: Awaited<ReturnType<typeof startRuntime>> | undefined;
  try {
    rt = await startRuntime({ dataDir: dir, store: 'memory', port: 0 });
    const backend = backendFor('local', loadKubeConfig({ kubeconfig: rt.kubeconfigPath, env: {} }));
    const runtime = rt;
    return {
      backend,
      async close() {
        await backend.close();
        await runtime.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rt?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
