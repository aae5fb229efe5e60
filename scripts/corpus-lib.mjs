// Shared pieces of the corpus scripts (corpus-render.mjs, corpus-cluster.mjs):
// finding chart directories, vendoring dependencies from local copies into a
// scratch tree, locating the Helm binaries and running commands.
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync, copyFileSync, writeFileSync, rmSync, lstatSync } from 'node:fs';
import { join, resolve, dirname, basename, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import semver from 'semver';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

const SKIP_DIRS = new Set(['.git', 'node_modules', 'templates', 'testdata', 'vendor', '.github']);

/** Reads a Chart.yaml (or null when it does not parse). */
export function readChartYaml(dir) {
  try {
    const doc = parseYaml(readFileSync(join(dir, 'Chart.yaml'), 'utf8'));
    return doc && typeof doc === 'object' ? doc : null;
  } catch {
    return null;
  }
}

/**
 * Every chart directory under `root` (a directory holding Chart.yaml), not
 * descending into a chart's own charts/ folder (subcharts render as part of
 * their parent).
 */
export function findCharts(root, depth = 0, out = []) {
  if (depth > 8) return out;
  let st;
  try { st = statSync(root); } catch { return out; }
  if (!st.isDirectory()) return out;
  if (existsSync(join(root, 'Chart.yaml'))) {
    out.push(resolve(root));
    return out;
  }
  for (const name of readdirSync(root).sort()) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const p = join(root, name);
    try { if (lstatSync(p).isDirectory()) findCharts(p, depth + 1, out); } catch { /* unreadable */ }
  }
  return out;
}

/** Index of charts by name: name → [{ dir, version }]. */
export function indexCharts(dirs) {
  const index = new Map();
  for (const dir of dirs) {
    const meta = readChartYaml(dir);
    if (!meta || typeof meta.name !== 'string') continue;
    const list = index.get(meta.name) ?? [];
    list.push({ dir, version: String(meta.version ?? '') });
    index.set(meta.name, list);
  }
  return index;
}

function copyTree(src, dst) {
  mkdirSync(dst, { recursive: true });
  for (const name of readdirSync(src)) {
    if (name === '.git') continue;
    const s = join(src, name);
    const d = join(dst, name);
    const st = lstatSync(s);
    if (st.isDirectory()) copyTree(s, d);
    else if (st.isFile()) copyFileSync(s, d);
  }
}

function presentDeps(chartDir) {
  const names = new Set();
  const dir = join(chartDir, 'charts');
  if (!existsSync(dir)) return names;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      const meta = readChartYaml(p);
      if (meta?.name) names.add(String(meta.name));
    } else if (name.endsWith('.tgz')) {
      names.add(name.replace(/-v?\d[^-]*(-[^-]+)*\.tgz$/, '').replace(/\.tgz$/, ''));
    }
  }
  return names;
}

function pickVersion(candidates, constraint) {
  const range = constraint ? String(constraint) : '*';
  const ok = candidates.filter((c) => {
    const v = semver.clean(c.version, { loose: true }) ?? semver.coerce(c.version)?.version;
    try { return Boolean(v) && semver.satisfies(v, range, { includePrerelease: true, loose: true }); } catch { return false; }
  });
  return { exact: ok[0] ?? null, any: candidates[0] ?? null };
}

/**
 * Copies chart `src` to `dst` and fills its charts/ folder with every
 * dependency it lacks, taken from `index` (recursively). file:// dependencies
 * are copied from their path. Returns { vendored: [..], substituted: [..],
 * unresolved: [..] }. With `dropUnresolved`, a dependency that cannot be found
 * is removed from the copy's Chart.yaml (and recorded).
 */
export function vendorChart(src, dst, index, opts = {}, report = { vendored: [], substituted: [], unresolved: [], dropped: [] }) {
  rmSync(dst, { recursive: true, force: true });
  copyTree(src, dst);
  const meta = readChartYaml(dst);
  const deps = Array.isArray(meta?.dependencies) ? meta.dependencies : [];
  const present = presentDeps(dst);
  const keep = [];
  for (const dep of deps) {
    if (!dep || typeof dep.name !== 'string') { keep.push(dep); continue; }
    if (present.has(dep.name)) { keep.push(dep); continue; }
    let from = null;
    const repo = String(dep.repository ?? '');
    if (repo.startsWith('file://')) {
      const p = resolve(src, repo.slice('file://'.length));
      if (existsSync(join(p, 'Chart.yaml'))) from = p;
    }
    if (!from) {
      const { exact, any } = pickVersion(index.get(dep.name) ?? [], dep.version);
      if (exact) from = exact.dir;
      else if (any && opts.loose) {
        from = any.dir;
        report.substituted.push(`${dep.name} ${dep.version ?? ''} -> ${any.version}`);
      }
    }
    if (!from) {
      if (opts.dropUnresolved) report.dropped.push(`${dep.name} ${dep.version ?? ''}`);
      else { report.unresolved.push(`${dep.name} ${dep.version ?? ''} (${repo || 'no repository'})`); keep.push(dep); }
      continue;
    }
    keep.push(dep);
    const target = join(dst, 'charts', dep.name);
    vendorChart(from, target, index, opts, report);
    present.add(dep.name);
    report.vendored.push(`${dep.name}@${readChartYaml(target)?.version ?? '?'}`);
  }
  if (keep.length !== deps.length) {
    meta.dependencies = keep;
    writeFileSync(join(dst, 'Chart.yaml'), stringifyYaml(meta));
  }
  return report;
}

/** Path of a Helm binary: the explicit one, or the test cache's (extracted via test/support/helm.ts). */
export async function helmPath(explicit, major = 3) {
  if (explicit) return resolve(explicit);
  const cached = join(ROOT, 'node_modules', '.cache', 'skiff-test', major === 3 ? 'helm-v3' : 'helm-v4');
  if (existsSync(cached)) return cached;
  const { register } = await import('tsx/esm/api');
  register();
  const helm = await import(join(ROOT, 'test', 'support', 'helm.ts'));
  return major === 3 ? helm.helmBinary() : helm.helm4Binary();
}

/** Runs a command; resolves { code, stdout, stderr, ms } (never rejects). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolveRun) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timer = null;
    if (opts.timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    if (opts.input !== undefined) child.stdin.end(opts.input);
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolveRun({ code: code ?? (signal ? 128 : 1), signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
}

/** Runs `fn` over `items` with at most `n` at a time, in order of items. */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, n) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

/** A short, stable label for a chart dir: the part after a corpus root. */
export function chartLabel(dir, roots) {
  for (const r of roots) {
    const rel = relative(resolve(r), dir);
    if (!rel.startsWith('..')) return `${basename(resolve(r))}/${rel}`.replace(/\/$/, '');
  }
  return dir;
}
