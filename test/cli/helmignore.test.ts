// A chart whose .helmignore holds a pattern that makes a backtracking matcher
// hang, next to a file with a 200-character name: template, lint and package
// finish, and the pattern still ignores what Go's filepath.Match says it does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';

const work = tempDir('skiff-helmignore-');
const dir = join(work, 'slow');
mkdirSync(join(dir, 'templates'), { recursive: true });
mkdirSync(join(dir, 'files'), { recursive: true });
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: slow\nversion: 1.0.0\n');
writeFileSync(join(dir, '.helmignore'), '*a*a*a*a*a*a*b\n*a*a*a*a*a*a*a*a*a*a*a*a*c\n');
writeFileSync(join(dir, 'files', 'a'.repeat(200)), 'kept');
writeFileSync(join(dir, 'files', 'a'.repeat(199) + 'b'), 'ignored');
writeFileSync(
  join(dir, 'templates', 'cm.yaml'),
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: files\ndata:\n  kept: "{{ Files.Get("files/${'a'.repeat(200)}") }}"\n  ignored: "{{ Files.Get("files/${'a'.repeat(199)}b") }}"\n`,
);

test('template, lint and package finish and apply the pattern', async () => {
  const t = await skiff(['template', 'x', dir], { timeoutMs: 60_000 });
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /kept: "kept"/);
  assert.match(t.stdout, /ignored: ""/);
  const l = await skiff(['lint', dir], { timeoutMs: 60_000 });
  assert.is(l.code, 0, l.stdout + l.stderr);
  const p = await skiff(['package', dir, '-d', join(work, 'out')], { timeoutMs: 60_000 });
  assert.is(p.code, 0, p.stderr);
});

test.run();
