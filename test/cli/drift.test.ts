// Drift on the bundled cluster: a release installed by skiff, changed with the
// real kubectl (scale, patch, delete), reported field by field by `skiff diff
// release` and `status --drift`, ignored by rule, and put back by
// `upgrade --reset-drift`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, run, tempDir, type CliResult } from '../support/cli.js';
import { kubectlBinary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
const dir = tempDir('skiff-drift-');
let chart: string;

const sk = (args: string[]) => skiff([...args, ...K]);
async function ok(args: string[]): Promise<CliResult> {
  const r = await sk(args);
  assert.is(r.code, 0, `skiff ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}
async function kubectl(args: string[]): Promise<string> {
  const r = await run(kubectlBinary(), ['--kubeconfig', rt.kubeconfigPath, ...args], { env: { HOME: dir, KUBECACHEDIR: join(dir, 'kcache') } });
  assert.is(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test.before(async () => {
  rt = await startRuntime({ dataDir: join(dir, 'rt'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  chart = join(dir, 'app');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'replicas: 2\n');
  writeFileSync(
    join(chart, 'templates', 'deploy.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources: {requests: {cpu: "0.5", memory: 64Mi}}
      - name: side
        image: busybox:1.36
`,
  );
  writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {mode: fast, level: "3"}\n');
  writeFileSync(join(chart, 'templates', 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {token: abcdef}\n');
  writeFileSync(join(chart, 'templates', 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n');
  await ok(['install', 'app', chart]);
});
test.after(async () => {
  await rt?.stop();
});

test('right after install nothing has drifted (server defaults, status and bookkeeping are not drift)', async () => {
  const r = await ok(['diff', 'release', 'app', '--detailed-exitcode']);
  assert.match(r.stdout, /^No drift: the 4 objects of release "app" \(revision 1\) match the deployed manifest\.$/m);
  assert.match((await ok(['status', 'app', '--drift'])).stdout, /^DRIFT: none \(4 objects match revision 1\)$/m);
});

test('kubectl scale, patch and delete show field by field; --ignore and rules leave fields out', async () => {
  await kubectl(['scale', 'deployment/web', '--replicas=5']);
  await kubectl(['patch', 'configmap', 'cfg', '--type=merge', '-p', '{"data":{"mode":"slow","added":"x"}}']);
  await kubectl(['set', 'image', 'deployment/web', 'side=busybox:1.37']);
  await kubectl(['patch', 'secret', 'creds', '--type=merge', '-p', '{"stringData":{"token":"changed-token"}}']);
  await kubectl(['delete', 'configmap', 'extra']);

  const r = await sk(['diff', 'release', 'app', '--detailed-exitcode']);
  assert.is(r.code, 2, r.stderr);
  assert.equal(
    r.stdout.trim().split('\n'),
    [
      'Secret/creds (v1) in namespace default has drifted:',
      '  /data/token: (6 bytes) → (13 bytes)',
      '',
      'ConfigMap/cfg (v1) in namespace default has drifted:',
      '  /data/mode: "fast" → "slow"',
      '',
      'ConfigMap/extra (v1) in namespace default is missing from the cluster',
      '',
      'Deployment/web (apps/v1) in namespace default has drifted:',
      '  /spec/replicas: 2 → 5',
      '  /spec/template/spec/containers/1/image: "busybox:1.36" → "busybox:1.37"',
    ],
  );
  assert.not.ok(r.stdout.includes('changed-token'));
  assert.not.ok(r.stdout.includes('added'), 'a key the manifest does not set is not drift');

  const json = JSON.parse((await ok(['diff', 'release', 'app', '-o', 'json', '--ignore', '/spec/replicas', '--ignore', 'ConfigMap/cfg:/data', '--ignore', 'Secret:/data/token'])).stdout);
  assert.equal(
    json.map((d: any) => [d.kind, d.name, d.missing ?? false, d.fields.map((f: any) => [f.path, f.expected, f.actual])]),
    [
      ['ConfigMap', 'extra', true, []],
      ['Deployment', 'web', false, [['/spec/template/spec/containers/1/image', 'busybox:1.36', 'busybox:1.37']]],
    ],
  );
  const st = await ok(['status', 'app', '--drift']);
  assert.match(st.stdout, /^DRIFT \(changed outside skiff since revision 1\):\nSecret\/creds/m);
  assert.match(st.stdout, /^  \/spec\/replicas: 2 → 5$/m);

  const bad = await sk(['diff', 'release', 'app', '--ignore', 'spec.replicas']);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /--ignore: invalid drift ignore rule "spec\.replicas": expected a JSON pointer/);
});

test('upgrade --reset-drift puts every drifted field and object back; then no drift', async () => {
  const up = await ok(['upgrade', 'app', chart, '--reset-drift']);
  assert.match(up.stderr, /Reset drift: Deployment\/web: put back \/spec\/replicas, \/spec\/template\/spec\/containers\/1\/image/);
  assert.match(up.stderr, /Reset drift: ConfigMap\/extra: re-created/);
  const d = await kubectl(['get', 'deployment', 'web', '-o', 'json']);
  assert.is(JSON.parse(d).spec.replicas, 2);
  assert.is(JSON.parse(await kubectl(['get', 'configmap', 'cfg', '-o', 'json'])).data.mode, 'fast');
  assert.is(Buffer.from(JSON.parse(await kubectl(['get', 'secret', 'creds', '-o', 'json'])).data.token, 'base64').toString(), 'abcdef');
  const after = await sk(['diff', 'release', 'app', '--detailed-exitcode']);
  assert.is(after.code, 0, after.stdout);
  assert.match(after.stdout, /No drift: the 4 objects of release "app" \(revision 2\)/);
});

test('a chart-level rule (Chart.yaml annotation) and an object annotation are honoured', async () => {
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.1\nannotations:\n  skiff.io/drift-ignore: "Deployment:/spec/replicas"\n');
  writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  annotations: {skiff.io/drift-ignore: /data/level}\ndata: {mode: fast, level: "3"}\n');
  await ok(['upgrade', 'app', chart]);
  await kubectl(['scale', 'deployment/web', '--replicas=4']);
  await kubectl(['patch', 'configmap', 'cfg', '--type=merge', '-p', '{"data":{"level":"9"}}']);
  const r = await sk(['diff', 'release', 'app', '--detailed-exitcode']);
  assert.is(r.code, 0, r.stdout);
});

test.run();
