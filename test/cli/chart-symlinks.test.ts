// A chart directory (as cloned from git) whose files are symbolic links: a
// link to the user's kubeconfig must never be read by Files.Get or embedded
// by `skiff package`; links that stay inside the chart keep working, and the
// package holds their content as regular files, never links.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { skiff, tempDir } from '../support/cli.js';

const work = tempDir('skiff-chart-links-');
const secretHome = join(work, 'home-of-user');
mkdirSync(join(secretHome, '.kube'), { recursive: true });
writeFileSync(join(secretHome, '.kube', 'config'), 'users:\n- name: admin\n  user:\n    token: TOPSECRET-TOKEN\n');

function chart(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'files'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\ndata:\n  stolen: {{ Files.Get("files/kube") | dump }}\n');
  return dir;
}

/** Type flags of the entries of a .tgz (every entry, links included). */
function tarTypes(file: string): Map<string, string> {
  const tar = gunzipSync(readFileSync(file));
  const out = new Map<string, string>();
  for (let p = 0; p + 512 <= tar.length; ) {
    const h = tar.subarray(p, p + 512);
    if (h.every((b) => b === 0)) break;
    const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = parseInt(h.toString('latin1', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    out.set(name, String.fromCharCode(h[156]!));
    p += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

test('a link to the kubeconfig is refused by template and package, naming the link; nothing is packaged', async () => {
  const dir = chart('thief');
  symlinkSync(join(secretHome, '.kube', 'config'), join(dir, 'files', 'kube'));
  const t = await skiff(['template', 'x', dir]);
  assert.is(t.code, 1);
  assert.match(t.stderr, /files\/kube: symbolic link "files\/kube" points outside the chart directory/);
  assert.not.match(t.stdout + t.stderr, /TOPSECRET/);
  const out = join(work, 'out');
  const p = await skiff(['package', dir, '-d', out]);
  assert.is(p.code, 1);
  assert.match(p.stderr, /symbolic link "files\/kube" points outside the chart directory/);
  assert.not.ok(existsSync(out) && readdirSync(out).length > 0, 'no archive written');
  const lint = await skiff(['lint', dir]);
  assert.is(lint.code, 1);
  assert.match(lint.stdout + lint.stderr, /points outside the chart directory/);
});

test('a link inside the chart is followed by Files.Get and packaged as a regular file', async () => {
  const dir = chart('sharing');
  writeFileSync(join(dir, 'files', 'real.txt'), 'shared content');
  symlinkSync('real.txt', join(dir, 'files', 'kube'));
  const t = await skiff(['template', 'x', dir]);
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /stolen: "?shared content"?/);
  const out = join(work, 'out2');
  const p = await skiff(['package', dir, '-d', out]);
  assert.is(p.code, 0, p.stderr);
  const types = tarTypes(join(out, 'sharing-1.0.0.tgz'));
  assert.is(types.get('sharing/files/kube'), '0', 'the link is stored as a regular file');
  assert.ok([...types.values()].every((t) => t === '0'), 'no link entries at all');
});

test.run();
