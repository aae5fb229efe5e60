// kstatus-style status per kind, as Helm 4's --wait=watcher computes it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeStatus } from '../../src/kube/kstatus.js';
import type { KubeObject } from '../../src/apimachinery/types.js';

const obj = (apiVersion: string, kind: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion, kind, metadata: { name: 'x', namespace: 'default', ...meta }, ...rest }) as KubeObject;
const st = (o: KubeObject, opts = {}) => {
  const r = computeStatus(o, opts);
  return `${r.status}: ${r.message}`;
};
const cond = (type: string, status: string, reason = '', message = '') => ({ type, status, reason, message });

test('generic rules come first: deletion, unobserved generation, Reconciling and Stalled', () => {
  assert.is(st(obj('v1', 'ConfigMap', {}, { deletionTimestamp: '2026-01-01T00:00:00Z' })), 'Terminating: Resource scheduled for deletion');
  assert.is(st(obj('apps/v1', 'Deployment', { status: { observedGeneration: 1 } }, { generation: 2 })), 'InProgress: Deployment generation is 2, but latest observed generation is 1');
  assert.is(st(obj('example.com/v1', 'Widget', { status: { conditions: [cond('Reconciling', 'True', 'Progressing', 'building')] } })), 'InProgress: building');
  assert.is(st(obj('example.com/v1', 'Widget', { status: { conditions: [cond('Stalled', 'True', 'Broken', 'bad spec')] } })), 'Failed: bad spec');
});

test('Deployment: counts, then Progressing/Available; a passed progress deadline fails', () => {
  const d = (status: Record<string, unknown>, spec: Record<string, unknown> = { replicas: 3, progressDeadlineSeconds: 600 }) => obj('apps/v1', 'Deployment', { spec, status }, { generation: 1 });
  assert.is(st(d({ observedGeneration: 1, replicas: 1 })), 'InProgress: Replicas: 1/3');
  assert.is(st(d({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 2, readyReplicas: 3 })), 'InProgress: Available: 2/3');
  const avail = { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 };
  assert.is(st(d({ ...avail, conditions: [cond('Available', 'True')] })), 'InProgress: ReplicaSet not Available');
  assert.is(st(d({ ...avail, conditions: [cond('Available', 'True'), cond('Progressing', 'True', 'NewReplicaSetAvailable')] })), 'Current: Deployment is available. Replicas: 3');
  assert.is(st(d({ ...avail, conditions: [cond('Progressing', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "x-1" has timed out progressing.')] })), 'Failed: Progress deadline exceeded: ReplicaSet "x-1" has timed out progressing.');
  // Without a progress deadline the controller sets no Progressing condition: counts and Available decide.
  assert.is(st(d({ ...avail, conditions: [cond('Available', 'True')] }, { replicas: 3 })), 'Current: Deployment is available. Replicas: 3');
});

test('Job: Current once started (or complete), waiting for completion only with --wait-for-jobs; Failed condition fails', () => {
  const j = (status: Record<string, unknown>) => obj('batch/v1', 'Job', { spec: { completions: 1 }, status });
  assert.is(st(j({})), 'InProgress: Job not started');
  assert.is(st(j({ startTime: '2026-01-01T00:00:00Z', active: 1 })), 'Current: Job in progress. success: 0, active: 1, failed: 0');
  assert.is(st(j({ startTime: '2026-01-01T00:00:00Z', active: 1 }), { waitForJobs: true }), 'InProgress: Job in progress. success: 0, active: 1, failed: 0');
  assert.is(st(j({ succeeded: 1, conditions: [cond('Complete', 'True')] }), { waitForJobs: true }), 'Current: Job Completed. succeeded: 1/1');
  assert.is(st(j({ failed: 2, conditions: [cond('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')] })), 'Failed: Job Failed. failed: 2/1: Job has reached the specified backoff limit');
});

test('Pod, PVC, Service, StatefulSet, DaemonSet, CRD', () => {
  const now = Date.parse('2026-01-01T00:01:00Z');
  assert.is(st(obj('v1', 'Pod', { status: { phase: 'Running', conditions: [cond('Ready', 'True')] } })), 'Current: Pod is Ready');
  assert.is(st(obj('v1', 'Pod', { status: { phase: 'Running', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }] } })), 'Failed: Containers in CrashLoop state: app');
  const unsched = (created: string) => obj('v1', 'Pod', { status: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'Unschedulable', '0/1 nodes are available')] } }, { creationTimestamp: created });
  assert.is(st(unsched('2026-01-01T00:00:55Z'), { now }), 'InProgress: Pod has not been scheduled');
  assert.is(st(unsched('2026-01-01T00:00:00Z'), { now }), 'Failed: Pod could not be scheduled: 0/1 nodes are available');
  assert.is(st(obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Pending' } })), 'InProgress: PVC is not Bound. phase: Pending');
  assert.is(st(obj('v1', 'Service', { spec: { type: 'LoadBalancer' } })), 'InProgress: ClusterIP not set. Service type: LoadBalancer');
  assert.is(st(obj('v1', 'Service', { spec: { type: 'ClusterIP', clusterIP: '10.0.0.1' } })), 'Current: Service is ready');
  assert.is(st(obj('apps/v1', 'StatefulSet', { spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 2, currentReplicas: 2, currentRevision: 'a', updateRevision: 'b' } })), 'InProgress: Waiting for updated revision to match current');
  assert.is(st(obj('apps/v1', 'DaemonSet', { status: { observedGeneration: 1, desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1, numberReady: 2 } }, { generation: 1 })), 'InProgress: Available: 1/2');
  assert.is(st(obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { status: { conditions: [cond('Established', 'True')] } })), 'Current: CRD is established');
  assert.is(st(obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { status: { conditions: [cond('NamesAccepted', 'False', 'ListKindConflict', 'taken')] } })), 'Failed: ListKindConflict: taken');
});

test('custom resources: no conditions is Current (kstatus); a standard Ready condition is honoured', () => {
  assert.is(st(obj('example.com/v1', 'Widget')), 'Current: Resource is current');
  assert.is(st(obj('example.com/v1', 'Widget', { status: { conditions: [cond('Ready', 'False', 'Provisioning', 'waiting for a bucket')] } })), 'InProgress: Ready: False (Provisioning: waiting for a bucket)');
  assert.is(st(obj('example.com/v1', 'Widget', { status: { conditions: [cond('Ready', 'True', 'Provisioned')] } })), 'Current: Ready (Provisioned)');
  // Untrusted status shapes never throw.
  assert.is(st(obj('example.com/v1', 'Widget', { status: { conditions: 'nope' } })), 'Current: Resource is current');
  assert.is(st(obj('apps/v1', 'Deployment', { status: { conditions: [null, 3, { type: 'Available' }] } })), 'InProgress: Replicas: 0/1');
});

test.run();
