// Records core/v1 Events the way client-go's event recorder does (one Event
// per occurrence, involvedObject + reason + message + source), best-effort:
// a failed event write never fails the work that caused it. As client-go's
// broadcaster, events are written in the background by a few writers and,
// when a burst leaves more than MAX_QUEUED waiting, the newest are dropped
// (client-go: maxQueuedEvents = 1000, DropIfChannelFull), so a rollout of
// thousands of pods is not slowed by its own events.
import { randomBytes } from 'node:crypto';
import type { KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../apimachinery/types.js';
import type { Clock } from '../../util/clock.js';
import { ts } from './objects.js';

export interface EventRecorder {
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

const MAX_QUEUED = 1000;
const WRITERS = 8;

interface Broadcaster {
  readonly queue: (() => Promise<unknown>)[];
  active: number;
  dropped: number;
}

// One broadcaster per client: every recorder of the runtime shares its queue.
const broadcasters = new WeakMap<KubeClient, Broadcaster>();

function broadcast(client: KubeClient, write: () => Promise<unknown>): void {
  let b = broadcasters.get(client);
  if (!b) broadcasters.set(client, (b = { queue: [], active: 0, dropped: 0 }));
  if (b.queue.length >= MAX_QUEUED) {
    b.dropped++;
    return;
  }
  b.queue.push(write);
  pump(b);
}

function pump(b: Broadcaster): void {
  while (b.active < WRITERS && b.queue.length) {
    const write = b.queue.shift()!;
    b.active++;
    void write()
      .catch(() => undefined)
      .finally(() => {
        b.active--;
        pump(b);
      });
  }
}

export function eventRecorder(client: KubeClient, clock: Clock, component: string, host?: string, enabled = true): EventRecorder {
  return {
    event(obj, type, reason, message) {
      if (!enabled) return;
      const ns = obj.metadata.namespace || 'default';
      const t = ts(clock.now());
      const body = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${obj.metadata.name}.${randomBytes(8).toString('hex')}`, namespace: ns },
        involvedObject: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace: obj.metadata.namespace,
          uid: obj.metadata.uid,
          resourceVersion: obj.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        source: host ? { component, host } : { component },
        reportingComponent: component,
        reportingInstance: host ?? component,
        firstTimestamp: t,
        lastTimestamp: t,
        eventTime: null,
        count: 1,
      };
      broadcast(client, () => client.create({ group: '', version: 'v1', resource: 'events', namespace: ns }, body));
    },
  };
}
