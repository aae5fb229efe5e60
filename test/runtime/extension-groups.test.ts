// The API groups charts like ingress-nginx, cert-manager and
// kube-prometheus-stack ship objects of: admissionregistration.k8s.io
// (webhook configurations), apiregistration.k8s.io (APIService),
// certificates.k8s.io (CSR) and node.k8s.io (RuntimeClass). Created with the
// real kubectl with client-side validation on, patched with strategic merge,
// and upgraded by Helm 4 (which patches them the same way).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm4Binary, helmBinary, helmHomeEnv } from '../support/helm.js';
import { run } from '../support/cli.js';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-ext-groups-');
const { kubectl, ok } = cluster;

const getJson = async (what: string) => JSON.parse(await ok(['get', what, '-o', 'json']));

/** A PEM certificate request (EC P-256, CN=alice, O=dev), base64 as the API carries it. */
const CSR = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIWU1JR0FBZ0VBTUI0eERqQU1CZ05WQkFNTUJXRnNhV05sTVF3d0NnWURWUVFLREFOa1pYWXdXVEFUQmdjcQpoa2pPUFFJQkJnZ3Foa2pPUFFNQkJ3TkNBQVI5aUZtYTd3ZnBOelB2NzZ0b3dPa1A5WmYyRW9PK01mZTZkU0FYCm54ZEtaSjMrRnhScW14ayt0Rm1PM0hEb2ptcE43Y3BaQnRsM0RCN01UOHM3VDFmNG9BQXdDZ1lJS29aSXpqMEUKQXdJRFJ3QXdSQUlnSUx4VUNKaTEvc3BFelNVUkphNmtTQUNlZ0ViNDlzQUJqbUZJNVcyak9qTUNJQXJrdXhBYgp2OHcraTYvVjFvT2FZNXdMdEthdmllc3VuOUYrWmFqY2tVaFoKLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==';

const objects = (suffix: string, timeout: number) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: validate-${suffix}}
webhooks:
- name: validate.${suffix}.example.com
  clientConfig:
    service: {name: hooks, namespace: default, path: /validate}
  rules:
  - {operations: [CREATE, UPDATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}
  sideEffects: None
  admissionReviewVersions: [v1]
  failurePolicy: Ignore
  timeoutSeconds: ${timeout}
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: mutate-${suffix}}
webhooks:
- name: mutate.${suffix}.example.com
  clientConfig:
    url: https://hooks.example.com/mutate
  rules:
  - {operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments], scope: Namespaced}
  sideEffects: None
  admissionReviewVersions: [v1, v1beta1]
  reinvocationPolicy: IfNeeded
  timeoutSeconds: ${timeout}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.${suffix}.example.com}
spec:
  group: ${suffix}.example.com
  version: v1beta1
  service: {name: metrics, namespace: default, port: 443}
  groupPriorityMinimum: 100
  versionPriority: ${timeout}
  insecureSkipTLSVerify: true
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: sandbox-${suffix}}
handler: runsc
overhead:
  podFixed: {cpu: 250m, memory: 64Mi}
scheduling:
  nodeSelector: {sandbox: "true"}
  tolerations: [{key: sandbox, operator: Exists, effect: NoSchedule}]
`;

test.before(cluster.start);
test.after(cluster.stop);

test('kubectl create (client-side validation on) of webhook configurations, an APIService, a RuntimeClass and a CSR', async () => {
  const out = await ok(['create', '--validate=strict', '-f', '-'], objects('a', 5));
  assert.match(out, /validatingwebhookconfiguration.admissionregistration.k8s.io\/validate-a created/);
  assert.match(out, /mutatingwebhookconfiguration.admissionregistration.k8s.io\/mutate-a created/);
  assert.match(out, /apiservice.apiregistration.k8s.io\/v1beta1.a.example.com created/);
  assert.match(out, /runtimeclass.node.k8s.io\/sandbox-a created/);
  const csr = `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: alice}
spec:
  request: ${CSR}
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages: [digital signature, client auth]
`;
  assert.match(await ok(['create', '--validate=strict', '-f', '-'], csr), /certificatesigningrequest.certificates.k8s.io\/alice created/);
  const vwc = await getJson('validatingwebhookconfiguration/validate-a');
  assert.is(vwc.webhooks[0].matchPolicy, 'Equivalent');
});

test('strict field validation knows their fields: a misspelled one is refused', async () => {
  const r = await kubectl(['create', '--validate=strict', '-f', '-'], objects('typo', 5).replace('sideEffects: None', 'sideEffect: None'));
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /unknown field "sideEffect"|unknown field "webhooks\[0\]\.sideEffect"/);
});

test('strategic merge patches merge webhooks by name and conditions by type', async () => {
  await ok(['patch', 'validatingwebhookconfiguration', 'validate-a', '-p', '{"webhooks":[{"name":"validate.a.example.com","timeoutSeconds":7}]}']);
  const vwc = await getJson('validatingwebhookconfiguration/validate-a');
  assert.is(vwc.webhooks.length, 1);
  assert.is(vwc.webhooks[0].timeoutSeconds, 7);
  assert.is(vwc.webhooks[0].failurePolicy, 'Ignore', 'the rest of the webhook is kept');
  await ok(['patch', 'mutatingwebhookconfiguration', 'mutate-a', '-p', '{"webhooks":[{"name":"second.a.example.com","clientConfig":{"url":"https://hooks.example.com/2"},"sideEffects":"None","admissionReviewVersions":["v1"]}]}']);
  assert.equal((await getJson('mutatingwebhookconfiguration/mutate-a')).webhooks.map((w: any) => w.name), ['second.a.example.com', 'mutate.a.example.com']);
  await ok(['patch', 'apiservice', 'v1beta1.a.example.com', '-p', '{"spec":{"versionPriority":20}}']);
  assert.is((await getJson('apiservice/v1beta1.a.example.com')).spec.versionPriority, 20);
  await ok(['patch', 'runtimeclass', 'sandbox-a', '-p', '{"scheduling":{"tolerations":[{"key":"gpu","operator":"Exists"}]}}']);
  assert.equal((await getJson('runtimeclass/sandbox-a')).scheduling.tolerations, [{ key: 'gpu', operator: 'Exists' }]);
  await ok(['patch', 'csr', 'alice', '-p', '{"metadata":{"labels":{"team":"dev"}}}']);
  assert.is((await getJson('csr/alice')).metadata.labels.team, 'dev');
  await ok(['certificate', 'approve', 'alice']);
  const conds = (await getJson('csr/alice')).status.conditions;
  assert.equal(conds.map((c: any) => [c.type, c.status]), [['Approved', 'True']]);
});

async function chartWith(name: string): Promise<string> {
  const chart = join(cluster.dir, name);
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  writeFileSync(join(chart, 'values.yaml'), 'timeout: 5\n');
  writeFileSync(join(chart, 'templates', 'objects.yaml'), objects('{{ .Release.Name }}', 0).replace(/timeoutSeconds: 0|versionPriority: 0/g, (m) => m.replace('0', '{{ .Values.timeout }}')));
  return chart;
}

test('Helm 4 installs, upgrades twice and rolls back a chart of them', async () => {
  const chart = await chartWith('ext4');
  const helm4 = (args: string[]) => run(helm4Binary(), args, { env: { ...cluster.env, ...helmHomeEnv(join(cluster.dir, 'helm4')) }, timeoutMs: 120_000 });
  let r = await helm4(['install', 'hb', chart]);
  assert.is(r.code, 0, r.stderr);
  for (const t of ['8', '9']) {
    r = await helm4(['upgrade', 'hb', chart, '--set', `timeout=${t}`]);
    assert.is(r.code, 0, `upgrade to ${t}: ${r.stderr}`);
    assert.is((await getJson('validatingwebhookconfiguration/validate-hb')).webhooks[0].timeoutSeconds, Number(t));
    assert.is((await getJson('apiservice/v1beta1.hb.example.com')).spec.versionPriority, Number(t));
  }
  r = await helm4(['rollback', 'hb', '1']);
  assert.is(r.code, 0, r.stderr);
  assert.is((await getJson('mutatingwebhookconfiguration/mutate-hb')).webhooks[0].timeoutSeconds, 5);
  r = await helm4(['status', 'hb']);
  assert.match(r.stdout, /STATUS: deployed/);
});

test('Helm 3 upgrades and rolls back the same chart with three-way strategic merge patches', async () => {
  const chart = await chartWith('ext3');
  const helm3 = (args: string[]) => run(helmBinary(), args, { env: { ...cluster.env, ...helmHomeEnv(join(cluster.dir, 'helm3')) }, timeoutMs: 120_000 });
  let r = await helm3(['install', 'hc', chart]);
  assert.is(r.code, 0, r.stderr);
  r = await helm3(['upgrade', 'hc', chart, '--set', 'timeout=12']);
  assert.is(r.code, 0, r.stderr);
  assert.is((await getJson('mutatingwebhookconfiguration/mutate-hc')).webhooks[0].timeoutSeconds, 12);
  r = await helm3(['rollback', 'hc', '1']);
  assert.is(r.code, 0, r.stderr);
  assert.is((await getJson('validatingwebhookconfiguration/validate-hc')).webhooks[0].timeoutSeconds, 5);
});

test.run();
