import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findResource, humanDuration } from '../../../src/runtime/apiserver/registry/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW.getTime() - s * 1000).toISOString().replace('.000Z', 'Z');

function row(group: string, version: string, plural: string, o: Record<string, unknown>): unknown[] {
  const r = findResource(group, version, plural)!;
  const cells = r.row!(o as unknown as KubeObject, NOW);
  assert.is(cells.length, r.columns!.length, `${plural}: one cell per column`);
  return cells;
}

function header(group: string, version: string, plural: string, wide = false): string[] {
  return findResource(group, version, plural)!.columns!.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
}

test('HumanDuration matches apimachinery', () => {
  const cases: [number, string][] = [
    [-3000, '<invalid>'], [-1000, '0s'], [0, '0s'], [5000, '5s'], [119000, '119s'], [120000, '2m'], [182000, '3m2s'], [600000, '10m'],
    [179 * 60000, '179m'], [3 * 3600000, '3h'], [(3 * 60 + 5) * 60000, '3h5m'], [8 * 3600000, '8h'], [47 * 3600000, '47h'],
    [48 * 3600000, '2d'], [(2 * 24 + 3) * 3600000, '2d3h'], [8 * 86400000, '8d'], [400 * 86400000, '400d'],
    [(2 * 365 + 30) * 86400000, '2y30d'], [9 * 365 * 86400000, '9y'],
  ];
  for (const [ms, want] of cases) assert.is(humanDuration(ms), want, String(ms));
});

test('pods: header and STATUS reasons as printPod', () => {
  assert.equal(header('', 'v1', 'pods'), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
  assert.equal(header('', 'v1', 'pods', true), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
  const base = { metadata: { name: 'web-1', creationTimestamp: ago(300) }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
  const pending = row('', 'v1', 'pods', { ...base, status: { phase: 'Pending' } });
  assert.equal(pending, ['web-1', '0/2', 'Pending', '0', '5m', '<none>', '<none>', '<none>', '<none>']);
  const creating = row('', 'v1', 'pods', {
    ...base, spec: { ...base.spec, nodeName: 'node-1' },
    status: { phase: 'Pending', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }, { name: 'b', state: { waiting: { reason: 'ContainerCreating' } } }] },
  });
  assert.equal(creating.slice(0, 3), ['web-1', '0/2', 'ContainerCreating']);
  assert.is(creating[6], 'node-1');
  const running = row('', 'v1', 'pods', {
    ...base,
    status: {
      phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }],
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 0, state: { running: {} } },
        { name: 'b', ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(65) } } },
      ],
    },
  });
  assert.equal(running.slice(0, 6), ['web-1', '2/2', 'Running', '2 (65s ago)', '5m', '10.244.0.5']);
  const crash = row('', 'v1', 'pods', {
    ...base,
    status: { phase: 'Running', containerStatuses: [{ name: 'a', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }, { name: 'b', ready: true, state: { running: {} } }] },
  });
  assert.equal(crash.slice(1, 3), ['1/2', 'CrashLoopBackOff']);
  const done = row('', 'v1', 'pods', {
    metadata: { name: 'job-x', creationTimestamp: ago(30) }, spec: { containers: [{ name: 'a' }] },
    status: { phase: 'Succeeded', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
  });
  assert.equal(done.slice(0, 3), ['job-x', '0/1', 'Completed']);
  const failedExit = row('', 'v1', 'pods', {
    metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }] },
    status: { phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 3 } } }] },
  });
  assert.is(failedExit[2], 'ExitCode:3');
  const terminating = row('', 'v1', 'pods', { ...base, metadata: { ...base.metadata, deletionTimestamp: ago(0) }, status: { phase: 'Running' } });
  assert.is(terminating[2], 'Terminating');
  const init = row('', 'v1', 'pods', {
    metadata: { name: 'p' }, spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] },
    status: { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { running: {} } }] },
  });
  assert.is(init[2], 'Init:1/2');
  const gates = row('', 'v1', 'pods', { ...base, spec: { ...base.spec, readinessGates: [{ conditionType: 'x' }] }, status: { conditions: [{ type: 'x', status: 'True' }] } });
  assert.is(gates[8], '1/1');
});

const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'envoy' }] } };

test('workloads: deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs', () => {
  assert.equal(header('apps', 'v1', 'deployments'), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  assert.equal(header('apps', 'v1', 'deployments', true).slice(5), ['CONTAINERS', 'IMAGES', 'SELECTOR']);
  assert.equal(
    row('apps', 'v1', 'deployments', { metadata: { name: 'web', creationTimestamp: ago(7200) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web', tier: 'fe' } }, template: tpl }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }),
    ['web', '2/3', 3, 2, '120m', 'web,side', 'nginx:1.27,envoy', 'app=web,tier=fe'],
  );
  assert.equal(
    row('apps', 'v1', 'replicasets', { metadata: { name: 'web-abc', creationTimestamp: ago(10) }, spec: { replicas: 3, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, template: tpl }, status: { replicas: 3, readyReplicas: 1 } }),
    ['web-abc', 3, 3, 1, '10s', 'web,side', 'nginx:1.27,envoy', 'app in (api,web)'],
  );
  assert.equal(row('apps', 'v1', 'statefulsets', { metadata: { name: 'db', creationTimestamp: ago(60) }, spec: { replicas: 3, template: tpl }, status: { readyReplicas: 3 } }), ['db', '3/3', '60s', 'web,side', 'nginx:1.27,envoy']);
  assert.equal(header('apps', 'v1', 'daemonsets'), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
  assert.equal(
    row('apps', 'v1', 'daemonsets', { metadata: { name: 'agent', creationTimestamp: ago(60) }, spec: { selector: { matchLabels: { app: 'a' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'a', image: 'a:1' }] } } }, status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 } }),
    ['agent', 2, 2, 1, 2, 1, 'kubernetes.io/os=linux', '60s', 'a', 'a:1', 'app=a'],
  );
  assert.equal(header('batch', 'v1', 'jobs'), ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
  assert.equal(
    row('batch', 'v1', 'jobs', { metadata: { name: 'pi', creationTimestamp: ago(100) }, spec: { completions: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } }, template: tpl }, status: { succeeded: 1, startTime: ago(100), completionTime: ago(88), conditions: [{ type: 'Complete', status: 'True' }] } }),
    ['pi', 'Complete', '1/1', '12s', '100s', 'web,side', 'nginx:1.27,envoy', 'batch.kubernetes.io/controller-uid=u'],
  );
  assert.equal(row('batch', 'v1', 'jobs', { metadata: { name: 'w' }, spec: { parallelism: 3 }, status: { startTime: ago(30) } }).slice(0, 4), ['w', 'Running', '0/1 of 3', '30s']);
  assert.equal(header('batch', 'v1', 'cronjobs'), ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
  assert.equal(
    row('batch', 'v1', 'cronjobs', { metadata: { name: 'c', creationTimestamp: ago(3600) }, spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template: tpl } } }, status: { active: [{ name: 'c-1' }], lastScheduleTime: ago(90) } }),
    ['c', '*/5 * * * *', '<none>', 'False', 1, '90s', '60m', 'web,side', 'nginx:1.27,envoy', '<none>'],
  );
});

test('services, endpoints, nodes, namespaces', () => {
  assert.equal(header('', 'v1', 'services'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
  assert.equal(
    row('', 'v1', 'services', { metadata: { name: 'web', creationTimestamp: ago(5) }, spec: { type: 'NodePort', clusterIP: '10.96.4.2', clusterIPs: ['10.96.4.2'], selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } }),
    ['web', 'NodePort', '10.96.4.2', '<none>', '80:30080/TCP,53/UDP', '5s', 'app=web'],
  );
  assert.equal(row('', 'v1', 'services', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.9'], ports: [] } }).slice(1, 5), ['LoadBalancer', '10.96.0.9', '<pending>', '<none>']);
  assert.equal(row('', 'v1', 'services', { metadata: { name: 'x' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } }).slice(2, 4), ['<none>', 'db.example.com']);
  assert.equal(
    row('', 'v1', 'endpoints', { metadata: { name: 'web', creationTimestamp: ago(1) }, subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }], ports: [{ port: 8080 }] }] }),
    ['web', '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...', '1s'],
  );
  assert.equal(row('', 'v1', 'endpoints', { metadata: { name: 'e' } })[1], '<none>');
  assert.equal(header('', 'v1', 'nodes'), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
  assert.equal(
    row('', 'v1', 'nodes', {
      metadata: { name: 'n1', creationTimestamp: ago(86400 * 3), labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '172.18.0.2' }], nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian', kernelVersion: '6.1', containerRuntimeVersion: 'containerd://1.7' } },
    }),
    ['n1', 'Ready,SchedulingDisabled', 'control-plane', '3d', 'v1.32.0', '172.18.0.2', '<none>', 'Debian', '6.1', 'containerd://1.7'],
  );
  assert.equal(row('', 'v1', 'namespaces', { metadata: { name: 'default', creationTimestamp: ago(50) }, status: { phase: 'Active' } }), ['default', 'Active', '50s']);
});

test('config, storage, rbac, policy, networking and other kinds', () => {
  assert.equal(row('', 'v1', 'configmaps', { metadata: { name: 'c', creationTimestamp: ago(1) }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), ['c', 3, '1s']);
  assert.equal(header('', 'v1', 'secrets'), ['NAME', 'TYPE', 'DATA', 'AGE']);
  assert.equal(row('', 'v1', 'secrets', { metadata: { name: 's', creationTimestamp: ago(1) }, type: 'Opaque', data: { a: 'eA==' } }), ['s', 'Opaque', 1, '1s']);
  assert.equal(row('', 'v1', 'serviceaccounts', { metadata: { name: 'default', creationTimestamp: ago(1) } }), ['default', 0, '1s']);
  assert.equal(
    row('', 'v1', 'persistentvolumeclaims', { metadata: { name: 'data', creationTimestamp: ago(1) }, spec: { volumeName: 'pv-1', storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } }),
    ['data', 'Bound', 'pv-1', '1Gi', 'RWO', 'standard', '<unset>', '1s', 'Filesystem'],
  );
  assert.equal(
    row('', 'v1', 'persistentvolumes', { metadata: { name: 'pv-1', creationTimestamp: ago(1) }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'd', name: 'data' }, storageClassName: 'standard' }, status: { phase: 'Bound' } }),
    ['pv-1', '1Gi', 'RWO,RWX', 'Delete', 'Bound', 'd/data', 'standard', '<unset>', '', '1s', '<unset>'],
  );
  assert.equal(
    row('', 'v1', 'resourcequotas', { metadata: { name: 'q', creationTimestamp: ago(1) }, status: { hard: { 'requests.cpu': '1', 'limits.cpu': '2', pods: '10' }, used: { 'requests.cpu': '500m', pods: '3' } } }),
    ['q', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 0/2', '1s'],
  );
  assert.equal(
    row('rbac.authorization.k8s.io', 'v1', 'rolebindings', { metadata: { name: 'rb', creationTimestamp: ago(1) }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'd' }] }),
    ['rb', 'ClusterRole/view', '1s', 'alice', '', 'd:sa'],
  );
  assert.equal(row('rbac.authorization.k8s.io', 'v1', 'roles', { metadata: { name: 'r', creationTimestamp: '2025-01-01T00:00:00Z' } }), ['r', '2025-01-01T00:00:00Z']);
  assert.equal(row('policy', 'v1', 'poddisruptionbudgets', { metadata: { name: 'p', creationTimestamp: ago(1) }, spec: { minAvailable: 1 }, status: { disruptionsAllowed: 0 } }), ['p', '1', 'N/A', 0, '1s']);
  assert.equal(
    row('networking.k8s.io', 'v1', 'ingresses', { metadata: { name: 'i', creationTimestamp: ago(1) }, spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.x'] }], rules: [{ host: 'a.x' }, { host: 'b.x' }] }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }),
    ['i', 'nginx', 'a.x,b.x', '1.2.3.4', '80, 443', '1s'],
  );
  assert.equal(row('networking.k8s.io', 'v1', 'networkpolicies', { metadata: { name: 'n', creationTimestamp: ago(1) }, spec: { podSelector: {} } }), ['n', '<none>', '1s']);
  assert.equal(
    row('autoscaling', 'v2', 'horizontalpodautoscalers', { metadata: { name: 'h', creationTimestamp: ago(1) }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] }, status: { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }] } }),
    ['h', 'Deployment/web', 'cpu: 12%/80%', '1', 5, 2, '1s'],
  );
  assert.equal(
    row('autoscaling', 'v1', 'horizontalpodautoscalers', { apiVersion: 'autoscaling/v1', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } }).slice(2, 4),
    ['cpu: <unknown>/50%', '<unset>'],
  );
  assert.equal(row('coordination.k8s.io', 'v1', 'leases', { metadata: { name: 'l', creationTimestamp: ago(1) }, spec: { holderIdentity: 'node-1' } }), ['l', 'node-1', '1s']);
  assert.equal(
    row('storage.k8s.io', 'v1', 'storageclasses', { metadata: { name: 'standard', creationTimestamp: ago(1), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' }),
    ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '1s'],
  );
  assert.equal(header('scheduling.k8s.io', 'v1', 'priorityclasses'), ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
  assert.equal(row('discovery.k8s.io', 'v1', 'endpointslices', { metadata: { name: 'web-x', creationTimestamp: ago(1) }, addressType: 'IPv4', ports: [{ port: 80 }], endpoints: [{ addresses: ['10.0.0.1'] }] }), ['web-x', 'IPv4', '80', '10.0.0.1', '1s']);
  assert.equal(row('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', { metadata: { name: 'a.b.c', creationTimestamp: '2025-01-01T00:00:00Z' } }), ['a.b.c', '2025-01-01T00:00:00Z']);
  assert.equal(
    row('apps', 'v1', 'controllerrevisions', { metadata: { name: 'ds-1', creationTimestamp: ago(1), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u', controller: true }] }, revision: 1 }),
    ['ds-1', 'daemonset.apps/agent', 1, '1s'],
  );
});

test('events (core and events.k8s.io) print the same way', () => {
  assert.equal(header('', 'v1', 'events'), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  const core = row('', 'v1', 'events', {
    metadata: { name: 'web.1' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Scheduled', type: 'Normal', message: ' Successfully assigned d/web to n1 ',
    source: { component: 'default-scheduler' }, firstTimestamp: ago(120), lastTimestamp: ago(60), count: 2,
  });
  assert.equal(core, ['60s', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler', 'Successfully assigned d/web to n1', '2m', 2, 'web.1']);
  const v1 = row('events.k8s.io', 'v1', 'events', {
    metadata: { name: 'web.2' }, regarding: { kind: 'Pod', name: 'web' }, reason: 'Pulled', type: 'Normal', note: 'pulled', eventTime: ago(10),
    reportingController: 'kubelet', reportingInstance: 'n1',
  });
  assert.equal(v1, ['10s', 'Normal', 'Pulled', 'pod/web', '', 'kubelet, n1', 'pulled', '10s', 1, 'web.2']);
});

test('field selectors per kind', () => {
  const f = (g: string, p: string, k: string, o: Record<string, unknown>) => findResource(g, 'v1', p)!.fieldSelectors![k]!(o as unknown as KubeObject);
  const pod = { metadata: { name: 'p' }, spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'sa', hostNetwork: true }, status: { phase: 'Running', podIPs: [{ ip: '10.0.0.9' }], nominatedNodeName: '' } };
  assert.equal(
    ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'].map((k) => f('', 'pods', k, pod)),
    ['n1', 'Always', 'default-scheduler', 'sa', 'true', 'Running', '10.0.0.9', ''],
  );
  assert.is(f('', 'nodes', 'spec.unschedulable', { spec: {} }), 'false');
  assert.is(f('', 'secrets', 'type', { type: 'kubernetes.io/tls' }), 'kubernetes.io/tls');
  assert.is(f('', 'namespaces', 'status.phase', { status: { phase: 'Terminating' } }), 'Terminating');
  assert.is(f('batch', 'jobs', 'status.successful', { status: { succeeded: 2 } }), '2');
  assert.is(f('apps', 'replicasets', 'status.replicas', { status: {} }), '0');
  assert.is(f('', 'replicationcontrollers', 'status.replicas', { status: { replicas: 1 } }), '1');
  assert.is(f('', 'services', 'spec.type', { spec: { type: 'NodePort' } }), 'NodePort');
  const ev = { involvedObject: { kind: 'Pod', name: 'web', namespace: 'd', uid: 'u' }, reason: 'Killing', type: 'Normal', reportingComponent: 'kubelet' };
  assert.equal(['involvedObject.kind', 'involvedObject.name', 'involvedObject.uid', 'reason', 'type', 'source'].map((k) => f('', 'events', k, ev)), ['Pod', 'web', 'u', 'Killing', 'Normal', 'kubelet']);
  assert.is(findResource('', 'v1', 'configmaps')!.fieldSelectors, undefined);
});

test.run();
