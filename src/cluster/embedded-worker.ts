// Entry of the thread that hosts embedded clusters (dist/embedded-worker.js;
// see embedded.ts). Each "start" message starts one fresh bundled cluster
// (memory store, port 0, its own data dir and admin token) and answers with
// its kubeconfig; "stop" stops it and deletes its data dir. Every cluster of
// the thread serves HTTPS on its own port, so the thread that drives them
// reaches them exactly as it reaches any other cluster.
import { parentPort } from 'node:worker_threads';
import { startEmbeddedRuntime, type EmbeddedRuntime } from './embedded-runtime.js';

/** `id` names the cluster, `req` the request (a stop may be sent while its cluster's start is unanswered). */
export type HostRequest = { readonly op: 'start' | 'stop'; readonly id: number; readonly req: number };
export type HostReply = { readonly req: number; readonly kubeconfigPath?: string; readonly dataDir?: string; readonly error?: string };

const port = parentPort;
if (!port) throw new Error('embedded-worker.js runs as a worker thread of skiff');
// A stop may come while its cluster is still starting (an interrupted run): it waits for the start, then stops it.
const running = new Map<number, Promise<EmbeddedRuntime | undefined>>();
port.on('message', (msg: HostRequest) => {
  const reply = (r: Omit<HostReply, 'req'>) => port.postMessage({ req: msg.req, ...r } satisfies HostReply);
  const failed = (err: unknown) => reply({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  if (msg.op === 'start') {
    const starting = startEmbeddedRuntime();
    running.set(msg.id, starting.catch(() => undefined));
    starting.then((rt) => reply({ kubeconfigPath: rt.kubeconfigPath, dataDir: rt.dataDir }), failed);
  } else {
    const rt = running.get(msg.id);
    running.delete(msg.id);
    Promise.resolve(rt)
      .then((r) => r?.stop())
      .then(() => reply({}), failed);
  }
});
