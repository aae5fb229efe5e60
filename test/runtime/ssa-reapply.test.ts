// Re-applying with server-side apply, as Helm 4 and `kubectl apply --server-side`
// do on every upgrade: a manager never conflicts with itself, list items whose
// key has a schema default (ports without protocol) are matched, custom
// resources without a status subresource keep the status they apply, and a
// dry-run apply answers exactly what a real apply would store (no empty maps).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm4Binary, helmHomeEnv } from '../support/helm.js';
import { run, type CliResult } from '../support/cli.js';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-ssa-reapply-');
const { kubectl, ok } = cluster;

async function helm4(args: readonly string[]): Promise<CliResult> {
  return run(helm4Binary(), args, { env: { ...cluster.env, ...helmHomeEnv(join(cluster.dir, 'helm')) }, timeoutMs: 120_000 });
}
const getJson = async (what: string[]) => JSON.parse(await ok(['get', ...what, '-o', 'json', '--show-managed-fields']));
const managers = (o: any) => (o.metadata.managedFields ?? []).map((e: any) => `${e.manager}/${e.operation}`);

const configMap = (a: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: seq}\ndata: {a: "${a}"}\n`;

const service = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;

test.before(cluster.start);
test.after(cluster.stop);

test('one manager applying 1, 2, 3 in turn never conflicts with itself and keeps a single Apply entry', async () => {
  for (const v of ['1', '2', '3']) {
    const r = await kubectl(['apply', '--server-side', '-f', '-'], configMap(v));
    assert.is(r.code, 0, `apply a=${v}: ${r.stderr}`);
  }
  const cm = await getJson(['cm', 'seq']);
  assert.is(cm.data.a, '3');
  assert.equal(managers(cm), ['kubectl/Apply']);
  assert.equal(cm.metadata.managedFields[0].fieldsV1, { 'f:data': { '.': {}, 'f:a': {} } });
  // Another manager still conflicts on the field kubectl owns.
  const other = await kubectl(['apply', '--server-side', '--field-manager=ops', '-f', '-'], configMap('4'));
  assert.is.not(other.code, 0);
  assert.match(other.stderr, /conflict with "kubectl" using v1: \.data\.a/);
});

test('a Service port without protocol is the TCP port: re-applies match it instead of adding a duplicate', async () => {
  for (let i = 0; i < 3; i++) {
    const r = await kubectl(['apply', '--server-side', '-f', '-'], service);
    assert.is(r.code, 0, `apply #${i + 1}: ${r.stderr}`);
  }
  const svc = await getJson(['svc', 'web']);
  assert.equal(svc.spec.ports, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }]);
  const owned = svc.metadata.managedFields.find((e: any) => e.manager === 'kubectl').fieldsV1['f:spec']['f:ports'];
  assert.equal(Object.keys(owned), ['k:{"port":80,"protocol":"TCP"}']);
  assert.equal(owned['k:{"port":80,"protocol":"TCP"}'], { '.': {}, 'f:name': {}, 'f:port': {}, 'f:targetPort': {} });
  // Dropping the port's name removes only what the applier stopped setting.
  await ok(['apply', '--server-side', '-f', '-'], service.replace('  - name: http\n    port: 80', '  - port: 80'));
  assert.equal((await getJson(['svc', 'web'])).spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 8080 }]);
});

test('container ports without protocol re-apply cleanly (Deployment, twice)', async () => {
  const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: ports}
spec:
  selector: {matchLabels: {app: ports}}
  template:
    metadata: {labels: {app: ports}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80, name: http}]
`;
  await ok(['apply', '--server-side', '-f', '-'], deploy);
  await ok(['apply', '--server-side', '-f', '-'], deploy.replace('nginx:1.27', 'nginx:1.28'));
  const d = await getJson(['deploy', 'ports']);
  assert.equal(d.spec.template.spec.containers[0].ports, [{ containerPort: 80, name: 'http', protocol: 'TCP' }]);
  assert.equal(managers(d).filter((m: string) => m.startsWith('kubectl/')), ['kubectl/Apply']);
});

test('Helm 4 installs and upgrades twice a chart whose Service and container ports omit protocol', async () => {
  const chart = join(cluster.dir, 'ports-chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: ports\nversion: 0.1.0\n');
  writeFileSync(
    join(chart, 'templates', 'app.yaml'),
    `apiVersion: v1
kind: Service
metadata: {name: {{ .Release.Name }}}
spec:
  selector: {app: {{ .Release.Name }}}
  ports:
  - name: http
    port: 80
    targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: {{ .Release.Name }}}
spec:
  selector: {matchLabels: {app: {{ .Release.Name }}}}
  template:
    metadata: {labels: {app: {{ .Release.Name }}}, annotations: {rev: "{{ .Values.rev | default 0 }}"}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}]
`,
  );
  let r = await helm4(['install', 'h4', chart]);
  assert.is(r.code, 0, r.stderr);
  for (const rev of ['1', '2']) {
    r = await helm4(['upgrade', 'h4', chart, '--set', `rev=${rev}`]);
    assert.is(r.code, 0, `upgrade ${rev}: ${r.stderr}`);
    assert.match(r.stdout, /STATUS: deployed/);
  }
  const svc = await getJson(['svc', 'h4']);
  assert.equal(svc.spec.ports, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }]);
  const d = await getJson(['deploy', 'h4']);
  assert.is(d.spec.template.metadata.annotations.rev, '2');
  assert.equal(d.spec.template.spec.containers[0].ports, [{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
});

test('custom resources whose CRD has no status subresource keep the status they apply', async () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
  await ok(['apply', '-f', '-'], crd);
  await ok(['wait', '--for=condition=Established', 'crd/gadgets.example.com', '--timeout=20s']);
  const cr = (phase: string) => `apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {size: 1}\nstatus: {phase: ${phase}}\n`;
  await ok(['apply', '--server-side', '-f', '-'], cr('Ready'));
  let g = await getJson(['gadget', 'g1']);
  assert.equal(g.status, { phase: 'Ready' });
  assert.equal(g.metadata.managedFields[0].fieldsV1['f:status'], { '.': {}, 'f:phase': {} });
  await ok(['apply', '--server-side', '-f', '-'], cr('Done'));
  g = await getJson(['gadget', 'g1']);
  assert.equal(g.status, { phase: 'Done' });
  assert.equal(managers(g), ['kubectl/Apply']);
});

test('a server-side dry-run apply answers what the apply would store, and stores nothing', async () => {
  // Helm 4 and client libraries send empty maps; Go's omitempty never writes them back.
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dry, labels: {app: dry}, annotations: {}}\ndata: {k: v}\n';
  const out = JSON.parse(await ok(['apply', '--server-side', '--dry-run=server', '-o', 'json', '--show-managed-fields', '-f', '-'], cm));
  assert.equal(Object.keys(out.metadata).sort(), ['creationTimestamp', 'labels', 'managedFields', 'name', 'namespace', 'uid']);
  assert.equal(out.metadata.labels, { app: 'dry' });
  assert.equal(out.data, { k: 'v' });
  assert.equal(managers(out), ['kubectl/Apply']);
  const gone = await kubectl(['get', 'cm', 'dry']);
  assert.match(gone.stderr, /NotFound|not found/);
  // On an existing object: the same answer as the real apply, without the write.
  await ok(['apply', '--server-side', '-f', '-'], cm);
  const live = await getJson(['cm', 'dry']);
  const changed = cm.replace('k: v', 'k: w');
  const dry = JSON.parse(await ok(['apply', '--server-side', '--dry-run=server', '-o', 'json', '--show-managed-fields', '-f', '-'], changed));
  assert.is(dry.data.k, 'w');
  assert.equal(dry.metadata.labels, { app: 'dry' });
  assert.is(dry.metadata.annotations, undefined);
  assert.is(dry.metadata.resourceVersion, live.metadata.resourceVersion);
  assert.is((await getJson(['cm', 'dry'])).data.k, 'v');
});

test('a Job created by client-side apply re-applies server-side: its generated selector and job labels belong to no manager', async () => {
  const job = `apiVersion: batch/v1
kind: Job
metadata: {name: check}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`;
  await ok(['apply', '-f', '-'], job);
  const created = await getJson(['job', 'check']);
  const uid = created.metadata.uid;
  assert.is(created.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'], uid);
  assert.is(created.spec.template.metadata.labels['job-name'], 'check');
  const owned = JSON.stringify(created.metadata.managedFields);
  assert.not.match(owned, /controller-uid|job-name|f:selector/, 'generated fields are owned by no manager');
  const again = await kubectl(['apply', '--server-side', '-f', '-'], job);
  assert.is(again.code, 0, again.stderr);
  assert.not.match(again.stderr, /immutable|failed to re-apply/);
  const after = await getJson(['job', 'check']);
  assert.equal(after.spec.selector, created.spec.selector);
});

test.run();
