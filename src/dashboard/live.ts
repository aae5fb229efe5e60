// Live updates for the dashboard: one watch per resource the pages show,
// started while at least one page listens, turned into "topic changed"
// notices on a Server-Sent Events stream. The page re-reads the API for the
// topics it shows; nothing polls the cluster.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeClient, ResourceRef, WatchHandle } from '../kube/client.js';

export type Topic = 'releases' | 'workloads' | 'pods' | 'events' | 'nodes' | 'namespaces';

interface Source {
  readonly topic: Topic;
  readonly ref: ResourceRef;
  readonly labelSelector?: string;
}

const SOURCES: readonly Source[] = [
  // Release records (secret and configmap drivers); Helm labels them owner=helm.
  { topic: 'releases', ref: { group: '', version: 'v1', resource: 'secrets' }, labelSelector: 'owner=helm' },
  { topic: 'releases', ref: { group: '', version: 'v1', resource: 'configmaps' }, labelSelector: 'owner=helm' },
  { topic: 'workloads', ref: { group: 'apps', version: 'v1', resource: 'deployments' } },
  { topic: 'workloads', ref: { group: 'apps', version: 'v1', resource: 'statefulsets' } },
  { topic: 'workloads', ref: { group: 'apps', version: 'v1', resource: 'daemonsets' } },
  { topic: 'workloads', ref: { group: 'batch', version: 'v1', resource: 'jobs' } },
  { topic: 'workloads', ref: { group: 'batch', version: 'v1', resource: 'cronjobs' } },
  { topic: 'pods', ref: { group: '', version: 'v1', resource: 'pods' } },
  { topic: 'events', ref: { group: '', version: 'v1', resource: 'events' } },
  { topic: 'nodes', ref: { group: '', version: 'v1', resource: 'nodes' } },
  { topic: 'namespaces', ref: { group: '', version: 'v1', resource: 'namespaces' } },
];

// Change notices are gathered for this long, so a rollout's burst of events is one re-read.
const COALESCE_MS = 150;
const KEEPALIVE_MS = 25_000;
const RETRY_MS = 1_000;

/** Fans the backend's watches out to the dashboard's open pages. */
export class LiveHub {
  private readonly clients = new Set<ServerResponse>();
  private watches: WatchHandle[] = [];
  private running = false;
  private pending = new Set<Topic>();
  private flushTimer?: NodeJS.Timeout;
  private keepalive?: NodeJS.Timeout;
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(private readonly client: KubeClient) {}

  /** Answers a GET /api/live with an event stream until the page goes away. */
  subscribe(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    req.on('close', () => {
      this.clients.delete(res);
      if (!this.clients.size) this.stop();
    });
    if (!this.running) this.start();
    res.write('event: ready\ndata: {}\n\n');
  }

  close(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
    this.stop();
  }

  private start(): void {
    this.running = true;
    for (const s of SOURCES) void this.watch(s);
    this.keepalive = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
    }, KEEPALIVE_MS);
  }

  private stop(): void {
    this.running = false;
    for (const w of this.watches) w.stop();
    this.watches = [];
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
    clearInterval(this.keepalive);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending.clear();
  }

  /** Lists for a resourceVersion, then watches from it; when the watch ends, starts over (and says the topic may have changed). */
  private async watch(s: Source): Promise<void> {
    if (!this.running) return;
    let handle: WatchHandle | undefined;
    try {
      const list = await this.client.list(s.ref, { limit: 1, ...(s.labelSelector ? { labelSelector: s.labelSelector } : {}) });
      if (!this.running) return;
      handle = this.client.watch(s.ref, { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true, ...(s.labelSelector ? { labelSelector: s.labelSelector } : {}) }, (ev) => {
        if (ev.type !== 'BOOKMARK') this.changed(s.topic);
      });
      this.watches.push(handle);
      await handle.done;
    } catch {
      // A resource this cluster does not serve, or a broken connection: try again later.
    }
    if (handle) this.watches = this.watches.filter((w) => w !== handle);
    if (!this.running) return;
    this.changed(s.topic);
    const t = setTimeout(() => {
      this.retries.delete(t);
      void this.watch(s);
    }, RETRY_MS);
    this.retries.add(t);
  }

  private changed(topic: Topic): void {
    this.pending.add(topic);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      const data = JSON.stringify({ topics: [...this.pending] });
      this.pending.clear();
      for (const c of this.clients) c.write(`event: change\ndata: ${data}\n\n`);
    }, COALESCE_MS);
  }
}
