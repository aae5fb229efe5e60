// Chart dependencies (Helm's pkg/downloader/manager.go and resolver.go):
// resolve Chart.yaml dependencies against repositories and file:// paths,
// write Chart.lock with Helm's digest, and vendor archives into charts/.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { archiveChart, loadChart, loadChartArchive, satisfiesConstraint } from '../chart/index.js';
import { parseChartYaml, parseLock, parseRequirements } from '../chart/metadata.js';
import type { ChartDependency, ChartLock, ChartMetadata } from '../chart/types.js';
import { ChartInvalidError, RepoError } from '../errors.js';
import { downloadChartVersion, fetchIndex, httpOptionsFor, loadCachedIndex, writeRepoCache } from './client.js';
import { findChartVersion, nowStamp, quoteTimestamps, type IndexFile } from './index-file.js';
import { repoPaths, type RepoPaths } from './home.js';
import { loadRepoFile, type RepoEntry } from './repositories.js';
import { joinInside, writeFileAtomic } from './fs-util.js';
import type { OciPullOptions } from '../oci/chart-pull.js';

/** Options of dependency update/build. */
export interface DependencyOptions {
  /** The skiff home (default ~/.skiff; the CLI passes $SKIFF_HOME by resolveSkiffHome). */
  readonly home?: string;
  /** Use the cached indexes of added repositories instead of fetching them (Helm's --skip-refresh). */
  readonly skipRefresh?: boolean;
  /** Progress lines ("Saving 1 charts", ...). */
  readonly log?: (line: string) => void;
  /** Credentials, TLS and --plain-http for oci:// dependencies (stored `registry login` credentials otherwise). */
  readonly registry?: OciPullOptions;
}

/** What update/build did. */
export interface DependencyResult {
  readonly lock: ChartLock;
  /** Archives written into charts/ (file names). */
  readonly saved: readonly string[];
  /** Archives removed from charts/ (older versions of the same dependencies). */
  readonly removed: readonly string[];
  /** Whether Chart.lock was (re)written. */
  readonly lockWritten: boolean;
}

/** Go's json.Marshal escaping of <, > and & (Helm hashes Go's JSON bytes). */
function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A dependency with Helm's JSON field order and omitempty rules. */
function depJson(d: Partial<ChartDependency>): Record<string, unknown> {
  const o: Record<string, unknown> = { name: d.name ?? '' };
  if (d.version) o.version = d.version;
  o.repository = d.repository ?? '';
  if (d.condition) o.condition = d.condition;
  if (d.tags && d.tags.length) o.tags = d.tags;
  if (d.enabled) o.enabled = d.enabled;
  if (d['import-values'] && d['import-values'].length) {
    o['import-values'] = d['import-values'].map((iv) => (typeof iv === 'string' ? iv : { child: iv.child, parent: iv.parent }));
  }
  if (d.alias) o.alias = d.alias;
  return o;
}

/** Helm's resolver.HashReq: "sha256:" + sha256 of the JSON of [dependencies, locked]. */
export function hashRequirements(req: readonly Partial<ChartDependency>[], locked: readonly Partial<ChartDependency>[]): string {
  const data = goJson([req.map(depJson), locked.map(depJson)]);
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

/** Chart.lock as Helm writes it (keys sorted: dependencies, digest, generated). */
export function serializeLock(lock: ChartLock): string {
  return quoteTimestamps(stringify(
    { dependencies: lock.dependencies.map((d) => ({ name: d.name, repository: d.repository, version: d.version })), digest: lock.digest, generated: lock.generated },
    { lineWidth: 0, indentSeq: false },
  ));
}

interface ChartFiles {
  readonly dir: string;
  readonly metadata: ChartMetadata;
  readonly deps: ChartDependency[];
  readonly lock?: ChartLock;
  readonly lockFile: string;
}

async function readChartFiles(chartDir: string): Promise<ChartFiles> {
  const st = await stat(chartDir).catch(() => undefined);
  if (!st?.isDirectory()) throw new ChartInvalidError(`"${chartDir}" is not a chart directory`);
  const cyFile = join(chartDir, 'Chart.yaml');
  const text = await readFile(cyFile, 'utf8').catch(() => {
    throw new ChartInvalidError(`${cyFile} not found: "${chartDir}" is not a chart directory`);
  });
  const metadata = parseChartYaml(text, cyFile);
  let deps = metadata.dependencies ?? [];
  const v1 = metadata.apiVersion === 'v1';
  if (v1) {
    const req = await readFile(join(chartDir, 'requirements.yaml'), 'utf8').catch(() => undefined);
    if (req !== undefined) deps = parseRequirements(req, join(chartDir, 'requirements.yaml'));
  }
  const lockFile = join(chartDir, v1 ? 'requirements.lock' : 'Chart.lock');
  const lockText = await readFile(lockFile, 'utf8').catch(() => undefined);
  const lock = lockText === undefined ? undefined : parseLock(lockText, lockFile);
  return { dir: chartDir, metadata, deps, lock, lockFile };
}

function isUrl(s: string): boolean {
  return /^https?:\/\//.test(s);
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** Finds the configured repository a dependency's `repository` refers to (by @name, alias:name or URL). */
function repoFor(dep: ChartDependency, repos: readonly RepoEntry[]): { entry?: RepoEntry; url: string } {
  const r = dep.repository ?? '';
  const named = r.startsWith('@') ? r.slice(1) : r.startsWith('alias:') ? r.slice(6) : undefined;
  if (named !== undefined) {
    const entry = repos.find((e) => e.name === named);
    if (!entry) {
      throw new RepoError(`no repository definition for ${r} (dependency "${dep.name}")`, { hint: `add it with "skiff repo add ${named} URL"` });
    }
    return { entry, url: entry.url };
  }
  if (!isUrl(r)) {
    throw new RepoError(`dependency "${dep.name}": repository "${r}" is not a URL, @name, alias:name or file:// path`);
  }
  return { entry: repos.find((e) => trimSlash(e.url) === trimSlash(r)), url: r };
}

function fileDepPath(chartDir: string, repository: string): string {
  const p = repository.slice('file://'.length);
  return isAbsolute(p) ? p : resolve(chartDir, p);
}

interface Planned {
  readonly dep: ChartDependency;
  readonly locked: { name: string; version: string; repository: string };
  /** How to get the archive bytes. */
  readonly fetch?: () => Promise<Buffer>;
}

class IndexSource {
  private readonly cache = new Map<string, Promise<IndexFile>>();
  constructor(private readonly paths: RepoPaths, private readonly skipRefresh: boolean, private readonly log: (l: string) => void) {}
  get(url: string, entry: RepoEntry | undefined): Promise<IndexFile> {
    const key = trimSlash(url);
    let p = this.cache.get(key);
    if (!p) {
      p = (async () => {
        if (entry && this.skipRefresh) return loadCachedIndex(this.paths, entry.name);
        const { index, text } = await fetchIndex(url, httpOptionsFor(entry ?? {}));
        if (entry) {
          await writeRepoCache(this.paths, entry.name, index, text);
          this.log(`...updated "${entry.name}" (${url})`);
        }
        return index;
      })();
      this.cache.set(key, p);
    }
    return p;
  }
}

async function planDependency(chartDir: string, dep: ChartDependency, exactVersion: string | undefined, repos: readonly RepoEntry[], indexes: IndexSource, paths: RepoPaths, registry: OciPullOptions = {}, pinnedDigest?: string): Promise<Planned> {
  const repository = dep.repository ?? '';
  if (pinnedDigest && !repository.startsWith('oci://')) {
    throw new RepoError(`dependency "${dep.name}": Chart.lock pins digest ${pinnedDigest}, but only oci:// dependencies can be pinned by manifest digest (${repository || 'no repository'} is not one)`);
  }
  const constraint = exactVersion ?? dep.version ?? '';
  if (repository === '') {
    return { dep, locked: { name: dep.name, version: dep.version ?? '', repository: '' } };
  }
  if (repository.startsWith('oci://')) {
    const { pullOciChart, resolveOciVersion } = await import('../oci/chart-pull.js');
    const opts = { ...registry, home: paths.home };
    const version = await resolveOciVersion(repository, dep.name, constraint || undefined, opts).catch((err: Error) => {
      throw new RepoError(`dependency "${dep.name}": ${err.message}`, { hint: (err as RepoError).hint ?? (exactVersion ? 'run "skiff dependency update" to re-resolve the lock' : 'change the version range in Chart.yaml') });
    });
    // A digest pinned in Chart.lock: the tag must still resolve to that manifest (checked by the pull).
    const ref = `${repository.replace(/\/+$/, '')}/${dep.name}${pinnedDigest ? `@${pinnedDigest}` : ''}`;
    const fetch = async () => {
      try {
        return (await pullOciChart(ref, { ...opts, version })).data;
      } catch (err) {
        if (!pinnedDigest || !/digest mismatch/.test((err as Error).message)) throw err;
        throw new RepoError(`dependency "${dep.name}": ${(err as Error).message} (the digest pinned in Chart.lock)`, { hint: 'the registry now serves other content under that version; check it, then update the pin or run "skiff dependency update"' });
      }
    };
    return { dep, locked: { name: dep.name, version, repository }, fetch };
  }
  if (repository.startsWith('file://')) {
    const path = fileDepPath(chartDir, repository);
    const chart = await loadChart(path).catch((err: Error) => {
      throw new ChartInvalidError(`dependency "${dep.name}": cannot load ${repository} (${path}): ${err.message}`);
    });
    if (constraint && !versionMatches(chart.metadata.version, constraint)) {
      throw new RepoError(`dependency "${dep.name}": ${repository} has version ${chart.metadata.version}, which does not satisfy "${constraint}"`);
    }
    return { dep, locked: { name: dep.name, version: chart.metadata.version, repository }, fetch: () => archiveChart(chart) };
  }
  const { entry, url } = repoFor(dep, repos);
  const index = await indexes.get(url, entry);
  const label = entry ? `repository "${entry.name}" (${url})` : url;
  let cv;
  try {
    cv = findChartVersion(index, dep.name, { version: constraint || undefined }, label);
  } catch (err) {
    throw new RepoError(`dependency "${dep.name}": ${(err as Error).message}`, { hint: exactVersion ? 'run "skiff dependency update" to re-resolve the lock' : 'change the version range in Chart.yaml' });
  }
  return {
    dep,
    locked: { name: dep.name, version: cv.version, repository: entry && repository.startsWith('@') ? url : repository },
    fetch: async () => (await downloadChartVersion(url, cv, { http: httpOptionsFor(entry ?? {}), passCredentials: entry?.pass_credentials_all, cacheDir: paths.chartCacheDir })).data,
  };
}

function versionMatches(version: string, constraint: string): boolean {
  if (version === constraint) return true;
  try {
    return satisfiesConstraint(version, constraint);
  } catch {
    throw new RepoError(`invalid version constraint "${constraint}"`);
  }
}

/** Names (from Chart.yaml inside) of the archives in charts/, by file. */
async function archivesInCharts(chartsDir: string): Promise<Map<string, { name: string; version: string } | undefined>> {
  const out = new Map<string, { name: string; version: string } | undefined>();
  const files = await readdir(chartsDir).catch(() => [] as string[]);
  for (const f of files) {
    if (!f.endsWith('.tgz')) continue;
    try {
      const c = await loadChartArchive(await readFile(join(chartsDir, f)), f);
      out.set(f, { name: c.metadata.name, version: c.metadata.version });
    } catch {
      out.set(f, undefined);
    }
  }
  return out;
}

/** Downloads every planned archive (all before anything is written), then vendors them into charts/. */
async function vendor(chartDir: string, plans: readonly Planned[], log: (l: string) => void): Promise<{ saved: string[]; removed: string[] }> {
  const fetched: { file: string; data: Buffer; name: string }[] = [];
  const withFetch = plans.filter((p) => p.fetch);
  if (withFetch.length) log(`Saving ${withFetch.length} charts`);
  for (const p of withFetch) {
    const data = await p.fetch!();
    const chart = await loadChartArchive(data, `${p.dep.name}-${p.locked.version}.tgz`);
    if (chart.metadata.name !== p.dep.name) throw new RepoError(`dependency "${p.dep.name}": the downloaded archive contains chart "${chart.metadata.name}"`);
    fetched.push({ file: `${chart.metadata.name}-${chart.metadata.version}.tgz`, data, name: chart.metadata.name });
    log(`Downloading ${p.dep.name} from repo ${p.locked.repository}`);
  }
  const chartsDir = join(chartDir, 'charts');
  const existing = await archivesInCharts(chartsDir);
  const removed: string[] = [];
  const names = new Set(fetched.map((f) => f.name));
  const keep = new Set(fetched.map((f) => f.file));
  for (const [file, info] of existing) {
    if (info && names.has(info.name) && !keep.has(file)) {
      await rm(join(chartsDir, file), { force: true });
      removed.push(file);
    }
  }
  if (removed.length) log(`Deleting outdated charts`);
  for (const f of fetched) await writeFileAtomic(joinInside(chartsDir, f.file), f.data);
  return { saved: fetched.map((f) => f.file), removed };
}

async function context(opts: DependencyOptions) {
  const paths = repoPaths(opts.home);
  const rf = await loadRepoFile(paths.repositoriesFile);
  const log = opts.log ?? (() => {});
  return { paths, repos: rf.repositories, log, indexes: new IndexSource(paths, !!opts.skipRefresh, log) };
}

/**
 * Resolves every dependency of the chart at `chartDir` to the newest version
 * satisfying its range (repositories by URL — fetched directly when not added
 * — or @name/alias:name; file:// paths packaged from disk), downloads all
 * archives with digest checks, replaces older archives of the same
 * dependencies in charts/, and writes Chart.lock (Helm's digest) unless the
 * digest is unchanged. Throws RepoError/ChartInvalidError with nothing
 * written when any dependency cannot be resolved or fetched.
 */
export async function dependencyUpdate(chartDir: string, opts: DependencyOptions = {}): Promise<DependencyResult> {
  const cf = await readChartFiles(chartDir);
  const ctx = await context(opts);
  const plans: Planned[] = [];
  for (const dep of cf.deps) plans.push(await planDependency(chartDir, dep, undefined, ctx.repos, ctx.indexes, ctx.paths, opts.registry));
  const req = cf.deps.map((d) => {
    const r = d.repository ?? '';
    if (r.startsWith('@') || r.startsWith('alias:')) return { ...d, repository: repoFor(d, ctx.repos).url };
    return d;
  });
  const locked = plans.map((p) => p.locked);
  const digest = hashRequirements(req, locked);
  const { saved, removed } = await vendor(chartDir, plans, ctx.log);
  const lock: ChartLock = { generated: nowStamp(), digest, dependencies: locked };
  let lockWritten = false;
  if (!cf.lock || cf.lock.digest !== digest) {
    await writeFileAtomic(cf.lockFile, serializeLock(lock));
    lockWritten = true;
  }
  return { lock: lockWritten ? lock : cf.lock!, saved, removed, lockWritten };
}

/**
 * Fetches exactly the versions recorded in Chart.lock into charts/ (runs
 * update when there is no lock); an oci:// entry that also carries a
 * `digest` (a pin Helm ignores) must resolve to that manifest. Throws
 * RepoError with Helm's message when the lock is out of sync with
 * Chart.yaml, or naming the dependency when a pinned digest differs.
 */
export async function dependencyBuild(chartDir: string, opts: DependencyOptions = {}): Promise<DependencyResult> {
  const cf = await readChartFiles(chartDir);
  if (!cf.lock) {
    opts.log?.(`No ${basename(cf.lockFile)} found; running dependency update`);
    return dependencyUpdate(chartDir, opts);
  }
  const ctx = await context(opts);
  const lockDeps = cf.lock.dependencies;
  const asWritten = hashRequirements(cf.deps, lockDeps);
  let resolved: string | undefined;
  try {
    resolved = hashRequirements(cf.deps.map((d) => ((d.repository ?? '').match(/^(@|alias:)/) ? { ...d, repository: repoFor(d, ctx.repos).url } : d)), lockDeps);
  } catch {
    resolved = undefined;
  }
  if (cf.lock.digest !== asWritten && cf.lock.digest !== resolved) {
    throw new RepoError('the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies', {
      hint: `run "skiff dependency update ${chartDir}"`,
    });
  }
  const plans: Planned[] = [];
  for (const [i, dep] of cf.deps.entries()) {
    const l = lockDeps[i]!;
    plans.push(await planDependency(chartDir, dep, dep.repository?.startsWith('file://') || !dep.repository ? undefined : l.version, ctx.repos, ctx.indexes, ctx.paths, opts.registry, l.digest));
  }
  const { saved, removed } = await vendor(chartDir, plans, ctx.log);
  return { lock: cf.lock, saved, removed, lockWritten: false };
}

/** One row of `dependency list`. */
export interface DependencyStatus {
  readonly name: string;
  readonly version: string;
  readonly repository: string;
  /** ok, missing, wrong version, unpacked, misnamed, corrupt, too many matches. */
  readonly status: string;
}

/** The status of each dependency of `chartDir` (Helm's `dependency list`), plus archives in charts/ not in Chart.yaml. */
export async function dependencyList(chartDir: string): Promise<{ dependencies: DependencyStatus[]; extras: string[] }> {
  const cf = await readChartFiles(chartDir);
  const chartsDir = join(chartDir, 'charts');
  const archives = await archivesInCharts(chartsDir);
  const used = new Set<string>();
  const out: DependencyStatus[] = [];
  for (const dep of cf.deps) {
    const constraint = dep.version ?? '';
    const matches = [...archives.keys()].filter((f) => f.startsWith(`${dep.name}-`) && /^\d/.test(f.slice(dep.name.length + 1)));
    let status: string;
    if (matches.length > 1) status = 'too many matches';
    else if (matches.length === 1) {
      used.add(matches[0]!);
      const info = archives.get(matches[0]!);
      if (!info) status = 'corrupt';
      else if (info.name !== dep.name) status = 'misnamed';
      else status = !constraint || safeMatch(info.version, constraint) ? 'ok' : 'wrong version';
    } else {
      const dir = join(chartsDir, dep.name);
      const st = await stat(dir).catch(() => undefined);
      if (st?.isDirectory()) {
        const text = await readFile(join(dir, 'Chart.yaml'), 'utf8').catch(() => undefined);
        let md: ChartMetadata | undefined;
        try {
          md = text === undefined ? undefined : parseChartYaml(text, join(dir, 'Chart.yaml'));
        } catch {
          md = undefined;
        }
        if (!md) status = 'corrupt';
        else if (md.name !== dep.name) status = 'misnamed';
        else status = !constraint || safeMatch(md.version, constraint) ? 'unpacked' : 'wrong version';
      } else status = 'missing';
    }
    out.push({ name: dep.name, version: constraint, repository: dep.repository ?? '', status });
  }
  const extras = [...archives.keys()].filter((f) => !used.has(f)).sort();
  return { dependencies: out, extras };
}

function safeMatch(version: string, constraint: string): boolean {
  try {
    return version === constraint || satisfiesConstraint(version, constraint);
  } catch {
    return false;
  }
}
