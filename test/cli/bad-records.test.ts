// Release records are untrusted input: a planted undecodable record, or one
// that gunzips to hundreds of MiB, must not break `list -A` for everybody,
// and nothing from it may reach the terminal as escape codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir, ROOT } from '../support/cli.js';
import { decodeRelease, MAX_RECORD_BYTES } from '../../src/release/codec.js';

let rt: Runtime;
let K: string[];

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  await rt.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mallory' } });
});
test.after(async () => {
  await rt?.stop();
});

/** Plants a Secret that looks like a release record to every label selector, holding `record` (Helm's encoding: base64 of the payload). */
async function plant(namespace: string, name: string, payload: Buffer): Promise<void> {
  await rt.client.create(
    { group: '', version: 'v1', resource: 'secrets', namespace },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'helm.sh/release.v1',
      metadata: { name: `sh.helm.release.v1.${name}.v1`, namespace, labels: { owner: 'helm', name, status: 'deployed', version: '1' } },
      data: { release: Buffer.from(payload.toString('base64')).toString('base64') },
    } as never,
  );
}

const ESC = '\x1b';

test('an undecodable record in another namespace: list -A still lists the rest, and names the bad one safely', async () => {
  const good = await skiff(['install', 'good', join(ROOT, 'charts/webapp'), ...K]);
  assert.is(good.code, 0, good.stderr);
  await plant('mallory', 'evil', Buffer.from(`not json ${ESC}[31mRED${ESC}]0;owned${String.fromCharCode(7)} ${ESC}[2J`));
  const r = await skiff(['list', '-A', '-o', 'json', ...K]);
  assert.is(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { name: string }[]).map((x) => x.name), ['good']);
  assert.match(r.stderr, /Warning: skipping release "evil" revision 1 in namespace "mallory": Secret mallory\/sh\.helm\.release\.v1\.evil\.v1: cannot decode release record/);
  assert.not.ok(r.stderr.includes(ESC), 'no escape code reaches the terminal');
  assert.not.ok(r.stderr.includes('\x07'));
  // Table output too; and reading the bad release itself is an error that names it, escapes shown, not obeyed.
  const table = await skiff(['list', '-A', ...K]);
  assert.is(table.code, 0, table.stderr);
  assert.match(table.stdout, /^good\s/m);
  const st = await skiff(['status', 'evil', '-n', 'mallory', ...K]);
  assert.is(st.code, 1);
  assert.match(st.stderr, /Secret mallory\/sh\.helm\.release\.v1\.evil\.v1: cannot decode release record/);
  assert.not.ok(st.stderr.includes(ESC), st.stderr);
  const hist = await skiff(['history', 'evil', '-n', 'mallory', '-o', 'json', ...K]);
  assert.is(hist.code, 0, hist.stderr);
  assert.equal(JSON.parse(hist.stdout), []);
  assert.match(hist.stderr, /Warning: skipping revision 1: Secret mallory\/sh\.helm\.release\.v1\.evil\.v1/);
});

test('a gzip bomb record is refused at the decompression bound and skipped; normal records still list', async () => {
  const bomb = gzipSync(Buffer.alloc(MAX_RECORD_BYTES + 64 * 1024 * 1024, 0x20), { level: 9 });
  assert.ok(bomb.length < 1024 * 1024, 'fits one Secret');
  await plant('mallory', 'bomb', bomb);
  const r = await skiff(['list', '-A', '-o', 'json', ...K]);
  assert.is(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { name: string }[]).map((x) => x.name), ['good']);
  assert.match(r.stderr, /skipping release "bomb" .*decompresses to more than 64 MiB .*refused as a decompression bomb/);
});

test('decodeRelease bounds what it inflates, plain or compressed', () => {
  const big = Buffer.from(JSON.stringify({ name: 'x', pad: 'y'.repeat(2048) }));
  assert.throws(() => decodeRelease(gzipSync(big).toString('base64'), 'here', 1024), /here: cannot decode release record: it decompresses to more than/);
  assert.throws(() => decodeRelease(big.toString('base64'), 'here', 1024), /here: cannot decode release record: larger than/);
  assert.is(decodeRelease(gzipSync(big).toString('base64'), 'here').name, 'x');
});

test.run();
