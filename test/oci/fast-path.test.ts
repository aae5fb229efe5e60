// `skiff push`/`pull` of oci:// charts run from one bundled file
// (src/cli/fast-oci.ts); whatever that path hands back — a Chart.yaml or
// values.yaml only the yaml library reads, flags it leaves to the full CLI —
// must end exactly as the full CLI (SKIFF_NO_FAST=1) ends it: same files,
// same messages, same exit code, nothing printed twice.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/oci-registry.js';
import { writeArchive } from '../../src/chart/archive.js';
import { fastOci } from '../../src/cli/fast-oci.js';
import { isolatedEnv, packagedChart } from './helpers.js';

let reg: TestRegistry;
let env: Record<string, string>;
let work: string;

/** A chart whose Chart.yaml keeps a number's text and whose values use YAML 1.1 words: the fast readers decline both. */
function oddChart(): string {
  const src = join(work, 'odd');
  mkdirSync(join(src, 'templates'), { recursive: true });
  writeFileSync(join(src, 'Chart.yaml'), 'apiVersion: v2\nname: odd\nversion: 1.2.0\nappVersion: 1.10\n');
  writeFileSync(join(src, 'values.yaml'), 'on: yes\nmode: 0777\n');
  writeFileSync(join(src, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
  return src;
}

test.before(async () => {
  reg = await startRegistry();
  // A fixed creation time, so both pushes make the same manifest.
  env = { ...isolatedEnv(), SOURCE_DATE_EPOCH: '1700000000' };
  work = tempDir('skiff-oci-fast-');
  const r = await skiff(['registry', 'login', reg.host, '-u', 'skiff', '-p', 'secret-pw', '--plain-http'], { env });
  assert.is(r.code, 0, r.stderr);
});
test.after(async () => {
  await reg?.stop();
});

const noFast = () => ({ ...env, SKIFF_NO_FAST: '1' });

test('push and pull give the same files and messages on the fast path as on the full CLI', async () => {
  const plain = await packagedChart(work, 'plain', '1.0.0');
  const p = await skiff(['package', oddChart(), '-d', join(work, 'pkg')], { env });
  assert.is(p.code, 0, p.stderr);
  const odd = join(work, 'pkg', 'odd-1.2.0.tgz');
  for (const [chart, name, version] of [[plain, 'plain', '1.0.0'], [odd, 'odd', '1.2.0']] as const) {
    const fast = await skiff(['push', chart, `oci://${reg.host}/fast`, '--plain-http'], { env });
    const full = await skiff(['push', chart, `oci://${reg.host}/full`, '--plain-http'], { env: noFast() });
    assert.is(fast.code, 0, fast.stderr);
    assert.is(full.code, 0, full.stderr);
    assert.is(fast.stderr.replace('/fast/', '/full/'), full.stderr);
    // Once, not twice: the odd chart is handed from the fast path to the full CLI.
    assert.is(fast.stderr.split('Pushed:').length, 2, fast.stderr);
    for (const untar of [false, true]) {
      const dirs = [tempDir('skiff-oci-fast-a-'), tempDir('skiff-oci-fast-b-')];
      const flags = ['--version', '^1.0', '--plain-http', ...(untar ? ['--untar'] : [])];
      const a = await skiff(['pull', `oci://${reg.host}/fast/${name}`, ...flags, '-d', dirs[0]!], { env });
      const b = await skiff(['pull', `oci://${reg.host}/fast/${name}`, ...flags, '-d', dirs[1]!], { env: noFast() });
      assert.is(a.code, 0, a.stderr);
      assert.is(b.code, 0, b.stderr);
      assert.is(a.stderr, b.stderr);
      assert.is(a.stderr.split('Pulled:').length, 2, a.stderr);
      const file = untar ? join(name, 'Chart.yaml') : `${name}-${version}.tgz`;
      assert.equal(readFileSync(join(dirs[0]!, file)), readFileSync(join(dirs[1]!, file)));
      assert.equal(readdirSync(dirs[0]!), readdirSync(dirs[1]!));
    }
  }
});

test('a refused chart gives the same error and exit code both ways, and nothing is pushed', async () => {
  const bad = join(work, 'bad-1.0.0.tgz');
  writeFileSync(bad, writeArchive([{ name: 'bad/Chart.yaml', data: Buffer.from('apiVersion: v2\nname: bad\nversion: 1.0.0\ntype: other\n') }]));
  const fast = await skiff(['push', bad, `oci://${reg.host}/bad`, '--plain-http'], { env });
  const full = await skiff(['push', bad, `oci://${reg.host}/bad`, '--plain-http'], { env: noFast() });
  assert.is(fast.code, full.code);
  assert.ok(fast.code !== 0);
  assert.is(fast.stderr, full.stderr);
  assert.match(fast.stderr, /bad\/Chart\.yaml:4: validation: chart\.metadata\.type must be application or library/);
  const tags = await skiff(['pull', `oci://${reg.host}/bad/bad`, '--version', '1.0.0', '--plain-http', '-d', tempDir()], { env });
  assert.match(tags.stderr, /not found/);
});

test('the fast path leaves other command lines to the full CLI', async () => {
  for (const [word, argv] of [
    ['pull', ['oci://127.0.0.1:1/x/y', '--verify']],
    ['pull', ['oci://127.0.0.1:1/x/y', 'oci://127.0.0.1:1/x/z']],
    ['pull', ['repo/chart']],
    ['push', ['c.tgz', 'https://charts.example']],
    ['push', ['c.tgz', 'oci://127.0.0.1:1/x', '--no-plain-http']],
    ['pull', ['oci://127.0.0.1:1/x/y', '-h']],
  ] as const) {
    assert.is(await fastOci(word, argv), undefined, argv.join(' '));
  }
});

test.run();
