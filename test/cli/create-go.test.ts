// `skiff create --engine go NAME` writes Helm's own starter chart: the same
// tree, bytes and file modes as `helm create NAME` of Helm 4.1.4, and it
// renders as Helm renders it. Without --engine the starter stays nunjucks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { helm4Binary, helmBinary } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';

/** Every file and directory under `dir`: relative path → mode and content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const mode = (statSync(p).mode & 0o777).toString(8);
      if (e.isDirectory()) {
        out[relative(dir, p) + '/'] = mode;
        walk(p);
      } else out[relative(dir, p)] = `${mode}\n${readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

for (const name of ['my-app', 'web']) {
  test(`create --engine go ${name}: the tree helm create (Helm 4.1.4) writes, byte for byte`, async () => {
    const mine = tempDir('skiff-create-go-');
    const helms = tempDir('helm-create-');
    const s = await skiff(['create', '--engine', 'go', name], { cwd: mine });
    assert.is(s.code, 0, s.stderr);
    assert.is(s.stdout, `Creating ${name}\n`);
    const h = await run(helm4Binary(), ['create', name], { cwd: helms });
    assert.is(h.code, 0, h.stderr);
    const a = tree(join(mine, name));
    const b = tree(join(helms, name));
    assert.equal(Object.keys(a).sort(), Object.keys(b).sort());
    for (const k of Object.keys(b)) assert.is(a[k], b[k], k);
    assert.ok(a['templates/_helpers.tpl']!.includes(`define "${name}.fullname"`));
  });
}

test('the Go starter renders with skiff as Helm renders it, with default values and with its optional parts on', async () => {
  const dir = tempDir('skiff-create-go-');
  assert.is((await skiff(['create', '--engine', 'go', 'shop'], { cwd: dir })).code, 0);
  const chart = join(dir, 'shop');
  for (const flags of [[], ['--set', 'ingress.enabled=true,autoscaling.enabled=true,serviceAccount.create=false', '--set', 'httpRoute.enabled=true']]) {
    const s = await skiff(['template', 'r', chart, ...flags]);
    const h = await run(helmBinary(), ['template', 'r', chart, ...flags]);
    assert.is(s.code, 0, s.stderr);
    assert.is(h.code, 0, h.stderr);
    assert.is(s.stdout, h.stdout);
  }
  const lint = await skiff(['lint', chart]);
  assert.is(lint.code, 0, lint.stdout + lint.stderr);
});

test('without --engine the starter is skiff\'s nunjucks one; --engine with --starter is refused', async () => {
  const dir = tempDir('skiff-create-');
  assert.is((await skiff(['create', 'plain'], { cwd: dir })).code, 0);
  assert.match(readFileSync(join(dir, 'plain', 'templates', '_helpers.tpl'), 'utf8'), /{% define "plain\.name" -%}/);
  const both = await skiff(['create', '--engine', 'go', '--starter', join(dir, 'plain'), 'other'], { cwd: dir });
  assert.is.not(both.code, 0);
  assert.match(both.stderr, /--engine chooses the built-in starter/);
  const bad = await skiff(['create', '--engine', 'jinja', 'x'], { cwd: dir });
  assert.is.not(bad.code, 0);
  assert.match(bad.stderr, /Choices: "nunjucks", "go"/);
});

test.run();
