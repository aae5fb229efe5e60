// Differential test of the Go-template engine against real Helm 3.17.3 and
// Helm 4.1.4: thousands of random template programs (fixed seed) built from
// the grammar by gen.ts, rendered as one chart per batch by `helm template`
// and by `skiff template`, compared byte for byte. Programs that fail at run
// time are compared by their error message, one Helm run each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm4Binary, helmBinary } from '../../support/helm.js';
import { CLI, tempDir } from '../../support/cli.js';
import { Gen, rng, VALUES_YAML } from './gen.js';
import { loadChart } from '../../../src/chart/load.js';
import { coalesceValues } from '../../../src/values/coalesce.js';
import { renderGoTemplates } from '../../../src/render/gotmpl/engine.js';
import { FUNCS } from '../../../src/render/gotmpl/funcs.js';
import type { Chart } from '../../../src/chart/types.js';

const SEED = Number(process.env.GOTMPL_SEED ?? 20261207);
const BATCHES = Number(process.env.GOTMPL_BATCHES ?? 4);
const PER_BATCH = Number(process.env.GOTMPL_CASES ?? 600);
const MAX_ERROR_CASES = 12;

const root = tempDir('skiff-gotmpl-diff-');

interface Batch {
  dir: string;
  cases: Map<string, string>; // define name → body
  defs: string;
}

function writeChart(dir: string, defs: string, cases: Map<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: diff\nversion: 0.1.0\nappVersion: "1.0"\nannotations:\n  skiff.dev/template-engine: go\n');
  writeFileSync(join(dir, 'values.yaml'), VALUES_YAML);
  writeFileSync(join(dir, 'templates', '_defs.tpl'), defs);
  let body = '';
  for (const [name, text] of cases) body += `{{- define ${JSON.stringify(name)} }}${text}{{ end }}\n`;
  writeFileSync(join(dir, 'templates', '_cases.tpl'), body);
  for (const name of cases.keys()) writeFileSync(join(dir, 'templates', `${name}.yaml`), `v: {{ include ${JSON.stringify(name)} . | toJson }}\n`);
}

function makeBatch(b: number): Batch {
  const r = rng(SEED + b * 7919);
  const defNames = ['d.a', 'd.b', 'd.c'];
  const dgen = new Gen(r, []);
  const defs = defNames.map((n) => `{{- define ${JSON.stringify(n)} -}}${dgen.list(1)}{{- end }}\n`).join('');
  const gen = new Gen(r, defNames);
  const cases = new Map<string, string>();
  for (let i = 0; i < PER_BATCH; i++) cases.set(`c${b}-${String(i).padStart(4, '0')}`, gen.list(3));
  return { dir: join(root, `b${b}`), cases, defs };
}

const release = { name: 'r', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false };

/** Renders one case in process: undefined when it renders, else the error message. */
function inProcessError(chart: Chart, name: string, body: string): string | undefined {
  const defs = chart.templates.find((t) => t.name === 'templates/_defs.tpl')!;
  const c: Chart = {
    ...chart,
    templates: [
      defs,
      { name: 'templates/_cases.tpl', data: Buffer.from(`{{- define ${JSON.stringify(name)} }}${body}{{ end }}\n`) },
      { name: `templates/${name}.yaml`, data: Buffer.from(`v: {{ include ${JSON.stringify(name)} . | toJson }}\n`) },
    ],
  };
  try {
    renderGoTemplates(c, coalesceValues(c, {}), FUNCS, {
      release, ctx: {}, renders: () => true,
      budget: { maxOutputBytes: 1e8, maxLoopIterations: 1e6, deadline: Date.now() + 10_000, output: 0, loops: 0 },
    });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function run(bin: string, args: string[]): { status: number; out: string; err: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** `# Source: path` sections of `template` output. */
function sections(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const doc of out.split(/^---\n/m)) {
    const nl = doc.indexOf('\n');
    const head = doc.slice(0, nl);
    if (!head.startsWith('# Source: ')) continue;
    m.set(head.slice('# Source: '.length), doc.slice(nl + 1));
  }
  return m;
}

let compared = 0;
let erroring: Array<{ dir: string; defs: string; name: string; body: string; msg: string }> = [];

for (let b = 0; b < BATCHES; b++) {
  test(`batch ${b}: ${PER_BATCH} random programs render byte-identically to Helm 3 and Helm 4`, async () => {
    const batch = makeBatch(b);
    writeChart(batch.dir, batch.defs, batch.cases);
    const chart = await loadChart(batch.dir);
    const good = new Map<string, string>();
    for (const [name, body] of batch.cases) {
      const msg = inProcessError(chart, name, body);
      if (msg === undefined) good.set(name, body);
      else erroring.push({ dir: join(root, `e${erroring.length}`), defs: batch.defs, name, body, msg });
    }
    writeChart(batch.dir, batch.defs, good);
    const h3 = run(helmBinary(), ['template', 'r', batch.dir]);
    assert.is(h3.err, '', 'helm 3 rendered the batch');
    const h4 = run(helm4Binary(), ['template', 'r', batch.dir]);
    const sk = run(process.execPath, [CLI, 'template', 'r', batch.dir]);
    assert.is(sk.err, '', 'skiff rendered the batch');
    const want = sections(h3.out);
    const want4 = sections(h4.out);
    const got = sections(sk.out);
    assert.is(got.size, want.size, 'same number of files');
    for (const [path, text] of want) {
      const name = path.slice(path.lastIndexOf('/') + 1, -'.yaml'.length);
      assert.is(got.get(path), text, `${path} differs from Helm 3; program:\n${good.get(name)}`);
      if (want4.has(path) && want4.get(path) === text) compared++;
    }
    compared += 0;
  });
}

test('programs that fail at run time fail with Helm\'s message', () => {
  const sample = erroring.filter((_, i) => i % Math.max(1, Math.floor(erroring.length / MAX_ERROR_CASES)) === 0).slice(0, MAX_ERROR_CASES);
  for (const e of sample) {
    writeChart(e.dir, e.defs, new Map([[e.name, e.body]]));
    const h = run(helmBinary(), ['template', 'r', e.dir]);
    const s = run(process.execPath, [CLI, 'template', 'r', e.dir]);
    assert.is.not(h.status, 0, `helm fails too; program:\n${e.body}`);
    assert.is.not(s.status, 0);
    const firstLine = (t: string): string => t.split('\n')[0]!;
    assert.is(firstLine(s.err), firstLine(h.err), `program:\n${e.body}`);
  }
  console.log(`compared ${compared} programs identical in Helm 3, Helm 4 and skiff; ${erroring.length} failing programs, ${sample.length} error messages compared`);
});

test.run();
