// Backends on the bundled cluster: the detached one of a skiff home (started
// on first use), and a fresh embedded one inside this process.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../kube/backend.js';
import { backendFor, localBackend, type LocalBackendOptions } from '../kube/backend-impl.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { ensureClusterRunning } from './process.js';
import { clusterLayout } from './layout.js';

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

// Making a CA and a serving certificate is most of a cluster's start: the
// embedded clusters of one process (`skiff test chart` starts one per values
// file, several at once) share the first one's. Each still gets its own admin
// token, so a client of one cluster is refused by another.
const PKI_FILES = ['caCert', 'caKey', 'serverCert', 'serverKey'] as const;
type PkiCopy = { file: (typeof PKI_FILES)[number]; bytes: Buffer }[];
let sharedPki: Promise<PkiCopy | undefined> | undefined;

/** Starts a fresh bundled cluster in this process and returns a backend reaching it over HTTPS. */
export async function embeddedCluster(): Promise<EmbeddedCluster> {
  const { startRuntime } = await import('../runtime/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'skiff-embedded-'));
  const { pki } = clusterLayout(dir);
  let rt: Awaited<ReturnType<typeof startRuntime>> | undefined;
  let madePki: ((copy: PkiCopy | undefined) => void) | undefined;
  try {
    const copy = sharedPki ? await sharedPki : undefined;
    if (copy) {
      mkdirSync(pki.dir, { recursive: true, mode: 0o700 });
      for (const f of copy) writeFileSync(pki[f.file], f.bytes, { mode: 0o600 });
    } else if (!sharedPki) sharedPki = new Promise((resolve) => (madePki = resolve));
    rt = await startRuntime({ dataDir: dir, store: 'memory', port: 0 });
    madePki?.(PKI_FILES.map((file) => ({ file, bytes: readFileSync(pki[file]) })));
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
    if (madePki) {
      // The next cluster makes its own (and shares it).
      sharedPki = undefined;
      madePki(undefined);
    }
    await rt?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
