// Deployment status as kube-apiserver serializes it: the replica counters are
// omitempty, so a fully available Deployment carries no unavailableReplicas and
// one scaled to zero carries no counters at all (kubectl and Helm treat a
// missing counter as 0).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-deploy-status-');
const { ok } = cluster;

async function status(): Promise<Record<string, unknown>> {
  return JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json'])).status;
}
async function until(what: string, check: (s: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; i < 150; i++) {
    const s = await status();
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.unreachable(`timed out waiting for ${what}: ${JSON.stringify(await status())}`);
  throw new Error('unreachable');
}

test.before(cluster.start);
test.after(cluster.stop);

test('an available Deployment has no unavailableReplicas; rollout status reads it as complete', async () => {
  await ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
  assert.match(await ok(['rollout', 'status', 'deploy/web', '--timeout=30s']), /successfully rolled out/);
  const s = await until('2 available', (x) => x.availableReplicas === 2);
  assert.equal(
    Object.keys(s).sort(),
    ['availableReplicas', 'conditions', 'observedGeneration', 'readyReplicas', 'replicas', 'updatedReplicas'],
  );
});

test('scaled to zero, the counters are gone rather than 0', async () => {
  await ok(['scale', 'deploy/web', '--replicas=0']);
  const s = await until('no replicas', (x) => x.replicas === undefined && x.observedGeneration === 2);
  assert.equal(Object.keys(s).sort(), ['conditions', 'observedGeneration']);
  assert.match(await ok(['rollout', 'status', 'deploy/web', '--timeout=30s']), /successfully rolled out/);
  assert.match(await ok(['get', 'deploy', 'web']), /web\s+0\/0\s+0\s+0\s/);
});

test.run();
