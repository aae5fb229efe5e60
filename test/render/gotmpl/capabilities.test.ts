// `.Capabilities.APIVersions` of `skiff template` (no cluster) is exactly
// what `helm template` shows: Helm 3.17's client-only default set
// (chartutil.DefaultVersionSet, a []string with Has) followed by each
// --api-versions value in order, duplicates kept. Printed, ranged over,
// measured, indexed, encoded and asked with Has — compared with real Helm.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm4Binary, helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';

const dir = join(tempDir('skiff-gotmpl-caps-'), 'caps');
mkdirSync(join(dir, 'templates'), { recursive: true });
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: caps\nversion: 1.0.0\n');
writeFileSync(join(dir, 'templates', 'c.yaml'), `json: {{ .Capabilities.APIVersions | toJson }}
print: {{ .Capabilities.APIVersions | quote }}
printf: {{ printf "%v|%d" .Capabilities.APIVersions (len .Capabilities.APIVersions) | quote }}
yaml:
{{ toYaml .Capabilities.APIVersions | indent 2 }}
first: {{ index .Capabilities.APIVersions 0 }}
last: {{ last .Capabilities.APIVersions }}
has: {{ has "apps/v1" .Capabilities.APIVersions }} {{ .Capabilities.APIVersions | join "," | sha256sum }}
{{- range $k := list "v1" "apps/v1" "apps/v1/Deployment" "batch/v1beta1" "policy/v1beta1" "apiextensions.k8s.io/v1beta1" "resource.k8s.io/v1beta1" "x.example.com/v1" "x.example.com/v1/Foo" "monitoring.coreos.com/v1" }}
Has {{ $k }}: {{ $.Capabilities.APIVersions.Has $k }}
{{- end }}
type: {{ typeOf .Capabilities.APIVersions }} {{ kindOf .Capabilities.APIVersions }}
{{- range $i, $v := .Capabilities.APIVersions }}
ranged{{ $i }}: {{ $v }}
{{- end }}
`);

function out(bin: string, args: string[]): string {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  assert.is(r.status, 0, `${bin} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

for (const extra of [[], ['x.example.com/v1/Foo'], ['monitoring.coreos.com/v1,apps/v1'], ['apps/v1', 'x.example.com/v1']]) {
  const flags = extra.flatMap((v) => ['--api-versions', v]);
  test(`APIVersions of template ${flags.join(' ') || '(no --api-versions)'}: byte for byte what Helm 3 prints`, () => {
    const s = out(process.execPath, [CLI, 'template', 'r', dir, ...flags]);
    assert.is(s, out(helmBinary(), ['template', 'r', dir, ...flags]));
  });
}

test('Helm 4 agrees on Has for every version both default sets hold and for --api-versions additions', () => {
  const flags = ['--api-versions', 'x.example.com/v1/Foo'];
  const has = (text: string) => text.split('\n').filter((l) => l.startsWith('Has '));
  const s = has(out(process.execPath, [CLI, 'template', 'r', dir, ...flags]));
  const h4 = has(out(helm4Binary(), ['template', 'r', dir, ...flags]));
  assert.is(s.length, 10);
  // Helm 4.1's client-only set (Kubernetes 1.35) drops some beta groups Helm 3.17's (1.32) has.
  const differing = new Set(['Has apiextensions.k8s.io/v1beta1', 'Has resource.k8s.io/v1beta1', 'Has batch/v1beta1', 'Has policy/v1beta1']);
  assert.equal(s.filter((l) => !differing.has(l.slice(0, l.lastIndexOf(':')))), h4.filter((l) => !differing.has(l.slice(0, l.lastIndexOf(':')))));
});

test.run();
