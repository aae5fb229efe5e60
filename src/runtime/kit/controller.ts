// What every controller is given (kwok's shape: a config object with an
// injectable clock): the in-process client, the clock, the informers shared
// by the controller manager, and an event recorder factory.
import type { KubeClient, ResourceRef } from '../../kube/client.js';
import type { Clock } from './clock.js';
import { eventRecorder, type EventRecorder } from './events.js';
import type { InformerFactory } from './informer.js';

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

/** A started controller. */
export interface Controller {
  start(signal: AbortSignal): void;
}

export const ref = {
  pods: (ns?: string, name?: string): ResourceRef => ({ group: '', version: 'v1', resource: 'pods', namespace: ns, name }),
  of: (group: string, version: string, resource: string, ns?: string, name?: string): ResourceRef => ({ group, version, resource, namespace: ns, name }),
};

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export function ignoreNotFound(err: unknown): void {
  if ((err as { code?: number })?.code !== 404) throw err;
}
