// All control-plane state lives in the API: kill -9 of the runtime process in
// the middle of a rolling update, then a restart, and the rollout finishes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../../support/cli.js';
import { http, until as waitFor, type Conn } from '../helpers.js';

// A restarted runtime needs longer than the default wait.
const until = <T>(what: string, fn: () => Promise<T | undefined | false>) => waitFor(what, fn, 30_000);

const MAIN = join(ROOT, 'dist', 'runtime-main.js');

async function launch(dir: string): Promise<{ child: ChildProcess; conn: Conn }> {
  rmSync(join(dir, 'runtime.json'), { force: true });
  const child = spawn(process.execPath, [MAIN, '--data-dir', dir, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  for (let i = 0; i < 400; i++) {
    if (existsSync(join(dir, 'runtime.json'))) {
      const st = JSON.parse(readFileSync(join(dir, 'runtime.json'), 'utf8'));
      if (st.pid === child.pid) return { child, conn: { url: st.url, caPem: readFileSync(join(dir, 'pki', 'ca.crt'), 'utf8'), token: readFileSync(join(dir, 'pki', 'admin.token'), 'utf8').trim() } };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`runtime did not start: ${err}`);
}

const PATH = '/apis/apps/v1/namespaces/default/deployments/web';


test('a rolling update interrupted by kill -9 completes after the restart', async () => {
  const dir = tempDir('skiff-restart-');
  const first = await launch(dir);
  const deploy = (image: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 6,
      strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' }, annotations: { 'sim.skiff.dev/start-delay': '400ms' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  });
  assert.is((await http(first.conn, 'POST', '/apis/apps/v1/namespaces/default/deployments', deploy('web:1'))).status, 201);
  await until('v1 available', async () => (await http(first.conn, 'GET', PATH)).json().status?.availableReplicas === 6);
  const r = await http(first.conn, 'PATCH', PATH, { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
  assert.is(r.status, 200);
  // Mid-rollout: some but not all replicas updated.
  await until('rollout under way', async () => {
    const s = (await http(first.conn, 'GET', PATH)).json().status;
    return s?.updatedReplicas >= 1 && s.updatedReplicas < 6;
  });
  await new Promise<void>((resolve) => {
    first.child.once('exit', () => resolve());
    first.child.kill('SIGKILL');
  });

  const second = await launch(dir);
  try {
    const d = await until('rollout finished after restart', async () => {
      const x = (await http(second.conn, 'GET', PATH)).json();
      const s = x.status;
      return s?.observedGeneration >= x.metadata.generation && s.updatedReplicas === 6 && s.replicas === 6 && s.availableReplicas === 6 ? x : undefined;
    });
    assert.is(d.metadata.annotations['deployment.kubernetes.io/revision'], '2');
    const pods = (await http(second.conn, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb')).json().items;
    const live = pods.filter((p: any) => !p.metadata.deletionTimestamp);
    assert.is(live.length, 6);
    assert.ok(live.every((p: any) => p.spec.containers[0].image === 'web:2' && p.status.phase === 'Running'));
  } finally {
    await new Promise<void>((resolve) => {
      second.child.once('exit', () => resolve());
      second.child.kill('SIGTERM');
    });
  }
});

test.run();
