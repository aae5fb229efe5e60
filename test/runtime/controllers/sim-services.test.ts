// Pods meant to finish do finish (bare run-once pods, test-hook pods), and
// LoadBalancer Services get node addresses as on k3s — seen with the real kubectl.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../../support/runtime.js';
import { until } from '../helpers.js';

const cluster = runtimeFixture('skiff-once-');
const { ok } = cluster;

const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const svcs = { group: '', version: 'v1', resource: 'services', namespace: 'default' };

test.before(cluster.start);

test.after(cluster.stop);

test('a bare pod with restartPolicy Never or OnFailure runs once and Succeeds; Always keeps running', async () => {
  await ok(['run', 'once', '--image=busybox', '--restart=Never']);
  await ok(['run', 'retry', '--image=busybox', '--restart=OnFailure']);
  await ok(['run', 'server', '--image=nginx', '--restart=Always']);
  await ok(['wait', '--for=jsonpath={.status.phase}=Succeeded', 'pod/once', 'pod/retry', '--timeout=30s']);
  const once: any = await cluster.rt.client.get({ ...pods, name: 'once' });
  assert.is(once.status.containerStatuses[0].state.terminated.exitCode, 0);
  assert.is(once.status.containerStatuses[0].state.terminated.reason, 'Completed');
  const server: any = await cluster.rt.client.get({ ...pods, name: 'server' });
  assert.is(server.status.phase, 'Running');
  assert.ok(server.status.containerStatuses[0].state.running);
});

test('a run-once pod whose annotations say it fails ends Failed with that exit code', async () => {
  await ok(['run', 'broken', '--image=busybox', '--restart=Never', '--annotations=sim.skiff.dev/exit-code=3']);
  await ok(['wait', '--for=jsonpath={.status.phase}=Failed', 'pod/broken', '--timeout=30s']);
  const p: any = await cluster.rt.client.get({ ...pods, name: 'broken' });
  assert.is(p.status.containerStatuses[0].state.terminated.exitCode, 3);
});

test('a Job with ttlSecondsAfterFinished 0 is seen Complete by a watch opened right after its creation, then removed', async () => {
  const seen: string[] = [];
  const w = cluster.rt.client.watch({ group: 'batch', version: 'v1', resource: 'jobs', namespace: 'default' }, {}, (ev) => {
    const j = ev.object as any;
    const complete = (j.status?.conditions ?? []).some((c: any) => c.type === 'Complete' && c.status === 'True');
    seen.push(`${ev.type}${complete ? ':complete' : ''}`);
  });
  await ok(['apply', '-f', '-'], `apiVersion: batch/v1
kind: Job
metadata: {name: hook}
spec:
  ttlSecondsAfterFinished: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`);
  await until('the Job was removed by its TTL', async () => seen.includes('DELETED') || seen.includes('DELETED:complete'), 30_000);
  w.stop();
  assert.ok(seen.some((s) => s.endsWith(':complete')), `a watcher saw the Job complete before it went: ${seen.join(', ')}`);
});

test('a LoadBalancer Service gets the Ready nodes\' addresses; a stopped node drops out; loadBalancerClass is left alone', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: other}
spec:
  type: LoadBalancer
  loadBalancerClass: example.com/lb
  selector: {app: web}
  ports: [{port: 80}]
`);
  const nodeIps = async () => {
    const nodes: any = await cluster.rt.client.list({ group: '', version: 'v1', resource: 'nodes' });
    return nodes.items.map((n: any) => n.status.addresses.find((a: any) => a.type === 'InternalIP').address).sort();
  };
  const all = await nodeIps();
  assert.ok(all.length >= 1);
  await until('ingress assigned', async () => ((await cluster.rt.client.get<any>({ ...svcs, name: 'web' })).status?.loadBalancer?.ingress ?? []).length === all.length, 20_000);
  const web: any = await cluster.rt.client.get({ ...svcs, name: 'web' });
  assert.equal(web.status.loadBalancer.ingress, all.map((ip: string) => ({ ip, ipMode: 'VIP' })));
  assert.ok(web.spec.ports[0].nodePort > 0, 'a LoadBalancer Service has a node port');
  const shown = await ok(['get', 'svc', 'web', '-o', 'jsonpath={.status.loadBalancer.ingress[*].ip}']);
  assert.is(shown, all.join(' '));
  await ok(['cordon', 'skiff-node-1']);
  await until('a cordoned node drops out', async () => ((await cluster.rt.client.get<any>({ ...svcs, name: 'web' })).status?.loadBalancer?.ingress ?? []).length === all.length - 1, 20_000);
  await ok(['uncordon', 'skiff-node-1']);
  const other: any = await cluster.rt.client.get({ ...svcs, name: 'other' });
  assert.is(other.status?.loadBalancer?.ingress, undefined);
  await ok(['patch', 'svc', 'web', '-p', '{"spec":{"type":"ClusterIP"}}']);
  await until('status cleared', async () => (await cluster.rt.client.get<any>({ ...svcs, name: 'web' })).status?.loadBalancer?.ingress === undefined, 20_000);
});

test('APIServices: Local is Available; a backed one is Available once its Service has a ready endpoint', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.example.com}
spec:
  group: metrics.example.com
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  insecureSkipTLSVerify: true
  service: {namespace: default, name: metrics}
`);
  const cond = async () => ((await cluster.rt.client.get<any>({ group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', name: 'v1beta1.metrics.example.com' })).status?.conditions ?? []).find((c: any) => c.type === 'Available');
  await until('ServiceNotFound', async () => (await cond())?.reason === 'ServiceNotFound', 20_000);
  assert.is((await cond()).message, 'service/metrics in "default" is not present');
  await ok(['apply', '-f', '-'], `apiVersion: v1
kind: Service
metadata: {name: metrics}
spec:
  selector: {app: metrics}
  ports: [{port: 443, targetPort: 4443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: metrics}
spec:
  selector: {matchLabels: {app: metrics}}
  template:
    metadata: {labels: {app: metrics}}
    spec:
      containers: [{name: server, image: metrics-server}]
`);
  await ok(['wait', '--for=condition=Available', 'apiservice/v1beta1.metrics.example.com', '--timeout=30s']);
  const table = await ok(['get', 'apiservice', 'v1beta1.metrics.example.com']);
  assert.match(table, /v1beta1\.metrics\.example\.com\s+default\/metrics\s+True/);
});

test.run();
