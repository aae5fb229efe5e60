// The real kubectl (1.32) against one runtime serving the registry's
// built-in kinds: discovery, apply/get/patch/scale/edit/wait/delete and the
// error messages users see.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlBinary } from '../support/helm.js';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-kubectl-');
const { kubectl, ok } = cluster;

async function fails(args: readonly string[], input?: string): Promise<string> {
  const r = await kubectl(args, input);
  assert.is.not(r.code, 0, `kubectl ${args.join(' ')} should fail:\n${r.stdout}`);
  return r.stderr;
}

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}, scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.size}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Color, type: string, jsonPath: .spec.color, priority: 1}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 0}
              color: {type: string, enum: [red, blue]}
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
`;

function manifest(envValue: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web, tier: front}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        env:
        - {name: MODE, value: "${envValue}"}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: shop, labels: {app: web, tier: back}}
data: {k: v}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: shop}
stringData: {password: s3cret}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.local
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
${CRD}`;
}

test.before(cluster.start);
test.after(cluster.stop);

test('version, api-resources, api-versions', async () => {
  const v = JSON.parse(await ok(['version', '-o', 'json']));
  assert.is(v.serverVersion.minor, '32');
  const res = await ok(['api-resources']);
  assert.match(res, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  assert.match(res, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
  const vs = (await ok(['api-versions'])).trim().split('\n');
  for (const gv of ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'apiextensions.k8s.io/v1', 'autoscaling/v2']) assert.ok(vs.includes(gv), gv);
});

test('create -f a namespace, apply a multi-document manifest with a CRD, then a custom resource', async () => {
  assert.match(await ok(['create', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'), /namespace\/shop created/);
  writeFileSync(join(cluster.dir, 'app.yaml'), manifest('one', 2));
  const out = await ok(['apply', '-f', join(cluster.dir, 'app.yaml')]);
  for (const line of ['deployment.apps/web created', 'service/web created', 'configmap/cfg created', 'secret/creds created', 'ingress.networking.k8s.io/web created', 'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created']) {
    assert.ok(out.includes(line), line);
  }
  const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: shop, labels: {app: web}}\nspec: {size: 3, color: red}\n';
  assert.match(await ok(['apply', '-f', '-'], cr), /widget.example.com\/w1 created/);
  assert.match(await ok(['explain', 'widget.spec']), /color\s+<string>/);
  assert.match(await ok(['explain', 'deployment.spec.replicas']), /replicas/);
});

test('get: wide, yaml, jsonpath, set-based labels, field selectors, -A, --show-labels, custom columns', async () => {
  const wide = await ok(['get', 'deploy', '-n', 'shop', '-o', 'wide']);
  assert.match(wide, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/m);
  // READY depends on whether controllers already made pods; the other columns do not.
  assert.match(wide, /^web\s+\d\/2\s+.*nginx:1\.27\s+app=web$/m);
  const yaml = await ok(['get', 'cm', 'cfg', '-n', 'shop', '-o', 'yaml']);
  assert.match(yaml, /^  k: v$/m);
  assert.match(yaml, /resourceVersion: "\d+"/);
  assert.is(await ok(['get', 'svc', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.ports[0].port}']), '80');
  const sel = await ok(['get', 'cm,deploy,svc', '-n', 'shop', '-l', 'app in (web),tier notin (back)', '-o', 'name']);
  assert.equal(sel.trim().split('\n').sort(), ['deployment.apps/web', 'service/web']);
  assert.is((await ok(['get', 'secrets', '-A', '--field-selector', 'type=Opaque', '-o', 'name'])).trim(), 'secret/creds');
  const all = await ok(['get', 'cm', '-A']);
  assert.match(all, /^kube-system\s+kube-root-ca\.crt\s+1/m);
  assert.match(all, /^shop\s+cfg\s+1/m);
  assert.match(await ok(['get', 'cm', 'cfg', '-n', 'shop', '--show-labels']), /app=web,tier=back/);
  const wd = await ok(['get', 'wd', '-n', 'shop', '-o', 'wide']);
  assert.match(wd, /^NAME\s+SIZE\s+COLOR$/m);
  assert.match(wd, /^w1\s+3\s+red$/m);
  assert.match(await ok(['describe', 'deploy', 'web', '-n', 'shop']), /Replicas:\s+2 desired/);
  const bad = await fails(['get', 'cm', '-n', 'shop', '-l', 'app in (web']);
  assert.match(bad, /Error from server \(BadRequest\): .*unable to parse requirement: found '', expected: ',' or '\)'/);
});

test('get -w sees later changes', async () => {
  const child = spawn(kubectlBinary(), ['get', 'cm', '-n', 'shop', '-w', '--output-watch-events'], { env: { ...process.env, ...cluster.env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  for (let i = 0; i < 100 && !out.includes('cfg'); i++) await new Promise((r) => setTimeout(r, 50));
  await ok(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: later, namespace: shop}\n');
  for (let i = 0; i < 100 && !/ADDED\s+later/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  child.kill();
  assert.match(out, /ADDED\s+later\s+0/);
});

test('label, annotate, patch (strategic, merge, json), scale, apply again keeps live fields, edit', async () => {
  await ok(['label', 'deploy', 'web', '-n', 'shop', 'env=prod']);
  await ok(['annotate', 'cm', 'cfg', '-n', 'shop', 'note=hello']);
  await ok(['patch', 'deploy', 'web', '-n', 'shop', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}']);
  await ok(['patch', 'cm', 'cfg', '-n', 'shop', '--type=merge', '-p', '{"data":{"extra":"1"}}']);
  await ok(['patch', 'svc', 'web', '-n', 'shop', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/patched","value":"yes"}]']);
  await ok(['scale', 'deploy', 'web', '-n', 'shop', '--replicas=4']);
  await ok(['scale', 'widget', 'w1', '-n', 'shop', '--replicas=5']);
  assert.is(await ok(['get', 'wd', 'w1', '-n', 'shop', '-o', 'jsonpath={.spec.size}']), '5');
  const d = JSON.parse(await ok(['get', 'deploy', 'web', '-n', 'shop', '-o', 'json']));
  assert.is(d.spec.replicas, 4);
  assert.is(d.spec.template.spec.containers[0].image, 'nginx:1.28');
  assert.equal(d.spec.template.spec.containers[0].env, [{ name: 'MODE', value: 'one' }], 'the strategic patch merged the container by name');
  // Re-apply the edited file: changed fields follow the file, live-only fields (a label set with kubectl label) stay.
  writeFileSync(join(cluster.dir, 'app.yaml'), manifest('two', 3));
  assert.match(await ok(['apply', '-f', join(cluster.dir, 'app.yaml')]), /deployment.apps\/web configured/);
  const d2 = JSON.parse(await ok(['get', 'deploy', 'web', '-n', 'shop', '-o', 'json']));
  assert.equal(d2.spec.template.spec.containers[0].env, [{ name: 'MODE', value: 'two' }]);
  assert.is(d2.spec.replicas, 3);
  assert.is(d2.metadata.labels.env, 'prod');
  assert.is(d2.metadata.generation, d.metadata.generation + 1);
  const cm = JSON.parse(await ok(['get', 'cm', 'cfg', '-n', 'shop', '-o', 'json']));
  assert.is(cm.metadata.annotations.note, 'hello');
  const editor = join(cluster.dir, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nsed -i "s/^  k: v$/  k: edited/" "$1"\n');
  chmodSync(editor, 0o755);
  assert.match(await cluster.withEnv({ KUBE_EDITOR: editor }).ok(['edit', 'cm', 'cfg', '-n', 'shop']), /configmap\/cfg edited/);
  assert.is(await ok(['get', 'cm', 'cfg', '-n', 'shop', '-o', 'jsonpath={.data.k}']), 'edited');
});

test('wait --for=condition and --for=jsonpath', async () => {
  const waiting = kubectl(['wait', '--for=condition=Ready', 'widget/w1', '-n', 'shop', '--timeout=20s']);
  await new Promise((r) => setTimeout(r, 300));
  const gen = (await ok(['get', 'wd', 'w1', '-n', 'shop', '-o', 'jsonpath={.metadata.generation}'])).trim();
  await ok(['patch', 'wd', 'w1', '-n', 'shop', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { size: 5, observedGeneration: Number(gen), conditions: [{ type: 'Ready', status: 'True' }] } })]);
  const r = await waiting;
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /widget.example.com\/w1 condition met/);
  assert.match(await ok(['wait', '--for=jsonpath={.status.size}=5', 'widget/w1', '-n', 'shop', '--timeout=10s']), /condition met/);
});

/** Runs `kubectl get ... -w` until `pattern` shows up in its output (or 15 s pass); returns the output. */
async function watchUntil(args: readonly string[], pattern: RegExp, action: () => Promise<unknown>): Promise<string> {
  const child = spawn(kubectlBinary(), ['get', ...args, '-w'], { env: { ...process.env, ...cluster.env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  for (let i = 0; i < 100 && out === ''; i++) await new Promise((r) => setTimeout(r, 50));
  await action();
  for (let i = 0; i < 300 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  child.kill();
  return out;
}

test('delete with --cascade background, foreground and orphan', async () => {
  assert.match(await ok(['delete', 'cm', 'later', '-n', 'shop', '--cascade=background']), /configmap "later" deleted/);
  // The API side: the policy becomes a finalizer on the object (a garbage collector may act on it right after).
  const fields = 'jsonpath={.metadata.name} {.metadata.finalizers} {.metadata.deletionTimestamp}{"\\n"}';
  const fg = await watchUntil(['deploy', 'web', '-n', 'shop', '-o', fields], /foregroundDeletion/, () =>
    ok(['delete', 'deploy', 'web', '-n', 'shop', '--cascade=foreground', '--wait=false']),
  );
  assert.match(fg, /^web \["foregroundDeletion"\] \d{4}-\d\d-\d\dT/m);
  const orphan = await watchUntil(['svc', 'web', '-n', 'shop', '-o', fields], /orphan/, () =>
    ok(['delete', 'svc', 'web', '-n', 'shop', '--cascade=orphan', '--wait=false']),
  );
  assert.match(orphan, /^web \["orphan"\] \d{4}-/m);
});

test('errors: conflict, already exists, invalid name, missing field, unknown field, bad token, terminating namespace', async () => {
  const cm = JSON.parse(await ok(['get', 'cm', 'cfg', '-n', 'shop', '-o', 'json']));
  await ok(['label', 'cm', 'cfg', '-n', 'shop', 'bump=1']);
  const stale = await fails(['replace', '-f', '-'], JSON.stringify(cm));
  assert.match(stale, /Error from server \(Conflict\): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "cfg": the object has been modified; please apply your changes to the latest version and try again/);
  assert.match(await fails(['create', '-f', join(cluster.dir, 'app.yaml')]), /Error from server \(AlreadyExists\): error when creating ".*app\.yaml": configmaps "cfg" already exists/);
  const longName = 'x'.repeat(300);
  assert.match(await fails(['create', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${longName}, namespace: shop}\n`), /is invalid: metadata\.name: Invalid value: "x+": must be no more than 253 characters/);
  assert.match(
    await fails(['apply', '-f', '-'], 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nosel, namespace: shop}\nspec: {template: {spec: {containers: [{name: a, image: b}]}}}\n'),
    /The Deployment "nosel" is invalid: .*spec\.selector: Required value/,
  );
  assert.match(await fails(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strict, namespace: shop}\nfoo: bar\n'), /strict decoding error: unknown field "foo"/);
  assert.match(await fails(['get', 'ns', '--token=not-the-token']), /error: You must be logged in to the server \(Unauthorized\)/);
  // A namespace held by a finalized object stays Terminating and refuses new content.
  await ok(['create', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: doomed}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, namespace: doomed, finalizers: [example.com/hold]}\n');
  await ok(['delete', 'ns', 'doomed', '--wait=false']);
  assert.match(await fails(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: new, namespace: doomed}\n'), /Error from server \(Forbidden\): .*unable to create new content in namespace doomed because it is being terminated/);
  assert.match(await fails(['delete', 'ns', 'kube-system']), /Error from server \(Forbidden\): namespaces "kube-system" is forbidden: this namespace may not be deleted/);
  await ok(['patch', 'cm', 'held', '-n', 'doomed', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
  await ok(['wait', '--for=delete', 'ns/doomed', '--timeout=20s']);
});

test.run();
