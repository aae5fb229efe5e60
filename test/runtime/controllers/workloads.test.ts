// Jobs, Services' endpoints, cascading deletion and namespace deletion on the
// bundled runtime, driven with the real kubectl and skiff's own client.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectlBinary } from '../../support/helm.js';
import { run } from '../../support/cli.js';
import { runtimeFixture } from '../../support/runtime.js';
import { until } from '../helpers.js';

const cluster = runtimeFixture('skiff-wl-');
const { ok } = cluster;

const R = {
  pods: (ns = 'default') => ({ group: '', version: 'v1', resource: 'pods', namespace: ns }),
  rs: (ns = 'default') => ({ group: 'apps', version: 'v1', resource: 'replicasets', namespace: ns }),
  deploy: (ns = 'default') => ({ group: 'apps', version: 'v1', resource: 'deployments', namespace: ns }),
  jobs: (ns = 'default') => ({ group: 'batch', version: 'v1', resource: 'jobs', namespace: ns }),
};

test.before(cluster.start);

test.after(cluster.stop);

test('a Job with completions 5 and parallelism 2 completes, never running more than 2 pods', async () => {
  let maxActive = 0;
  const w = cluster.rt.client.watch(R.jobs(), {}, (ev) => {
    maxActive = Math.max(maxActive, ((ev.object as any).status?.active as number) ?? 0);
  });
  await ok(['apply', '-f', '-'], `apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: 5
  parallelism: 2
  template:
    metadata: {annotations: {sim.skiff.dev/run-time: 300ms}}
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox}]
`);
  await ok(['wait', '--for=condition=complete', 'job/batch', '--timeout=60s']);
  w.stop();
  const j: any = await cluster.rt.client.get({ ...R.jobs(), name: 'batch' });
  assert.is(j.status.succeeded, 5);
  assert.is(j.status.failed, 0);
  assert.ok(j.status.completionTime);
  assert.equal(j.status.conditions.map((c: any) => c.type), ['SuccessCriteriaMet', 'Complete']);
  assert.ok(maxActive <= 2, `active stayed within parallelism, saw ${maxActive}`);
  const pods = await cluster.rt.client.list(R.pods(), { labelSelector: 'batch.kubernetes.io/job-name=batch' });
  assert.is(pods.items.length, 5);
  assert.ok(pods.items.every((p: any) => p.status.phase === 'Succeeded' && !(p.metadata.finalizers ?? []).length));
});

test('an Indexed Job runs each index once', async () => {
  await cluster.rt.client.create(R.jobs(), {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'idx' },
    spec: { completions: 3, parallelism: 3, completionMode: 'Indexed', template: { metadata: { annotations: { 'sim.skiff.dev/run-time': '100ms' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox' }] } } },
  });
  const j: any = await until('indexed job complete', async () => {
    const x: any = await cluster.rt.client.get({ ...R.jobs(), name: 'idx' });
    return x.status?.conditions?.some((c: any) => c.type === 'Complete') ? x : undefined;
  });
  assert.is(j.status.completedIndexes, '0-2');
  const pods = await cluster.rt.client.list(R.pods(), { labelSelector: 'batch.kubernetes.io/job-name=idx' });
  assert.equal(pods.items.map((p: any) => p.metadata.annotations['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1', '2']);
});

test('a Service gets Endpoints and an EndpointSlice with named target ports, ready and not-ready pods', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: api:1, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: api-slow, labels: {app: api}, annotations: {sim.skiff.dev/never-ready: "true"}}
spec:
  containers: [{name: api, image: api:1, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{name: web, port: 80, targetPort: http}]
`);
  const ep: any = await until('endpoints', async () => {
    const e: any = await cluster.rt.client.get({ group: '', version: 'v1', resource: 'endpoints', namespace: 'default', name: 'api' }).catch(() => undefined);
    return e?.subsets?.[0]?.addresses?.length === 2 && e.subsets[0].notReadyAddresses?.length === 1 ? e : undefined;
  });
  assert.equal(ep.subsets[0].ports, [{ name: 'web', port: 8080, protocol: 'TCP' }]);
  assert.is(ep.subsets[0].notReadyAddresses[0].targetRef.name, 'api-slow');
  const slices = await until('slice', async () => {
    const l = await cluster.rt.client.list({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespace: 'default' }, { labelSelector: 'kubernetes.io/service-name=api' });
    return (l.items[0] as any)?.endpoints?.length === 3 ? l : undefined;
  });
  assert.is(slices.items.length, 1);
  const s: any = slices.items[0];
  assert.is(s.endpoints.length, 3);
  assert.is(s.endpoints.filter((e: any) => e.conditions.ready).length, 2);
  assert.is(s.metadata.ownerReferences[0].kind, 'Service');
  const out = await ok(['get', 'endpoints', 'api']);
  assert.match(out, /api\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080/);
});

test('a HorizontalPodAutoscaler scales its Deployment on the simulated cpu utilization', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
`);
  await ok(['annotate', 'deployment', 'api', 'sim.skiff.dev/cpu-utilization=100']);
  await until('scaled to 4', async () => ((await cluster.rt.client.get({ ...R.deploy(), name: 'api' })) as any).spec.replicas === 4);
  await ok(['annotate', '--overwrite', 'deployment', 'api', 'sim.skiff.dev/cpu-utilization=500']);
  const h: any = await until('limited at 5', async () => {
    const x: any = await cluster.rt.client.get({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: 'default', name: 'api' });
    return x.status?.desiredReplicas === 5 && x.status.currentReplicas === 5 ? x : undefined;
  });
  assert.is(h.status.conditions.find((c: any) => c.type === 'ScalingLimited').reason, 'TooManyReplicas');
  assert.is(h.status.currentMetrics[0].resource.current.averageUtilization, 500);
});

async function deployment(name: string, ns = 'default'): Promise<void> {
  await cluster.rt.client.create(R.deploy(ns), {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  await until(`${name} available`, async () => ((await cluster.rt.client.get({ ...R.deploy(ns), name })) as any).status?.availableReplicas === 2);
}

const count = async (ref: object, sel: string) => (await cluster.rt.client.list(ref as any, { labelSelector: sel })).items.filter((o) => !o.metadata.deletionTimestamp).length;

test('deleting a Deployment: background and foreground remove its ReplicaSet and pods, orphan keeps them', async () => {
  await deployment('bg');
  await ok(['delete', 'deployment', 'bg', '--cascade=background']);
  await until('bg cleaned up', async () => (await count(R.rs(), 'app=bg')) === 0 && (await cluster.rt.client.list(R.pods(), { labelSelector: 'app=bg' })).items.length === 0);

  await deployment('fg');
  await ok(['delete', 'deployment', 'fg', '--cascade=foreground']);
  // kubectl waited for the Deployment itself, which foreground deletion holds until its dependents are gone.
  assert.is((await cluster.rt.client.list(R.rs(), { labelSelector: 'app=fg' })).items.length, 0);
  assert.is(await count(R.pods(), 'app=fg'), 0);

  await deployment('orph');
  await ok(['delete', 'deployment', 'orph', '--cascade=orphan']);
  await new Promise((r) => setTimeout(r, 500));
  const rss = (await cluster.rt.client.list(R.rs(), { labelSelector: 'app=orph' })).items;
  assert.is(rss.length, 1);
  assert.is(rss[0]!.metadata.ownerReferences, undefined, 'the orphaned ReplicaSet lost its owner reference');
  assert.is(await count(R.pods(), 'app=orph'), 2);
});

test('a DaemonSet runs one pod per node and rolls an image change', async () => {
  await ok(['apply', '-f', '-'], `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "agent:1"}]
`);
  await ok(['rollout', 'status', 'daemonset/agent', '--timeout=60s']);
  let pods = (await cluster.rt.client.list(R.pods(), { labelSelector: 'app=agent' })).items as any[];
  assert.equal(pods.map((p) => p.spec.nodeName).sort(), ['skiff-node-1', 'skiff-node-2', 'skiff-node-3']);
  assert.ok(pods[0].spec.tolerations.some((t: any) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute'));
  await ok(['set', 'image', 'daemonset/agent', 'agent=agent:2']);
  await ok(['rollout', 'status', 'daemonset/agent', '--timeout=60s']);
  pods = (await cluster.rt.client.list(R.pods(), { labelSelector: 'app=agent' })).items.filter((p) => !p.metadata.deletionTimestamp) as any[];
  assert.is(pods.length, 3);
  assert.ok(pods.every((p) => p.spec.containers[0].image === 'agent:2'));
  const ds: any = await cluster.rt.client.get({ group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'default', name: 'agent' });
  assert.equal([ds.status.desiredNumberScheduled, ds.status.updatedNumberScheduled, ds.status.numberAvailable], [3, 3, 3]);
});

test('deleting a namespace removes everything in it, then the namespace', async () => {
  await ok(['create', 'namespace', 'doomed']);
  await deployment('inside', 'doomed');
  await cluster.rt.client.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'doomed' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
  await ok(['delete', 'namespace', 'doomed', '--timeout=60s']);
  const r = await run(kubectlBinary(), ['get', 'namespace', 'doomed'], { env: cluster.env });
  assert.match(r.stderr, /NotFound/);
  assert.is((await cluster.rt.client.list(R.pods('doomed'))).items.length, 0);
});

test('kubectl logs -f follows a container: new lines as they come, the end when it exits', async () => {
  await ok(['run', 'tail', '--image=busybox', '--restart=Never', '--annotations=sim.skiff.dev/run-time=1500ms']);
  await until('tail running', async () => ((await cluster.rt.client.get({ ...R.pods(), name: 'tail' })) as any).status?.phase === 'Running');
  const started = Date.now();
  const out = await ok(['logs', '-f', 'tail']);
  assert.ok(Date.now() - started >= 500, 'the stream stayed open while the container ran');
  assert.match(out, /\[sim\] starting busybox in default\/tail on skiff-node-\d[\s\S]*\[sim\] ready\n[\s\S]*\[sim\] exited with code 0\n$/);
});

test.run();
