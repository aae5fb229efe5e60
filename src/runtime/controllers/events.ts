// Records core/v1 Events the way client-go's event recorder does (one Event
// per occurrence, involvedObject + reason + message + source), best-effort:
// a failed event write never fails the work that caused it.
import { randomBytes } from 'node:crypto';
import type { KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../kube/types.js';
import type { Clock } from '../clock.js';
import { ts } from './util.js';

export interface EventRecorder {
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
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
      client.create({ group: '', version: 'v1', resource: 'events', namespace: ns }, body).catch(() => undefined);
    },
  };
}
