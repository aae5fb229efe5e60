// `skiff test RELEASE --logs` prints each test pod's log, as kubectl logs does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, skiff, tempDir } from '../support/cli.js';

let rt: Runtime;

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
});
test.after(async () => {
  await rt?.stop();
});

test('test --logs shows the test pod log kubectl logs shows', async () => {
  const dir = join(tempDir('skiff-chart-'), 'tested');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: tested\nversion: 0.1.0\n');
  writeFileSync(
    join(dir, 'templates', 'test.yaml'),
    `apiVersion: v1
kind: Pod
metadata:
  name: "{{ .Release.Name }}-check"
  annotations:
    helm.sh/hook: test
    sim.skiff.dev/run-time: 1s
    sim.skiff.dev/log: "checking the service\\nall good"
spec:
  restartPolicy: Never
  containers: [{name: check, image: busybox, command: ["true"]}]
`,
  );
  const K = ['--kubeconfig', rt.kubeconfigPath];
  const inst = await skiff(['install', 'lg', dir, ...K]);
  assert.is(inst.code, 0, inst.stderr);
  const r = await skiff(['test', 'lg', '--logs', ...K]);
  assert.is(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /Phase:\s+Succeeded/);
  assert.match(r.stdout, /POD LOGS: lg-check\n/);
  assert.not.match(r.stdout, /logs unavailable/);
  const k = await run('kubectl', ['logs', 'lg-check'], { env: { KUBECONFIG: rt.kubeconfigPath } });
  assert.is(k.code, 0, k.stderr);
  assert.match(k.stdout, /all good/);
  assert.ok(r.stdout.includes(`POD LOGS: lg-check\n${k.stdout}`), `${r.stdout}\n---\n${k.stdout}`);
});

test.run();
