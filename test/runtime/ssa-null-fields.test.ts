// A null struct or map in an apply configuration owns nothing, as in
// structured-merge-diff: charts often leave `annotations:` empty (a YAML
// null), and `helm template | kubectl apply` followed by
// `kubectl apply --server-side` of the same output must not conflict with the
// annotations client-side apply wrote, nor remove them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldsOf, paths } from '../../src/runtime/apiserver/ssa/fieldset.js';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-ssa-null-');
const { kubectl } = cluster;

// The shape of a Bitnami Service and Deployment: `annotations:` with nothing under it.
const manifests = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
data:
  a: "1"
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web}
  annotations:
spec:
  type: ClusterIP
  ports:
    - name: http
      port: 80
      targetPort: http
  selector: {app: web}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      annotations:
      labels: {app: web}
    spec:
      securityContext:
      containers:
        - name: web
          image: nginx:1.27
          resources:
          ports:
            - name: http
              containerPort: 8080
`;

test.before(cluster.start);
test.after(cluster.stop);

test('field sets: a null struct or granular map owns nothing; a null scalar or map entry is owned', () => {
  const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
  const set = fieldsOf(gvk, { metadata: { annotations: null, labels: { a: null } }, spec: { replicas: null, template: { spec: { securityContext: null } } } });
  const keys = paths(set).map((p) => p.join('/'));
  assert.not.ok(keys.includes('f:metadata/f:annotations'), keys.join(', '));
  assert.not.ok(keys.some((k) => k.includes('securityContext')), keys.join(', '));
  assert.ok(keys.includes('f:metadata/f:labels/f:a'), keys.join(', '));
  assert.ok(keys.includes('f:spec/f:replicas'), keys.join(', '));
});

test('client-side apply twice, then server-side apply of the same manifests: no conflict, annotations kept', async () => {
  for (const n of [1, 2]) {
    const r = await kubectl(['apply', '-f', '-'], manifests);
    assert.is(r.code, 0, `client-side apply ${n}: ${r.stderr}`);
  }
  const ssa = await kubectl(['apply', '--server-side', '-f', '-'], manifests);
  assert.is(ssa.code, 0, `server-side apply: ${ssa.stderr}`);
  assert.match(ssa.stdout, /service\/web serverside-applied/);
  for (const what of [['cm', 'settings'], ['svc', 'web'], ['deploy', 'web']]) {
    const got = await kubectl(['get', ...what, '-o', 'json']);
    const o = JSON.parse(got.stdout);
    assert.type(o.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], 'string', `${what.join('/')} keeps its annotations`);
  }
  const again = await kubectl(['apply', '--server-side', '-f', '-'], manifests);
  assert.is(again.code, 0, `server-side apply again: ${again.stderr}`);
});

test('a null granular field in a server-side apply leaves what another manager set', async () => {
  const first = await kubectl(['apply', '--server-side', '--field-manager', 'other', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  annotations: {team: a}\ndata: {x: "1"}\n');
  assert.is(first.code, 0, first.stderr);
  const second = await kubectl(['apply', '--server-side', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  annotations:\ndata: {b: "2"}\n');
  assert.is(second.code, 0, second.stderr);
  const o = JSON.parse((await kubectl(['get', 'cm', 'shared', '-o', 'json'])).stdout);
  assert.equal(o.metadata.annotations, { team: 'a' });
  assert.equal(o.data, { x: '1', b: '2' });
});

// Bitnami etcd's pre-upgrade hook Job: its affinity names the kinds it does not use with null.
const job = `apiVersion: batch/v1
kind: Job
metadata: {name: pre-upgrade}
spec:
  template:
    metadata:
      labels: {app: etcd}
    spec:
      restartPolicy: OnFailure
      affinity:
        podAffinity:
        nodeAffinity: null
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 1
              podAffinityTerm:
                labelSelector: {matchLabels: {app: etcd}}
                topologyKey: kubernetes.io/hostname
      containers:
        - name: upgrade
          image: etcd:3.6
          args: [null, "--check"]
          resources: {limits: null}
          env: null
`;

test('nulls are stored as the Go types decode them: dropped fields, "" items; so a Job re-applies server-side with an unchanged template', async () => {
  for (const n of [1, 2]) {
    const r = await kubectl(['apply', '-f', '-'], job);
    assert.is(r.code, 0, `client-side apply ${n}: ${r.stderr}`);
  }
  const o = JSON.parse((await kubectl(['get', 'job', 'pre-upgrade', '-o', 'json'])).stdout);
  const ps = o.spec.template.spec;
  assert.equal(Object.keys(ps.affinity), ['podAntiAffinity']);
  assert.equal(ps.containers[0].resources, {});
  assert.equal(ps.containers[0].args, ['', '--check']);
  assert.not.ok('env' in ps.containers[0]);
  const ssa = await kubectl(['apply', '--server-side', '-f', '-'], job);
  assert.is(ssa.code, 0, `server-side apply: ${ssa.stderr}`);
  assert.not.match(ssa.stderr, /immutable|failed to re-apply/);
  const after = JSON.parse((await kubectl(['get', 'job', 'pre-upgrade', '-o', 'json'])).stdout);
  assert.equal(after.spec.template, o.spec.template);
});

test.run();
