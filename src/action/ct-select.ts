// Which charts a chart-testing configuration tests, and how: the given charts,
// every chart in chart-dirs (--all), or — ct's default — the charts changed
// since the merge base of HEAD (or `since`) with remote/target-branch, as git
// reports them. For changed charts it also runs ct's checks: a version bump
// against the target branch, maintainers, and, with `upgrade`, the chart as it
// is on the target branch to upgrade from when the change is not breaking.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import semver from 'semver';
import { extractArchive } from '../chart/archive.js';
import { UsageError } from '../errors.js';
import type { CtConfig } from './ct-config.js';

/** One chart to test, with what ct's configuration adds to its run. */
export interface ChartSpec {
  /** The chart directory (or archive/reference when given as such). */
  readonly path: string;
  /** The previous revision to install first and upgrade from (ct's upgrade). */
  readonly upgradeFrom?: string;
  /** When true, a previous revision that fails to install is noted and the current chart is installed instead (ct ignores such a revision). */
  readonly upgradeFromOptional?: boolean;
  /** ct's lint checks that failed (version increment, maintainers): the lint phase fails with them. */
  readonly lintErrors?: readonly string[];
  /** ct's additional-commands, `{{ .Path }}` already replaced: run in the lint phase. */
  readonly commands?: readonly string[];
}

export interface Selection {
  readonly charts: ChartSpec[];
  /** What selection decided that a user should read (skipped upgrades, deprecated charts). */
  readonly notes: string[];
  /** Removes the previous revisions checked out for upgrades. */
  cleanup(): Promise<void>;
}

function git(cwd: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8'): Promise<string | Buffer> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', args, { cwd, encoding, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new UsageError(`git ${args.join(' ')}: ${String(stderr).trim() || err.message}`));
      else resolvePromise(stdout);
    });
  });
}

function chartYaml(dir: string): Record<string, unknown> | undefined {
  const f = join(dir, 'Chart.yaml');
  if (!existsSync(f)) return undefined;
  const y = parse(readFileSync(f, 'utf8')) as unknown;
  return y && typeof y === 'object' ? (y as Record<string, unknown>) : {};
}

/** The chart directory (one with Chart.yaml, directly under a chart dir or deeper) holding `dir`, or undefined. */
function lookupChartDir(chartDirs: readonly string[], dir: string, root: string): string | undefined {
  for (let d = dir; d !== '.' && d !== '' && d !== sep; d = dirname(d)) {
    if (existsSync(join(root, d, 'Chart.yaml')) && chartDirs.some((c) => d === c || d.startsWith(c.replace(/\/$/, '') + '/'))) return d;
    if (chartDirs.includes(d)) return undefined;
  }
  return undefined;
}

function allCharts(cfg: CtConfig, root: string): string[] {
  const out: string[] = [];
  for (const parent of cfg['chart-dirs']) {
    const p = join(root, parent);
    if (!existsSync(p) || !statSync(p).isDirectory()) continue;
    // A chart dir may itself be a chart ("chart-dirs: [.]" with "charts: [.]" is common), or hold charts.
    for (const name of readdirSync(p).sort()) {
      const d = join(parent, name);
      if (existsSync(join(root, d, 'Chart.yaml')) && !cfg['excluded-charts'].includes(name)) out.push(d);
    }
  }
  return out;
}

async function changedCharts(cfg: CtConfig, root: string): Promise<{ dirs: string[]; mergeBase: string; branch: string }> {
  await git(root, ['rev-parse', '--is-inside-work-tree']).catch(() => {
    throw new UsageError('must be in a git repository to find changed charts', { hint: 'name charts (skiff test chart DIR...) or use --all' });
  });
  const branch = `${cfg.remote}/${cfg['target-branch']}`;
  const ok = await git(root, ['rev-parse', '--verify', '--quiet', `${branch}^{commit}`]).then(() => true, () => false);
  if (!ok) throw new UsageError(`targetBranch '${branch}' does not exist`, { hint: `fetch it (git fetch ${cfg.remote} ${cfg['target-branch']}) or set target-branch/remote in ct.yaml` });
  const mergeBase = String(await git(root, ['merge-base', branch, cfg.since])).trim();
  const files = String(await git(root, ['diff', '--find-renames', '--name-only', mergeBase, '--', ...cfg['chart-dirs']])).split('\n').filter(Boolean);
  const dirs = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length < 2 || cfg['excluded-charts'].includes(parts[1]!)) continue;
    const chartDir = lookupChartDir(cfg['chart-dirs'], dirname(file), root);
    if (chartDir && !cfg['excluded-charts'].includes(basename(chartDir))) dirs.add(chartDir);
  }
  return { dirs: [...dirs].sort(), mergeBase, branch };
}

async function oldChartYaml(root: string, branch: string, dir: string): Promise<Record<string, unknown> | undefined> {
  const text = await git(root, ['show', `${branch}:${dir}/Chart.yaml`]).catch(() => undefined);
  if (text === undefined) return undefined;
  const y = parse(String(text)) as unknown;
  return y && typeof y === 'object' ? (y as Record<string, unknown>) : {};
}

/** ct's BreakingChangeAllowed: true when `next` stays inside ^old (~old for 0.x), i.e. the change is not breaking. */
export function nonBreaking(old: string, next: string): boolean {
  const o = semver.parse(old);
  if (!o || !semver.valid(next)) return false;
  return semver.satisfies(next, `${o.major === 0 ? '~' : '^'}${o.version}`, { includePrerelease: true });
}

function maintainerProblems(dir: string, y: Record<string, unknown>): string[] {
  const maintainers = Array.isArray(y.maintainers) ? y.maintainers : [];
  if (y.deprecated === true) return maintainers.length ? [`${dir}/Chart.yaml: a deprecated chart must not have maintainers`] : [];
  if (!maintainers.length) return [`${dir}/Chart.yaml: chart has no maintainers`];
  return maintainers.flatMap((m, i) => (m && typeof m === 'object' && typeof (m as { name?: unknown }).name === 'string' && (m as { name: string }).name.trim() ? [] : [`${dir}/Chart.yaml: maintainers[${i}] has no name`]));
}

/**
 * Decides the charts `cfg` tests from `root` (the repository's top, where
 * chart-dirs are relative to). `charts` (positional arguments) behave as ct's
 * --charts: no change detection, no version check.
 */
export async function selectCharts(cfg: CtConfig, root: string, charts: readonly string[] = []): Promise<Selection> {
  const notes: string[] = [];
  const temps: string[] = [];
  const explicit = charts.length ? [...charts] : cfg.charts.length ? [...cfg.charts] : undefined;
  let dirs: string[];
  let changed: Awaited<ReturnType<typeof changedCharts>> | undefined;
  if (explicit) dirs = explicit;
  else if (cfg.all) dirs = allCharts(cfg, root);
  else {
    changed = await changedCharts(cfg, root);
    dirs = changed.dirs;
  }
  const specs: ChartSpec[] = [];
  for (const dir of dirs) {
    const abs = resolve(root, dir);
    const local = existsSync(abs) && statSync(abs).isDirectory();
    const y = local ? chartYaml(abs) : undefined;
    if (local && !y) throw new UsageError(`${dir}: not a chart directory (no Chart.yaml)`);
    if (y && cfg['exclude-deprecated'] && y.deprecated === true) {
      notes.push(`${dir}: skipped, the chart is deprecated (exclude-deprecated)`);
      continue;
    }
    const lintErrors: string[] = [];
    if (y && cfg['validate-maintainers']) lintErrors.push(...maintainerProblems(dir, y));
    let upgradeFrom: string | undefined;
    if (changed && y) {
      const old = await oldChartYaml(root, changed.branch, dir);
      const oldVersion = typeof old?.version === 'string' ? old.version : undefined;
      const newVersion = String(y.version ?? '');
      if (cfg['check-version-increment'] && oldVersion && !(semver.valid(oldVersion) && semver.valid(newVersion) && semver.gt(newVersion, oldVersion))) {
        lintErrors.push(`${dir}/Chart.yaml: chart version not ok. Needs a version bump! (${changed.branch} has ${oldVersion}, this has ${newVersion || 'none'})`);
      }
      if (cfg.upgrade && oldVersion) {
        if (nonBreaking(oldVersion, newVersion)) {
          const tmp = mkdtempSync(join(tmpdir(), 'skiff-ct-previous-'));
          temps.push(tmp);
          const tgz = (await git(root, ['archive', '--format=tar.gz', '--prefix=previous/', changed.branch, '--', dir], 'buffer')) as Buffer;
          upgradeFrom = join(await extractArchive(tgz, tmp), dir);
        } else notes.push(`${dir}: upgrade from ${oldVersion} not tested, ${newVersion} is a breaking change by SemVer`);
      }
    }
    const commands = cfg['additional-commands'].map((c) => c.replace(/\{\{\s*\.Path\s*\}\}/g, dir));
    specs.push({ path: local ? abs : dir, ...(upgradeFrom ? { upgradeFrom, upgradeFromOptional: true } : {}), ...(lintErrors.length ? { lintErrors } : {}), ...(commands.length ? { commands } : {}) });
  }
  if (changed && !specs.length) notes.push(`no chart changed since ${changed.mergeBase.slice(0, 12)} (merge base with ${changed.branch}) in ${cfg['chart-dirs'].join(', ')}`);
  return {
    charts: specs,
    notes,
    cleanup: async () => {
      await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
    },
  };
}
