// Charts quote optional values into fields whose Go type is a plain string
// (Bitnami's `podManagementPolicy: {{ .Values.primary.podManagementPolicy |
// quote }}` with the value "" in mysql, mariadb, ...). The API server decodes
// "" as the zero value and defaults it, so the chart installs on a real
// cluster; it must here too, with the real kubectl and the real Helm.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmBinary, helmHomeEnv } from '../support/helm.js';
import { run } from '../support/cli.js';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-empty-strings-');
const { ok } = cluster;

const TEMPLATE = `apiVersion: v1
kind: Service
metadata: {name: {{ .Release.Name }}-db}
spec:
  type: {{ .Values.service.type | quote }}
  sessionAffinity: {{ .Values.service.sessionAffinity | quote }}
  clusterIP: None
  selector: {app: {{ .Release.Name }}-db}
  ports: [{name: db, port: 3306}]
---
apiVersion: v1
kind: Secret
metadata: {name: {{ .Release.Name }}-db}
type: {{ .Values.secretType | quote }}
stringData: {password: x}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: {{ .Release.Name }}-db}
spec:
  serviceName: {{ .Release.Name }}-db
  podManagementPolicy: {{ .Values.podManagementPolicy | quote }}
  replicas: 2
  selector: {matchLabels: {app: {{ .Release.Name }}-db}}
  template:
    metadata: {labels: {app: {{ .Release.Name }}-db}}
    spec:
      schedulerName: {{ .Values.schedulerName | quote }}
      dnsPolicy: {{ .Values.dnsPolicy | quote }}
      containers:
      - name: db
        image: mysql:8.4
        imagePullPolicy: {{ .Values.pullPolicy | quote }}
        ports: [{name: db, containerPort: 3306}]
`;
const VALUES = `podManagementPolicy: ""
schedulerName: ""
dnsPolicy: ""
pullPolicy: ""
secretType: ""
service: {type: "", sessionAffinity: ""}
`;

function chart(): string {
  const dir = join(cluster.dir, 'db');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: db\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), VALUES);
  writeFileSync(join(dir, 'templates', 'db.yaml'), TEMPLATE);
  return dir;
}

const getJson = async (what: string) => JSON.parse(await ok(['get', what, '-o', 'json']));

async function assertDefaulted(release: string): Promise<void> {
  const sts = await getJson(`statefulset/${release}-db`);
  assert.is(sts.spec.podManagementPolicy, 'OrderedReady');
  const ps = sts.spec.template.spec;
  assert.equal([ps.schedulerName, ps.dnsPolicy, ps.containers[0].imagePullPolicy, ps.containers[0].ports[0].protocol], ['default-scheduler', 'ClusterFirst', 'IfNotPresent', 'TCP']);
  const svc = await getJson(`service/${release}-db`);
  assert.equal([svc.spec.type, svc.spec.sessionAffinity, svc.spec.ports[0].protocol], ['ClusterIP', 'None', 'TCP']);
  assert.is((await getJson(`secret/${release}-db`)).type, 'Opaque');
}

test.before(cluster.start);
test.after(cluster.stop);

test('kubectl apply twice, and server-side apply twice, of the rendered chart', async () => {
  const helm = (args: string[]) => run(helmBinary(), args, { env: { ...cluster.env, ...helmHomeEnv(join(cluster.dir, 'helm-t')) }, timeoutMs: 60_000 });
  const dir = chart();
  let r = await helm(['template', 'kc', dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(await ok(['apply', '-f', '-'], r.stdout), /statefulset.apps\/kc-db created/);
  // kubectl patches the "" back (it differs from the live default), which the server defaults again: no change.
  assert.match(await ok(['apply', '-f', '-'], r.stdout), /statefulset.apps\/kc-db (configured|unchanged)/);
  assert.is((await getJson('statefulset/kc-db')).metadata.generation, 1);
  await assertDefaulted('kc');
  r = await helm(['template', 'ks', dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(await ok(['apply', '--server-side', '-f', '-'], r.stdout), /statefulset.apps\/ks-db serverside-applied/);
  assert.match(await ok(['apply', '--server-side', '-f', '-'], r.stdout), /statefulset.apps\/ks-db serverside-applied/);
  assert.is((await getJson('statefulset/ks-db')).metadata.generation, 1);
  await assertDefaulted('ks');
});

test('Helm 3 installs it with --wait (its pods become ready) and upgrades it', async () => {
  const helm = (args: string[]) => run(helmBinary(), args, { env: { ...cluster.env, ...helmHomeEnv(join(cluster.dir, 'helm3')) }, timeoutMs: 150_000 });
  let r = await helm(['install', 'h3', chart(), '--wait', '--timeout', '2m']);
  assert.is(r.code, 0, r.stderr);
  await assertDefaulted('h3');
  const sts = await getJson('statefulset/h3-db');
  assert.is(sts.status.readyReplicas, 2);
  r = await helm(['upgrade', 'h3', chart(), '--set', 'pullPolicy=Always', '--wait', '--timeout', '2m']);
  assert.is(r.code, 0, r.stderr);
  assert.is((await getJson('statefulset/h3-db')).spec.template.spec.containers[0].imagePullPolicy, 'Always');
});

test.run();
