// One controller shape for the control plane (kwok's: a config object with
// an injectable clock, a constructor, start(signal)). A controller declares
// its name, what it watches and owns and how many workers sync its keys;
// the base class gives it the work queue, the event recorder and the shared
// informers of what it declared, and stops it with the runtime.
import type { KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../apimachinery/types.js';
import type { Clock } from '../../util/clock.js';
import { eventRecorder, type EventRecorder } from './events.js';
import type { Informer, InformerFactory } from './informer.js';
import type { Obj } from './objects.js';
import { WorkQueue } from './queue.js';

export interface ControllerContext {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly informers: InformerFactory;
  recorder(component: string): EventRecorder;
  /** Receives a line when a sync fails (kept quiet by default). */
  readonly log?: (line: string) => void;
}

export function controllerContext(client: KubeClient, clock: Clock, informers: InformerFactory, events = true, log?: (line: string) => void): ControllerContext {
  return { client, clock, informers, log, recorder: (c) => eventRecorder(client, clock, c, undefined, events) };
}

/** A kind of object, by its API coordinates. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** What a controller is, declared once. */
export interface ControllerDefinition {
  /** The component name: the Events' source and the prefix of its log lines. */
  readonly name: string;
  /** What it reads through the shared informers; their changes wake it. */
  readonly watches: readonly ResourceType[];
  /** What it creates, updates or deletes. */
  readonly owns: readonly ResourceType[];
  /** How many keys it syncs at once. */
  readonly workers: number;
}

/**
 * The base of every controller: `sync(key)` brings one key to its desired
 * state (a throw retries it shortly), `watch()` registers the informer
 * handlers that queue keys. Informers come only from what `watches` declares.
 */
export abstract class Controller {
  protected readonly queue: WorkQueue;
  protected readonly events: EventRecorder;

  constructor(
    protected readonly ctx: ControllerContext,
    readonly definition: ControllerDefinition,
  ) {
    const name = definition.name;
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key), definition.workers, (key, err) => ctx.log?.(`${name} ${key}: ${(err as Error).message}`));
    this.events = ctx.recorder(name);
  }

  /** The shared informer of a resource this controller declared it watches; throws for any other. */
  protected informer<T extends KubeObject = Obj>(r: ResourceType): Informer<T> {
    if (!this.definition.watches.some((w) => w.group === r.group && w.version === r.version && w.resource === r.resource)) {
      throw new Error(`${this.definition.name} does not declare that it watches ${r.resource}`);
    }
    return this.ctx.informers.for<T>(r.group, r.version, r.resource);
  }

  /** Registers the informer handlers that queue keys (and any other work stopped by `signal`). */
  protected abstract watch(signal: AbortSignal): void;

  /** Brings one key to its desired state. */
  protected abstract sync(key: string): Promise<void>;

  /** Starts the controller; it stops when `signal` aborts. */
  start(signal: AbortSignal): void {
    this.watch(signal);
    signal.addEventListener('abort', () => this.queue.stop());
  }
}

/** Coordinates of the resources controllers read and write. */
export const R = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  services: { group: '', version: 'v1', resource: 'services' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints' },
  events: { group: '', version: 'v1', resource: 'events' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  replicationcontrollers: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  persistentvolumeclaims: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  persistentvolumes: { group: '', version: 'v1', resource: 'persistentvolumes' },
  resourcequotas: { group: '', version: 'v1', resource: 'resourcequotas' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  controllerrevisions: { group: 'apps', version: 'v1', resource: 'controllerrevisions' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs' },
  cronjobs: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
  poddisruptionbudgets: { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' },
  storageclasses: { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' },
  horizontalpodautoscalers: { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' },
  apiservices: { group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices' },
} as const satisfies Record<string, ResourceType>;

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export function ignoreNotFound(err: unknown): void {
  if ((err as { code?: number })?.code !== 404) throw err;
}
