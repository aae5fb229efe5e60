// A fresh bundled cluster for one embedded use (memory store, port 0, a
// private temporary data dir), as the embedded-cluster thread starts them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterLayout } from './layout.js';

export interface EmbeddedRuntime {
  readonly kubeconfigPath: string;
  /** Its private data dir (keys, tokens, kubeconfig). */
  readonly dataDir: string;
  /** Stops the cluster and deletes its data dir. */
  stop(): Promise<void>;
}

// Making a CA and a serving certificate is most of a cluster's start: the
// embedded clusters of one process (`skiff test chart` starts one per values
// file, several at once) share the first one's. Each still gets its own admin
// token, so a client of one cluster is refused by another.
const PKI_FILES = ['caCert', 'caKey', 'serverCert', 'serverKey'] as const;
type PkiCopy = { file: (typeof PKI_FILES)[number]; bytes: Buffer }[];
let sharedPki: Promise<PkiCopy | undefined> | undefined;

/** Starts a fresh bundled cluster in this thread. */
export async function startEmbeddedRuntime(): Promise<EmbeddedRuntime> {
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
    const runtime = rt;
    return {
      kubeconfigPath: runtime.kubeconfigPath,
      dataDir: dir,
      async stop() {
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
