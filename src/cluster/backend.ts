// Backends on the bundled cluster: the detached one of a skiff home (started
// on first use), and fresh embedded ones hosted by a thread of this process.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterError } from '../errors.js';
import type { Backend } from '../kube/backend.js';
import { backendFor, localBackend, type LocalBackendOptions } from '../kube/backend-impl.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { ensureClusterRunning } from './process.js';
import type { HostReply, HostRequest } from './embedded-worker.js';

/** A Backend for the bundled cluster of `opts.home`, started when it is not running; throws ClusterError when it cannot start. */
export function clusterBackend(opts: Omit<LocalBackendOptions, 'ensureCluster'> & Partial<Pick<LocalBackendOptions, 'ensureCluster'>>): Promise<Backend> {
  return localBackend({ ...opts, ensureCluster: opts.ensureCluster ?? ensureClusterRunning });
}

/** A backend on a fresh bundled cluster. */
export interface EmbeddedCluster {
  readonly backend: Backend;
  /** Its kubeconfig (admin token, CA), for other clients such as kubectl; gone once closed. */
  readonly kubeconfigPath: string;
  /** Stops the cluster and deletes its data dir. */
  close(): Promise<void>;
}

/** Fresh bundled clusters, all hosted by one thread of this process. */
export interface EmbeddedClusters {
  /** Starts a fresh cluster (memory store, port 0, its own data dir and admin token) and returns a backend reaching it over HTTPS. */
  start(): Promise<EmbeddedCluster>;
  /** Stops the clusters still running (also those still starting), ends the thread and makes sure their data dirs are gone. */
  close(): Promise<void>;
}

/** Where the host thread's entry is: the built dist/embedded-worker.js, or the TypeScript entry under tsx. */
function hostScript(): { file: string; execArgv?: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, 'embedded-worker.js'), join(here, '..', 'embedded-worker.js'), join(here, '..', '..', 'dist', 'embedded-worker.js')]) {
    if (existsSync(p)) return { file: p };
  }
  const src = join(here, 'embedded-worker.ts');
  if (existsSync(src)) return { file: src, execArgv: ['--import', 'tsx'] };
  throw new ClusterError('cannot find the embedded-cluster entry (dist/embedded-worker.js)', { hint: 'build skiff first: node scripts/build.mjs' });
}

/**
 * Embedded clusters run in a worker thread of their own, started with the
 * first of them: the API servers, controllers and simulated nodes use one
 * core while this thread's client work (lint, render, install, waits) uses
 * the other, and the runtime's code is compiled once for all of them. A
 * cluster is reached only over HTTPS with its own token, as any cluster is.
 */
export function embeddedClusters(): EmbeddedClusters {
  let worker: Promise<import('node:worker_threads').Worker> | undefined;
  let nextId = 1;
  let nextReq = 1;
  let dead: Error | undefined;
  const pending = new Map<number, { resolve: (r: HostReply) => void; reject: (e: Error) => void }>();
  const live = new Set<number>();
  // Data dirs (keys, tokens) of the clusters started and not yet stopped: removed here too should a stop fail.
  const dirs = new Map<number, string>();
  // A process that exits before close (a second Ctrl-C exits at once) still removes them.
  const removeDirs = (): void => {
    for (const dir of dirs.values()) rmSync(dir, { recursive: true, force: true });
    dirs.clear();
  };
  const host = () =>
    (worker ??= import('node:worker_threads').then(({ Worker }) => {
      process.on('exit', removeDirs);
      const script = hostScript();
      const w = new Worker(script.file, script.execArgv ? { execArgv: script.execArgv } : {});
      w.on('message', (r: HostReply) => {
        const p = pending.get(r.req);
        pending.delete(r.req);
        p?.resolve(r);
      });
      const fail = (err: Error) => {
        dead ??= new ClusterError(`the embedded clusters' thread stopped: ${err.message}`);
        for (const p of pending.values()) p.reject(dead);
        pending.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
      return w;
    }));
  const call = async (op: HostRequest['op'], id: number): Promise<HostReply> => {
    const w = await host();
    if (dead) throw dead;
    const req = nextReq++;
    const reply = await new Promise<HostReply>((resolve, reject) => {
      pending.set(req, { resolve, reject });
      w.postMessage({ op, id, req } satisfies HostRequest);
    });
    if (reply.error) throw new ClusterError(`embedded cluster: ${reply.error}`);
    return reply;
  };
  const stop = async (id: number) => {
    if (!live.delete(id)) return;
    await call('stop', id);
    dirs.delete(id);
  };
  return {
    async start() {
      const id = nextId++;
      live.add(id);
      let kubeconfigPath: string;
      try {
        const reply = await call('start', id);
        kubeconfigPath = reply.kubeconfigPath!;
        if (reply.dataDir && live.has(id)) dirs.set(id, reply.dataDir);
      } catch (err) {
        live.delete(id);
        throw err;
      }
      const backend = backendFor('local', loadKubeConfig({ kubeconfig: kubeconfigPath, env: {} }));
      return {
        backend,
        kubeconfigPath,
        async close() {
          await backend.close();
          await stop(id);
        },
      };
    },
    async close() {
      if (!worker) return;
      await Promise.all([...live].map((id) => stop(id).catch(() => undefined)));
      const w = await worker;
      if (!dead) {
        dead = new ClusterError('the embedded clusters were closed');
        await w.terminate();
      }
      removeDirs();
      process.off('exit', removeDirs);
    },
  };
}
