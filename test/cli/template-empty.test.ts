// `skiff template` of a chart that renders no manifests (nothing at all, or
// hooks only) prints what `helm template` prints, byte for byte: Helm writes
// the release manifest with Fprintln, so such output starts with an empty line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, run, tempDir } from '../support/cli.js';
import { helmBinary } from '../support/helm.js';

function chart(files: Record<string, string>): string {
  const dir = join(tempDir('skiff-template-empty-'), 'c');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'items: []\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function same(dir: string, args: string[] = []): Promise<string> {
  const s = await skiff(['template', 'rel', dir, ...args]);
  const h = await run(helmBinary(), ['template', 'rel', dir, ...args]);
  assert.is(h.code, 0, h.stderr);
  assert.is(s.code, 0, s.stderr);
  assert.is(JSON.stringify(s.stdout), JSON.stringify(h.stdout));
  return s.stdout;
}

test('a chart whose templates render nothing prints one empty line, as Helm', async () => {
  const out = await same(chart({ 'templates/list.yaml': '{{- range .Values.items }}\n---\nkind: ConfigMap\n{{- end }}\n' }));
  assert.is(out, '\n');
});

test('a chart that renders only a hook prints an empty line before it', async () => {
  const hook = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: h\n  annotations:\n    "helm.sh/hook": pre-install\n';
  const dir = chart({ 'templates/hook.yaml': hook });
  const out = await same(dir);
  assert.ok(out.startsWith('\n---\n# Source: c/templates/hook.yaml\n'), out);
  const only = await same(dir, ['--show-only', 'templates/hook.yaml']);
  assert.ok(only.startsWith('---\n'), only);
});

test.run();
