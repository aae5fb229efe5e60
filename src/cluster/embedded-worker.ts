// Entry of the thread that hosts embedded clusters (dist/embedded-worker.js;
// see embedded.ts). Each "start" message starts one fresh bundled cluster
// (memory store, port 0, its own data dir and admin token) and answers with
// its kubeconfig; "stop" stops it and deletes its data dir. Every cluster of
// the thread serves HTTPS on its own port, so the thread that drives them
// reaches them exactly as it reaches any other cluster.
import { parentPort } from 'node:worker_threads';
import { startEmbeddedRuntime, type EmbeddedRuntime } from './embedded-runtime.js';

export type HostRequest = { readonly op: 'start'; readonly id: number } | { readonly op: 'stop'; readonly id: number };
export type HostReply = { readonly id: number; readonly kubeconfigPath?: string; readonly error?: string };

const port = parentPort;
if (!port) throw new Error('embedded-worker.js runs as a worker thread of skiff');
const running = new Map<number, EmbeddedRuntime>();
port.on('message', (msg: HostRequest) => {
  const reply = (r: Omit<HostReply, 'id'>) => port.postMessage({ id: msg.id, ...r } satisfies HostReply);
  const failed = (err: unknown) => reply({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  if (msg.op === 'start') {
    startEmbeddedRuntime().then((rt) => {
      running.set(msg.id, rt);
      reply({ kubeconfigPath: rt.kubeconfigPath });
    }, failed);
  } else {
    const rt = running.get(msg.id);
    running.delete(msg.id);
    (rt ? rt.stop() : Promise.resolve()).then(() => reply({}), failed);
  }
});
