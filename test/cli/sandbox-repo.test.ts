// Hostile charts pulled from a repository: every escape attempt is refused
// by `template`, `lint` and `install --dry-run` alike, with a clear error and
// no side effect (no file written, no environment read).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageChart } from '../../src/chart/index.js';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { skiff, tempDir } from '../support/cli.js';
import { serve, type Served } from '../repo/helpers.js';

const work = tempDir('skiff-hostile-');
const CANARY = `canary-${process.pid}-s3cr3t`;
const PWNED = join(work, 'pwned');
const env = { SKIFF_HOME: join(work, 'home'), SKIFF_CANARY: CANARY };

const PAYLOADS: Record<string, { template: string; values?: string; refused: RegExp }> = {
  'constructor-chain': { template: `x: {{ range.constructor("return process.env.SKIFF_CANARY")() }}`, refused: /constructor/ },
  'string-function': { template: `x: {{ "".constructor.constructor("return require('fs').writeFileSync('${PWNED}', '1')")() }}`, refused: /constructor/ },
  'proto-pollution': { template: `{% set p = Values.__proto__ %}x: {{ p }}`, refused: /__proto__/ },
  'tpl-from-values': {
    template: 'x: {{ tpl(Values.evil) }}',
    values: `evil: '{{ cycler.constructor("return process")().mainModule.require("child_process").execSync("touch ${PWNED}") }}'\n`,
    refused: /constructor/,
  },
  'include-bomb': { template: '{% define "bomb" %}{{ include("bomb") }}{{ include("bomb") }}{% enddefine %}x: {{ include("bomb") }}', refused: /nesting|recursion/ },
  'huge-loop': { template: '{% for i in range(0, 100000000) %}{% endfor %}x: 1', refused: /loop iterations/ },
  'huge-output': { template: 'x: {{ "xxxxxxxxxx" | repeat(50000000) }}', refused: /exceeds the limit/ },
};

let server: Served;
let rt: Runtime;

test.before(async () => {
  for (const [name, p] of Object.entries(PAYLOADS)) {
    const dir = join(work, 'src', name);
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`);
    writeFileSync(join(dir, 'values.yaml'), p.values ?? '{}\n');
    writeFileSync(join(dir, 'templates', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: evil\ndata:\n  ${p.template}\n`);
    await packageChart(dir, { destination: join(work, 'repo') });
  }
  server = await serve(join(work, 'repo'));
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  const add = await skiff(['repo', 'add', 'hostile', server.url], { env });
  assert.is(add.code, 0, add.stderr);
  for (const name of Object.keys(PAYLOADS)) {
    const pull = await skiff(['pull', `hostile/${name}`, '--untar', '--untardir', join(work, 'pulled')], { env });
    assert.is(pull.code, 0, pull.stderr);
  }
});

test.after(async () => {
  await server?.stop();
  await rt?.stop();
});

for (const [name, p] of Object.entries(PAYLOADS)) {
  test(`${name}: refused by template, lint and install --dry-run of hostile/${name}`, async () => {
    const runs = [
      await skiff(['template', 'x', `hostile/${name}`], { env }),
      await skiff(['lint', join(work, 'pulled', name)], { env }),
      await skiff(['install', 'x', `hostile/${name}`, '--dry-run', '--kubeconfig', rt.kubeconfigPath], { env }),
    ];
    for (const [i, r] of runs.entries()) {
      const out = r.stdout + r.stderr;
      assert.is.not(r.code, 0, `${['template', 'lint', 'install --dry-run'][i]} should fail:\n${out}`);
      assert.match(out, p.refused);
      assert.match(out, /cm\.yaml/);
      assert.not.match(out, new RegExp(CANARY));
      assert.not.match(out, /    at /);
    }
    assert.not.ok(existsSync(PWNED), 'a payload wrote a file');
  });
}

test('nothing was installed by the dry runs', async () => {
  const list = await rt.client.list({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' });
  assert.not.ok(list.items.some((c) => c.metadata.name === 'evil'));
});

test.run();
