#!/usr/bin/env node
// Renders every chart found under the given directories with skiff and with
// real Helm, using the chart's default values and each of its ci/*-values.yaml
// files, and compares the output byte for byte per template (`# Source:`
// section). Prints a summary and, with --report, writes a JSON report.
//
//   node scripts/corpus-render.mjs [options] DIR...
//     --helm PATH        the Helm binary (default: Helm 3.17.3 of the test cache)
//     --vendor DIR       render scratch copies under DIR whose missing
//                        dependencies are copied from charts found under the
//                        given dirs (and --deps-from dirs); without it charts
//                        render as they are
//     --deps-from DIR    more directories to take dependencies from (repeatable)
//     --loose            use another version of a dependency when none matches
//     --drop-unresolved  drop dependencies that cannot be found from the copy
//     --only REGEX       only charts whose label matches
//     --jobs N           renders at a time (default 2)
//     --report FILE      write the JSON report there
//     --diffs N          differing templates printed per render (default 3)
import { readdirSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, findCharts, indexCharts, vendorChart, readChartYaml, helmPath, run, pool, chartLabel } from './corpus-lib.mjs';

const { values: opt, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: {
    helm: { type: 'string' },
    vendor: { type: 'string' },
    'deps-from': { type: 'string', multiple: true, default: [] },
    loose: { type: 'boolean', default: false },
    'drop-unresolved': { type: 'boolean', default: false },
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    report: { type: 'string' },
    diffs: { type: 'string', default: '3' },
  },
});
if (dirs.length === 0) {
  console.error('usage: node scripts/corpus-render.mjs [--helm PATH] [--vendor DIR] [--report FILE] DIR...');
  process.exit(2);
}

const RELEASE = 'corpus';
const helm = await helmPath(opt.helm, 3);
const skiffCli = join(ROOT, 'dist', 'cli.js');
if (!existsSync(skiffCli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const helmHome = resolve(opt.vendor ?? '/tmp', '.helm-home');
const helmEnv = {
  ...process.env,
  HELM_REPOSITORY_CONFIG: join(helmHome, 'repositories.yaml'),
  HELM_REPOSITORY_CACHE: join(helmHome, 'cache', 'repository'),
  HELM_CACHE_HOME: join(helmHome, 'cache'),
  HELM_CONFIG_HOME: join(helmHome, 'config'),
  HELM_DATA_HOME: join(helmHome, 'data'),
};

/** Splits `helm template` output into { source → text } (documents of one template joined). */
function splitSources(text) {
  const out = new Map();
  const parts = text.split(/^---\n(?=# Source: )/m);
  for (const part of parts) {
    const m = /^# Source: (.*)\n/.exec(part);
    const key = m ? m[1] : '(preamble)';
    if (!m && part.trim() === '') continue;
    out.set(key, (out.get(key) ?? '') + part);
  }
  return out;
}

function firstDiff(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  return { line: i + 1, helm: la.slice(i, i + 3), skiff: lb.slice(i, i + 3) };
}

/** A short category for a failed skiff render, from its error text. */
function errorCategory(stderr) {
  const s = stderr.replace(/\s+/g, ' ');
  let m;
  if ((m = /function "([^"]+)" not defined/.exec(s))) return `missing function ${m[1]}`;
  const calls = [...s.matchAll(/error calling (\w+)/g)].map((x) => x[1]).filter((f) => f !== 'include' && f !== 'tpl');
  if (calls.length > 0) return `error calling ${calls[calls.length - 1]}`;
  if (/parse error|unexpected|expected/i.test(s) && /template:/.test(s)) return 'template parse error';
  if ((m = /executing "[^"]*" at <([^>]*)>/.exec(s))) return `execution error at <${m[1].slice(0, 60)}>`;
  return s.slice(0, 100);
}

const roots = dirs.map((d) => resolve(d));
let charts = [];
for (const r of roots) charts.push(...findCharts(r));
const depIndex = indexCharts([...charts, ...opt['deps-from'].flatMap((d) => findCharts(resolve(d)))]);
if (opt.only) charts = charts.filter((c) => new RegExp(opt.only).test(chartLabel(c, roots)));

const chartResults = [];
const jobs = [];
for (const dir of charts) {
  const label = chartLabel(dir, roots);
  const meta = readChartYaml(dir);
  const result = { chart: label, dir, name: meta?.name ?? null, version: meta?.version ?? null, type: meta?.type ?? 'application', status: 'rendered', deps: null, renders: [] };
  chartResults.push(result);
  if (!meta) { result.status = 'bad Chart.yaml'; continue; }
  if (meta.type === 'library') { result.status = 'library'; continue; }
  let renderDir = dir;
  if (opt.vendor) {
    renderDir = join(resolve(opt.vendor), label.replace(/[^A-Za-z0-9._+-]+/g, '_'));
    result.deps = vendorChart(dir, renderDir, depIndex, { loose: opt.loose, dropUnresolved: opt['drop-unresolved'] });
    if (result.deps.unresolved.length > 0) { result.status = 'unresolved dependencies'; continue; }
  }
  const valueSets = [null];
  const ci = join(renderDir, 'ci');
  if (existsSync(ci)) for (const f of readdirSync(ci).sort()) if (/-values\.ya?ml$/.test(f)) valueSets.push(join('ci', f));
  for (const v of valueSets) jobs.push({ result, renderDir, values: v });
}

const diffLimit = Number(opt.diffs);
await pool(jobs, Number(opt.jobs), async ({ result, renderDir, values }) => {
  const extra = ['--namespace', 'default', '--include-crds', ...(values ? ['-f', join(renderDir, values)] : [])];
  const [h, s] = [
    await run(helm, ['template', RELEASE, renderDir, ...extra], { env: helmEnv, timeoutMs: 300_000 }),
    await run(process.execPath, [skiffCli, 'template', RELEASE, renderDir, ...extra], { timeoutMs: 300_000 }),
  ];
  const r = { values: values ?? 'default', helm: { code: h.code, ms: h.ms }, skiff: { code: s.code, ms: s.ms }, identical: false, templates: [] };
  if (h.code !== 0) r.helm.error = h.stderr.trim().slice(0, 2000);
  if (s.code !== 0) { r.skiff.error = s.stderr.trim().slice(0, 2000); r.skiff.category = errorCategory(s.stderr); }
  r.identical = h.code === 0 && s.code === 0 && h.stdout === s.stdout;
  if (h.code === 0) {
    const hs = splitSources(h.stdout);
    const ss = s.code === 0 ? splitSources(s.stdout) : new Map();
    for (const key of new Set([...hs.keys(), ...ss.keys()])) {
      const a = hs.get(key);
      const b = ss.get(key);
      const t = { source: key, identical: a !== undefined && a === b };
      if (!t.identical) {
        if (a === undefined) t.diff = { onlyIn: 'skiff' };
        else if (b === undefined) t.diff = { onlyIn: s.code === 0 ? 'helm' : 'helm (skiff failed)' };
        else t.diff = firstDiff(a, b);
      }
      r.templates.push(t);
    }
    if (s.code === 0 && !r.identical && r.templates.every((t) => t.identical)) r.orderDiffers = true;
  }
  result.renders.push(r);
  const mark = r.identical ? 'ok  ' : h.code !== 0 ? (s.code !== 0 ? 'both' : 'HELM') : 'FAIL';
  process.stderr.write(`${mark} ${result.chart} [${r.values}] helm ${h.ms}ms skiff ${s.ms}ms\n`);
});

// Summary
const rendered = chartResults.filter((c) => c.renders.length > 0);
const renders = rendered.flatMap((c) => c.renders);
const tmpl = renders.flatMap((r) => r.templates);
const summary = {
  charts: chartResults.length,
  library: chartResults.filter((c) => c.status === 'library').length,
  unresolved: chartResults.filter((c) => c.status === 'unresolved dependencies').length,
  chartsRendered: rendered.length,
  chartsIdentical: rendered.filter((c) => c.renders.every((r) => r.identical || (r.helm.code !== 0 && r.skiff.code !== 0))).length,
  renders: renders.length,
  rendersIdentical: renders.filter((r) => r.identical).length,
  rendersHelmFailed: renders.filter((r) => r.helm.code !== 0).length,
  rendersBothFailed: renders.filter((r) => r.helm.code !== 0 && r.skiff.code !== 0).length,
  rendersSkiffOnlyFailed: renders.filter((r) => r.helm.code === 0 && r.skiff.code !== 0).length,
  rendersOrderOnly: renders.filter((r) => r.orderDiffers).length,
  templates: tmpl.length,
  templatesIdentical: tmpl.filter((t) => t.identical).length,
  helmMs: renders.reduce((n, r) => n + r.helm.ms, 0),
  skiffMs: renders.reduce((n, r) => n + r.skiff.ms, 0),
};
const categories = {};
for (const c of rendered) for (const r of c.renders) if (r.skiff.category && r.helm.code === 0) (categories[r.skiff.category] ??= []).push(`${c.chart} [${r.values}]`);

const lines = [];
for (const c of chartResults) {
  if (c.status !== 'rendered') {
    lines.push(`${c.chart}: ${c.status}${c.deps?.unresolved.length ? ` (${c.deps.unresolved.join(', ')})` : ''}`);
    continue;
  }
  for (const r of c.renders) {
    if (r.identical) continue;
    if (r.helm.code !== 0) {
      lines.push(`${c.chart} [${r.values}]: helm failed${r.skiff.code !== 0 ? ' (skiff too)' : ' (skiff rendered)'}: ${r.helm.error.split('\n')[0]}`);
      continue;
    }
    if (r.skiff.code !== 0) { lines.push(`${c.chart} [${r.values}]: skiff failed: ${r.skiff.error.split('\n').slice(0, 2).join(' | ')}`); continue; }
    if (r.orderDiffers) { lines.push(`${c.chart} [${r.values}]: same templates, different order`); continue; }
    const bad = r.templates.filter((t) => !t.identical);
    lines.push(`${c.chart} [${r.values}]: ${bad.length}/${r.templates.length} templates differ`);
    for (const t of bad.slice(0, diffLimit)) {
      if (t.diff.onlyIn) { lines.push(`  ${t.source}: only in ${t.diff.onlyIn}`); continue; }
      lines.push(`  ${t.source}: line ${t.diff.line}`);
      for (const l of t.diff.helm) lines.push(`    helm : ${l}`);
      for (const l of t.diff.skiff) lines.push(`    skiff: ${l}`);
    }
  }
}
console.log(lines.join('\n'));
console.log('\nskiff failures by cause (renders where Helm succeeded):');
for (const [k, v] of Object.entries(categories).sort((a, b) => b[1].length - a[1].length)) console.log(`  ${v.length}× ${k}: ${v.slice(0, 4).join(', ')}${v.length > 4 ? ', …' : ''}`);
console.log(`\ncharts ${summary.charts} (library ${summary.library}, unresolved deps ${summary.unresolved}, rendered ${summary.chartsRendered}, all renders identical ${summary.chartsIdentical})`);
console.log(`renders ${summary.renders}: identical ${summary.rendersIdentical}, helm failed ${summary.rendersHelmFailed} (skiff too ${summary.rendersBothFailed}), skiff only failed ${summary.rendersSkiffOnlyFailed}, order only ${summary.rendersOrderOnly}`);
console.log(`templates identical ${summary.templatesIdentical}/${summary.templates}`);
console.log(`time: helm ${(summary.helmMs / 1000).toFixed(1)}s, skiff ${(summary.skiffMs / 1000).toFixed(1)}s`);
if (opt.report) {
  mkdirSync(resolve(opt.report, '..'), { recursive: true });
  writeFileSync(opt.report, JSON.stringify({ summary, categories, charts: chartResults }, null, 2));
}
