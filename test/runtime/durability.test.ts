// Acknowledged writes survive kill -9 of the runtime process (dist/runtime-main.js).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../support/cli.js';
import { http, openWatch, type Conn } from './helpers.js';

const MAIN = join(ROOT, 'dist', 'runtime-main.js');

async function launch(dir: string, extra: string[] = []): Promise<{ child: ChildProcess; conn: Conn }> {
  rmSync(join(dir, 'runtime.json'), { force: true });
  const child = spawn(process.execPath, [MAIN, '--data-dir', dir, '--port', '0', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  for (let i = 0; i < 400; i++) {
    if (existsSync(join(dir, 'runtime.json'))) {
      const st = JSON.parse(readFileSync(join(dir, 'runtime.json'), 'utf8'));
      if (st.pid === child.pid) {
        const conn = { url: st.url, caPem: readFileSync(join(dir, 'pki', 'ca.crt'), 'utf8'), token: readFileSync(join(dir, 'pki', 'admin.token'), 'utf8').trim() };
        return { child, conn };
      }
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`runtime did not start: ${err}`);
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

test('objects acknowledged over HTTPS survive kill -9 with the same resourceVersions; watches resume or get 410', async () => {
  const dir = tempDir('skiff-durable-');
  const first = await launch(dir, ['--history-size', '60']);
  const N = 120;
  const acked = new Map<string, string>();
  // Concurrent creates, as group commit batches them.
  await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const r = await http(first.conn, 'POST', '/api/v1/namespaces/default/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cm-${i}` },
        data: { i: String(i) },
      });
      assert.is(r.status, 201);
      acked.set(`cm-${i}`, r.json().metadata.resourceVersion);
    }),
  );
  const rvs = [...acked.values()].map(Number).sort((a, b) => a - b);
  await killHard(first.child);

  const second = await launch(dir, ['--history-size', '60']);
  try {
    const list = (await http(second.conn, 'GET', '/api/v1/namespaces/default/configmaps?labelSelector=')).json();
    const got = new Map<string, string>(list.items.map((o: any) => [o.metadata.name, o.metadata.resourceVersion]));
    for (const [name, rv] of acked) assert.is(got.get(name), rv, `${name} kept resourceVersion ${rv}`);
    assert.ok(Number(list.metadata.resourceVersion) >= rvs[rvs.length - 1]!);
    // The last events are still in the history: a watch from there resumes in order.
    const from = rvs[rvs.length - 6]!;
    const w = await openWatch(second.conn, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${from}`);
    const resumed: number[] = [];
    for (let i = 0; i < 5; i++) resumed.push(Number((await w.next()).object.metadata.resourceVersion));
    assert.equal(resumed, rvs.slice(-5));
    w.close();
    // The first writes were pushed out of the 60-event history: 410 Expired.
    const old = await openWatch(second.conn, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rvs[0]}`);
    const ev = await old.next();
    assert.is(ev.type, 'ERROR');
    assert.is(ev.object.code, 410);
    // New writes continue the revision sequence.
    const next = await http(second.conn, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } });
    assert.ok(Number(next.json().metadata.resourceVersion) > rvs[rvs.length - 1]!);
  } finally {
    await killHard(second.child);
  }
});

test.run();
