import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findResource, ServiceAllocator } from '../../../src/runtime/apiserver/registry/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';

const ctx = { now: () => new Date('2025-01-01T00:00:00Z'), allocator: new ServiceAllocator() };

function defaulted(group: string, plural: string, o: Record<string, unknown>, old?: KubeObject): any {
  const r = findResource(group, 'v2', plural) ?? findResource(group, 'v1', plural)!;
  const obj = structuredClone(o) as unknown as KubeObject;
  r.defaults!(obj, ctx, old);
  if (!old) r.prepareForCreate?.(obj, ctx);
  return obj;
}

const template = (containers: unknown[], labels = { app: 'web' }) => ({ metadata: { labels }, spec: { containers } });

test('Deployment: replicas, RollingUpdate 25%/25%, history, deadline, and pod template defaults', () => {
  const d = defaulted('apps', 'deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }]) },
  });
  assert.is(d.spec.replicas, 1);
  assert.equal(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.is(d.spec.revisionHistoryLimit, 10);
  assert.is(d.spec.progressDeadlineSeconds, 600);
  const ps = d.spec.template.spec;
  assert.equal(
    [ps.restartPolicy, ps.dnsPolicy, ps.terminationGracePeriodSeconds, ps.schedulerName, ps.securityContext],
    ['Always', 'ClusterFirst', 30, 'default-scheduler', {}],
  );
  assert.is(ps.enableServiceLinks, undefined, 'enableServiceLinks is a Pod default, not a template one');
  const c = ps.containers[0];
  assert.equal(
    [c.imagePullPolicy, c.terminationMessagePath, c.terminationMessagePolicy, c.ports[0].protocol, c.resources],
    ['Always', '/dev/termination-log', 'File', 'TCP', {}],
  );
  const r = defaulted('apps', 'deployments', { metadata: { name: 'x' }, spec: { strategy: { type: 'Recreate' }, replicas: 0 } });
  assert.equal(r.spec.strategy, { type: 'Recreate' });
  assert.is(r.spec.replicas, 0);
});

test('imagePullPolicy: Always for :latest or no tag, IfNotPresent for a tag or digest', () => {
  const cases: [string, string][] = [
    ['nginx', 'Always'], ['nginx:latest', 'Always'], ['nginx:1.27', 'IfNotPresent'], ['registry:5000/nginx', 'Always'],
    ['registry:5000/nginx:1.2', 'IfNotPresent'], ['nginx@sha256:abcd', 'IfNotPresent'],
  ];
  for (const [image, want] of cases) {
    const p = defaulted('', 'pods', { metadata: { name: 'p', namespace: 'd' }, spec: { containers: [{ name: 'c', image }] } });
    assert.is(p.spec.containers[0].imagePullPolicy, want, image);
  }
});

test('Pod: probe defaults, requests from limits, admission defaults, QoS', () => {
  const p = defaulted('', 'pods', {
    metadata: { name: 'p', namespace: 'd' },
    spec: {
      containers: [{
        name: 'c', image: 'nginx:1', resources: { limits: { cpu: '500m', memory: '128Mi' } },
        livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
      }],
    },
  });
  const c = p.spec.containers[0];
  assert.equal(c.livenessProbe, { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  assert.is(c.readinessProbe.periodSeconds, 5);
  assert.equal(c.resources.requests, { cpu: '500m', memory: '128Mi' });
  assert.is(p.spec.enableServiceLinks, true);
  assert.is(p.spec.serviceAccountName, 'default');
  assert.equal(p.spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  assert.is(p.status.qosClass, 'Guaranteed');
  assert.is(p.status.phase, 'Pending');
  const be = defaulted('', 'pods', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  assert.is(be.status.qosClass, 'BestEffort');
});

test('StatefulSet, DaemonSet, ReplicaSet, ReplicationController defaults', () => {
  const sts = defaulted('apps', 'statefulsets', { metadata: { name: 's' }, spec: { template: template([{ name: 'c', image: 'x:1' }]), volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] } });
  assert.is(sts.spec.podManagementPolicy, 'OrderedReady');
  assert.equal(sts.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.equal(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal([sts.spec.replicas, sts.spec.revisionHistoryLimit], [1, 10]);
  assert.is(sts.spec.volumeClaimTemplates[0].spec.volumeMode, 'Filesystem');
  const ds = defaulted('apps', 'daemonsets', { metadata: { name: 'd' }, spec: { template: template([{ name: 'c', image: 'x:1' }]) } });
  assert.equal(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.is(ds.spec.revisionHistoryLimit, 10);
  const rs = defaulted('apps', 'replicasets', { metadata: { name: 'r' }, spec: { template: template([{ name: 'c', image: 'x:1' }]) } });
  assert.is(rs.spec.replicas, 1);
  const rc = defaulted('', 'replicationcontrollers', { metadata: { name: 'r' }, spec: { template: template([{ name: 'c', image: 'x:1' }]) } });
  assert.equal([rc.spec.replicas, rc.spec.selector, rc.metadata.labels], [1, { app: 'web' }, { app: 'web' }]);
});

test('Job: generated selector and labels, counts, mode; template restartPolicy kept', () => {
  const j = defaulted('batch', 'jobs', {
    metadata: { name: 'pi', namespace: 'd', uid: 'u-1' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5' }] } } },
  });
  assert.equal(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
  assert.equal(j.spec.template.metadata.labels, {
    'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'batch.kubernetes.io/controller-uid': 'u-1',
  });
  assert.equal(j.metadata.labels, j.spec.template.metadata.labels);
  assert.equal(
    [j.spec.completions, j.spec.parallelism, j.spec.backoffLimit, j.spec.completionMode, j.spec.suspend, j.spec.podReplacementPolicy],
    [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed'],
  );
  assert.is(j.spec.template.spec.restartPolicy, 'Never');
  assert.is(j.spec.manualSelector, undefined);
  const manual = defaulted('batch', 'jobs', { metadata: { name: 'm', uid: 'u' }, spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, parallelism: 3, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } } } });
  assert.equal(manual.spec.selector, { matchLabels: { a: 'b' } });
  assert.equal([manual.spec.completions, manual.spec.parallelism], [undefined, 3]);
});

test('CronJob, Namespace, Secret, PVC, StorageClass, PriorityClass, NetworkPolicy, HPA defaults', () => {
  const cj = defaulted('batch', 'cronjobs', { metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } });
  assert.equal([cj.spec.concurrencyPolicy, cj.spec.suspend, cj.spec.successfulJobsHistoryLimit, cj.spec.failedJobsHistoryLimit], ['Allow', false, 3, 1]);
  assert.is(cj.spec.jobTemplate.spec.template.spec.dnsPolicy, 'ClusterFirst');
  const ns = defaulted('', 'namespaces', { metadata: { name: 'team-a' } });
  assert.equal([ns.spec.finalizers, ns.status.phase, ns.metadata.labels], [['kubernetes'], 'Active', { 'kubernetes.io/metadata.name': 'team-a' }]);
  const sec = defaulted('', 'secrets', { metadata: { name: 's' }, stringData: { password: 'hunter2' } });
  assert.is(sec.type, 'Opaque');
  assert.equal(sec.data, { password: Buffer.from('hunter2').toString('base64') });
  assert.is(sec.stringData, undefined);
  const pvc = defaulted('', 'persistentvolumeclaims', { metadata: { name: 'p' }, spec: {} });
  assert.equal([pvc.spec.volumeMode, pvc.status.phase], ['Filesystem', 'Pending']);
  const sc = defaulted('storage.k8s.io', 'storageclasses', { metadata: { name: 'fast' }, provisioner: 'x.io/y' });
  assert.equal([sc.reclaimPolicy, sc.volumeBindingMode], ['Delete', 'Immediate']);
  const pc = defaulted('scheduling.k8s.io', 'priorityclasses', { metadata: { name: 'hi' }, value: 10 });
  assert.is(pc.preemptionPolicy, 'PreemptLowerPriority');
  const np = defaulted('networking.k8s.io', 'networkpolicies', { metadata: { name: 'n' }, spec: { egress: [{ ports: [{ port: 53 }] }] } });
  assert.equal(np.spec.policyTypes, ['Ingress', 'Egress']);
  assert.is(np.spec.egress[0].ports[0].protocol, 'TCP');
  const hpa = defaulted('autoscaling', 'horizontalpodautoscalers', { metadata: { name: 'h' }, spec: { maxReplicas: 4, scaleTargetRef: { kind: 'Deployment', name: 'web' } } });
  assert.is(hpa.spec.minReplicas, 1);
  assert.equal(hpa.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
});

test('Service: type, affinity, ports, families, traffic policies', () => {
  const s = defaulted('', 'services', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }] } });
  assert.equal([s.spec.type, s.spec.sessionAffinity, s.spec.ipFamilyPolicy, s.spec.ipFamilies, s.spec.internalTrafficPolicy], ['ClusterIP', 'None', 'SingleStack', ['IPv4'], 'Cluster']);
  assert.equal(s.spec.ports[0], { port: 80, protocol: 'TCP', targetPort: 80 });
  assert.is(s.spec.ports[1].targetPort, 'dns');
  assert.is(s.spec.externalTrafficPolicy, undefined);
  const lb = defaulted('', 'services', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 443 }] } });
  assert.equal([lb.spec.externalTrafficPolicy, lb.spec.allocateLoadBalancerNodePorts], ['Cluster', true]);
  assert.ok(lb.spec.ports[0].nodePort >= 30000);
  const en = defaulted('', 'services', { metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
  assert.equal([en.spec.clusterIP, en.spec.ipFamilies, en.spec.internalTrafficPolicy], [undefined, undefined, undefined]);
});

test('an empty string in a plain Go string field is its zero value: defaulted, as charts writing `{{ .Values.x | quote }}` rely on', () => {
  const sts = defaulted('apps', 'statefulsets', {
    metadata: { name: 's' },
    spec: {
      podManagementPolicy: '', persistentVolumeClaimRetentionPolicy: { whenDeleted: '', whenScaled: '' },
      template: { metadata: { labels: { app: 's' } }, spec: { dnsPolicy: '', restartPolicy: '', schedulerName: '', containers: [{
        name: 'c', image: 'x:1', imagePullPolicy: '', terminationMessagePath: '', terminationMessagePolicy: '',
        ports: [{ containerPort: 80, protocol: '' }], readinessProbe: { httpGet: { port: 80, path: '', scheme: '' } },
        env: [{ name: 'N', valueFrom: { fieldRef: { apiVersion: '', fieldPath: 'metadata.name' } } }],
      }] } },
    },
  });
  assert.is(sts.spec.podManagementPolicy, 'OrderedReady');
  assert.equal(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  const ps = sts.spec.template.spec;
  assert.equal([ps.dnsPolicy, ps.restartPolicy, ps.schedulerName], ['ClusterFirst', 'Always', 'default-scheduler']);
  const c = ps.containers[0];
  assert.equal(
    [c.imagePullPolicy, c.terminationMessagePath, c.terminationMessagePolicy, c.ports[0].protocol, c.readinessProbe.httpGet.path, c.readinessProbe.httpGet.scheme, c.env[0].valueFrom.fieldRef.apiVersion],
    ['IfNotPresent', '/dev/termination-log', 'File', 'TCP', '/', 'HTTP', 'v1'],
  );
  const svc = defaulted('', 'services', { metadata: { name: 'w' }, spec: { type: '', sessionAffinity: '', ports: [{ port: 80, protocol: '' }] } });
  assert.equal([svc.spec.type, svc.spec.sessionAffinity, svc.spec.ports[0].protocol], ['ClusterIP', 'None', 'TCP']);
  const np = defaulted('', 'services', { metadata: { name: 'n' }, spec: { type: 'NodePort', externalTrafficPolicy: '', ports: [{ port: 80 }] } });
  assert.is(np.spec.externalTrafficPolicy, 'Cluster');
  assert.is(defaulted('', 'secrets', { metadata: { name: 's' }, type: '' }).type, 'Opaque');
  const cj = defaulted('batch', 'cronjobs', { metadata: { name: 'c' }, spec: { schedule: '* * * * *', concurrencyPolicy: '', jobTemplate: { spec: { template: { spec: { containers: [] } } } } } });
  assert.is(cj.spec.concurrencyPolicy, 'Allow');
  assert.is(defaulted('', 'persistentvolumes', { metadata: { name: 'pv' }, spec: { persistentVolumeReclaimPolicy: '' } }).spec.persistentVolumeReclaimPolicy, 'Retain');
  // Pointer fields keep "": upstream validates the value as given.
  const pvc = defaulted('', 'persistentvolumeclaims', { metadata: { name: 'p' }, spec: { storageClassName: '', volumeMode: '' } });
  assert.equal([pvc.spec.storageClassName, pvc.spec.volumeMode], ['', '']);
  const job = defaulted('batch', 'jobs', { metadata: { name: 'j', uid: 'u' }, spec: { completionMode: '', template: { spec: { restartPolicy: 'Never', containers: [] } } } });
  assert.is(job.spec.completionMode, '');
});

test.run();
