// The dashboard's cluster API: namespaces, workloads with their rollout
// figures, pods, events, nodes and pod logs, each object reduced to what
// the pages show.
import type { KubeClient, ResourceRef } from '../kube/client.js';
import type { KubeObject } from '../apimachinery/types.js';
import type { RestClient } from '../kube/rest-client.js';
import { nodeRow, setNodeRunningVia } from '../cluster/nodes.js';
import { HttpError, type Route, type RouteContext } from './route.js';

type Obj = KubeObject & { spec?: any; status?: any };

export const WORKLOAD_KINDS = {
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
} as const;

const CORE = (resource: string): ResourceRef => ({ group: '', version: 'v1', resource });

async function listAll(client: KubeClient, ref: ResourceRef, namespace: string | null): Promise<Obj[]> {
  const r = await client.list<Obj>({ ...ref, ...(namespace ? { namespace } : {}) });
  return r.items;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Desired / ready / updated counts and a one-line state for a workload, from its status as its controller wrote it. */
export function rollout(kind: keyof typeof WORKLOAD_KINDS, o: Obj): { desired: number; ready: number; updated: number; state: string } {
  const s = o.status ?? {};
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet': {
      const desired = o.spec?.replicas ?? 1;
      const ready = num(s.readyReplicas);
      const updated = num(s.updatedReplicas);
      const current = (s.observedGeneration ?? 0) >= (o.metadata.generation ?? 0);
      return { desired, ready, updated, state: current && ready >= desired && updated >= desired ? 'complete' : 'progressing' };
    }
    case 'DaemonSet': {
      const desired = num(s.desiredNumberScheduled);
      const ready = num(s.numberReady);
      const updated = num(s.updatedNumberScheduled);
      return { desired, ready, updated, state: ready >= desired && updated >= desired ? 'complete' : 'progressing' };
    }
    case 'Job': {
      const desired = o.spec?.completions ?? 1;
      const done = num(s.succeeded);
      const failed = (s.conditions ?? []).some((c: any) => c.type === 'Failed' && c.status === 'True');
      return { desired, ready: done, updated: done, state: failed ? 'failed' : done >= desired ? 'complete' : num(s.active) ? 'running' : 'pending' };
    }
    case 'CronJob':
      return { desired: 0, ready: 0, updated: 0, state: o.spec?.suspend ? 'suspended' : `${(s.active ?? []).length} active` };
  }
}

function meta(o: Obj) {
  return { name: o.metadata.name ?? '', namespace: o.metadata.namespace ?? '', created: o.metadata.creationTimestamp ?? '', labels: o.metadata.labels ?? {} };
}

function podView(p: Obj) {
  const cs: any[] = p.status?.containerStatuses ?? [];
  return {
    ...meta(p),
    annotations: p.metadata.annotations ?? {},
    phase: p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
    node: p.spec?.nodeName ?? '',
    restarts: cs.reduce((n, c) => n + num(c.restartCount), 0),
    ready: `${cs.filter((c) => c.ready).length}/${(p.spec?.containers ?? []).length}`,
    containers: (p.spec?.containers ?? []).map((c: any) => String(c.name)),
    conditions: (p.status?.conditions ?? []).map((c: any) => ({ type: String(c.type), status: String(c.status) })),
  };
}

function nodeView(n: Obj) {
  const conds: any[] = n.status?.conditions ?? [];
  return {
    ...meta(n),
    ready: conds.some((c) => c.type === 'Ready' && c.status === 'True'),
    simulated: nodeRow(n).simulated,
    stopped: nodeRow(n).stopped,
    unschedulable: !!n.spec?.unschedulable,
    conditions: conds.map((c) => ({ type: String(c.type), status: String(c.status), reason: String(c.reason ?? ''), message: String(c.message ?? '') })),
    taints: (n.spec?.taints ?? []).map((t: any) => ({ key: String(t.key), value: String(t.value ?? ''), effect: String(t.effect) })),
    capacity: { cpu: String(n.status?.capacity?.cpu ?? ''), memory: String(n.status?.capacity?.memory ?? ''), pods: String(n.status?.capacity?.pods ?? '') },
  };
}

function eventView(e: Obj & Record<string, any>) {
  return {
    namespace: e.metadata.namespace ?? '',
    name: e.metadata.name ?? '',
    type: String(e.type ?? ''),
    reason: String(e.reason ?? ''),
    message: String(e.message ?? e.note ?? ''),
    object: `${e.involvedObject?.kind ?? e.regarding?.kind ?? ''}/${e.involvedObject?.name ?? e.regarding?.name ?? ''}`,
    count: num(e.count) || 1,
    last: String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? ''),
  };
}

const ns = (ctx: RouteContext) => ctx.query.get('namespace') || null;

function rest(client: KubeClient): RestClient {
  if (!('streamPath' in client)) throw new HttpError(501, 'pod logs need an HTTP connection to the cluster');
  return client as RestClient;
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

async function podLog(ctx: RouteContext): Promise<unknown> {
  const [namespace, name] = ctx.params as [string, string];
  if (!NAME.test(namespace) || !NAME.test(name)) throw new HttpError(400, 'invalid pod name');
  const container = ctx.query.get('container');
  const q = new URLSearchParams();
  if (container) q.set('container', container);
  if (ctx.query.get('tailLines')) q.set('tailLines', String(Number(ctx.query.get('tailLines')) || 1000));
  const path = `/api/v1/namespaces/${namespace}/pods/${name}/log`;
  const client = rest(ctx.cfg.backend.client);
  if (ctx.query.get('follow') !== 'true') {
    const r = await client.getPath(`${path}?${q}`, { accept: 'text/plain' });
    return { text: r.text };
  }
  q.set('follow', 'true');
  // Each chunk goes out as one SSE message (JSON string), so any text stays text.
  const { res, req } = ctx;
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': following\n\n');
  const h = client.streamPath(`${path}?${q}`, (text) => res.write(`event: log\ndata: ${JSON.stringify(text)}\n\n`));
  req.on('close', () => h.stop());
  h.done.then(
    () => res.end('event: end\ndata: {}\n\n'),
    (err: unknown) => res.end(`event: failure\ndata: ${JSON.stringify((err as Error).message)}\n\n`),
  );
  return undefined;
}

/** The cluster routes of the dashboard API. */
export function clusterRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/namespaces$/,
      run: async (ctx) => {
        const [nss, pods] = await Promise.all([listAll(ctx.cfg.backend.client, CORE('namespaces'), null), listAll(ctx.cfg.backend.client, CORE('pods'), null)]);
        return nss.map((n) => {
          const phases: Record<string, number> = { Pending: 0, Running: 0, Succeeded: 0, Failed: 0, Unknown: 0 };
          for (const p of pods) if (p.metadata.namespace === n.metadata.name) phases[podView(p).phase in phases ? podView(p).phase : 'Unknown']!++;
          return { name: n.metadata.name ?? '', phase: String(n.status?.phase ?? ''), pods: phases };
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workloads$/,
      run: async (ctx) => {
        const kinds = Object.entries(WORKLOAD_KINDS) as [keyof typeof WORKLOAD_KINDS, ResourceRef][];
        const lists = await Promise.all(kinds.map(([, ref]) => listAll(ctx.cfg.backend.client, ref, ns(ctx))));
        return kinds.flatMap(([kind], i) => lists[i]!.map((o) => ({ kind, ...meta(o), ...rollout(kind, o) })));
      },
    },
    { method: 'GET', pattern: /^\/api\/pods$/, run: async (ctx) => (await listAll(ctx.cfg.backend.client, CORE('pods'), ns(ctx))).map(podView) },
    {
      method: 'GET',
      pattern: /^\/api\/events$/,
      run: async (ctx) => (await listAll(ctx.cfg.backend.client, CORE('events'), ns(ctx))).map(eventView).sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0)).slice(0, 500),
    },
    { method: 'GET', pattern: /^\/api\/nodes$/, run: async (ctx) => (await listAll(ctx.cfg.backend.client, CORE('nodes'), null)).map(nodeView) },
    {
      // Simulated nodes of the bundled cluster: stop one to watch its pods move.
      method: 'POST',
      pattern: /^\/api\/nodes\/([^/]+)\/(stop|start)$/,
      run: async (ctx) => setNodeRunningVia(ctx.cfg.backend.client, ctx.params[0]!, ctx.params[1] === 'start'),
    },
    { method: 'GET', pattern: /^\/api\/pods\/([^/]+)\/([^/]+)$/, run: async (ctx) => podView(await ctx.cfg.backend.client.get<Obj>({ ...CORE('pods'), namespace: ctx.params[0]!, name: ctx.params[1]! })) },
    { method: 'GET', pattern: /^\/api\/pods\/([^/]+)\/([^/]+)\/log$/, run: podLog },
  ];
}
