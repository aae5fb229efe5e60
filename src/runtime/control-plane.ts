// The controller manager, scheduler and simulated nodes, started together
// inside the runtime process. Each is an API client of the in-process
// KubeClient; none reads the store or another component's memory.
import { setMaxListeners } from 'node:events';
import type { KubeClient } from '../kube/client.js';
import type { KubeObject } from '../apimachinery/types.js';
import type { Clock } from '../util/clock.js';
import type { RuntimeComponent } from './components.js';
import { isSimulated, simulatedNodeObject } from '../apimachinery/simulated-node.js';
import { NodeSimulator } from './nodes/simulator.js';
import type { BehaviourDefaults } from './nodes/behaviour.js';
import { Scheduler } from './scheduler/scheduler.js';
import { controllerContext } from './kit/controller.js';
import { controllerManager, type NodeLifecycleOptions } from './controllers/index.js';
import { InformerFactory } from './kit/informer.js';

export interface ControlPlaneOptions {
  /** Simulated nodes created on first start (default 3; 0 for none). Existing nodes are kept. */
  readonly nodes?: number;
  /** Capacity of those nodes (default cpu 4, memory 8Gi, pods 110, ephemeral-storage 100Gi). */
  readonly nodeCapacity?: Readonly<Record<string, string>>;
  /** Simulated pod timing defaults. */
  readonly behaviour?: Partial<BehaviourDefaults>;
  /** Lease renew interval of simulated nodes. */
  readonly heartbeatMs?: number;
  /** Node grace period and monitor period. */
  readonly nodeLifecycle?: NodeLifecycleOptions;
  /** Record Events (default true). */
  readonly events?: boolean;
  /** Which parts run (default all). */
  readonly components?: { scheduler?: boolean; controllers?: boolean; nodes?: boolean };
  readonly log?: (line: string) => void;
}

export interface ControlPlane {
  readonly scheduler?: Scheduler;
  readonly nodes?: NodeSimulator;
  /** pods/log text of simulated containers (for the API server's log subresource). */
  podLog(pod: KubeObject, container: string, opts: { previous?: boolean }): string | undefined;
  stop(): Promise<void>;
}

/** Starts scheduler, controllers and simulated nodes; resolves once their caches are filled. */
export async function startControlPlane(o: ControlPlaneOptions & { readonly client: KubeClient; readonly clock: Clock }): Promise<ControlPlane> {
  const clock = o.clock;
  const abort = new AbortController();
  setMaxListeners(100, abort.signal);
  const want = o.components ?? {};
  const NODES = { group: '', version: 'v1', resource: 'nodes' };
  const existing = (await o.client.list(NODES)).items;
  if (!existing.some(isSimulated)) {
    for (let i = 1; i <= (o.nodes ?? 3); i++) {
      const node = simulatedNodeObject({ name: `skiff-node-${i}`, capacity: o.nodeCapacity }, existing);
      await o.client.create(NODES, node).then((created) => existing.push(created), (err) => {
        if ((err as { code?: number }).code !== 409) throw err;
      });
    }
  }
  let nodes: NodeSimulator | undefined;
  if (want.nodes !== false) {
    nodes = new NodeSimulator({ client: o.client, clock, behaviour: o.behaviour, heartbeatMs: o.heartbeatMs, events: o.events });
    await nodes.start(abort.signal);
  }
  let scheduler: Scheduler | undefined;
  if (want.scheduler !== false) {
    scheduler = new Scheduler({ client: o.client, clock, events: o.events });
    await scheduler.start(abort.signal);
  }
  const informers = new InformerFactory(o.client, clock);
  if (want.controllers !== false) {
    const ctx = controllerContext(o.client, clock, informers, o.events !== false, o.log);
    const controllers = controllerManager(ctx, { nodeLifecycle: o.nodeLifecycle });
    for (const c of controllers) c.start(abort.signal);
    await informers.start();
  }
  return {
    scheduler,
    nodes,
    podLog: (pod, container, opts) => nodes?.podLog(pod, container, opts),
    async stop() {
      abort.abort();
      informers.stop();
    },
  };
}

/** The control plane as a runtime component (see src/runtime/components.ts), timed by the runtime's clock; options as startControlPlane's. */
export function controlPlaneComponent(opts: ControlPlaneOptions = {}): RuntimeComponent {
  return {
    name: 'control-plane',
    async start(ctx) {
      // A runtime serving a reduced set of kinds (API tests) has nothing for the control plane to run.
      for (const r of ['nodes', 'pods']) {
        try {
          await ctx.client.list({ group: '', version: 'v1', resource: r }, { limit: 1 });
        } catch (err) {
          if ((err as { code?: number }).code === 404) return;
          throw err;
        }
      }
      const cp = await startControlPlane({ ...opts, client: ctx.client, clock: ctx.clock });
      ctx.setPodLogProvider((pod, container, o) => cp.podLog(pod, container, o));
      if (ctx.signal.aborted) void cp.stop();
      else ctx.signal.addEventListener('abort', () => void cp.stop());
    },
  };
}
