// The built CLI loads the semver library only when a chart asks for it
// (src/chart/semver.ts): a kubeVersion constraint and a dependency's version
// range are still judged as Helm judges them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';

function chart(kubeVersion?: string, depVersion?: string): string {
  const dir = join(tempDir('skiff-semver-'), 'app');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  const deps = depVersion ? `dependencies:\n  - name: sub\n    version: "${depVersion}"\n    alias: renamed\n` : '';
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: app\nversion: 1.0.0\n${kubeVersion ? `kubeVersion: "${kubeVersion}"\n` : ''}${deps}`);
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n');
  if (depVersion) {
    const sub = join(dir, 'charts', 'sub');
    mkdirSync(join(sub, 'templates'), { recursive: true });
    writeFileSync(join(sub, 'Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 1.0.3\n');
    writeFileSync(join(sub, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}-cm\n');
  }
  return dir;
}

test('kubeVersion: a constraint the version misses refuses, one it meets renders', async () => {
  const miss = await skiff(['template', 'r', chart('>=1.99.0-0'), '--kube-version', '1.31.0']);
  assert.is.not(miss.code, 0);
  assert.match(miss.stderr, /chart requires kubeVersion: >=1\.99\.0-0 which is incompatible with Kubernetes v1\.31\.0/);
  const meet = await skiff(['template', 'r', chart('>=1.20.0-0, <2.0.0'), '--kube-version', '1.31.0']);
  assert.is(meet.code, 0, meet.stderr);
  assert.match(meet.stdout, /name: app/);
});

test('a dependency alias applies when the subchart version is in its range', async () => {
  const inRange = await skiff(['template', 'r', chart(undefined, '~1.0.0')]);
  assert.is(inRange.code, 0, inRange.stderr);
  assert.match(inRange.stdout, /name: renamed-cm/);
  const outOfRange = await skiff(['template', 'r', chart(undefined, '^2.0.0')]);
  assert.not.match(outOfRange.stdout, /name: renamed-cm/);
});

test.run();
