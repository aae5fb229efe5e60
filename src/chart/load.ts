// Chart loading from a directory or a .tgz archive (Helm's pkg/chart/loader):
// both paths produce the same list of (path, bytes) files, which one function
// turns into a Chart. Errors name the file and, where there is one, the line.
import { readFile, stat } from 'node:fs/promises';
import { closeSync, constants, openSync, readSync, readdirSync, statSync, lstatSync, realpathSync, type Stats } from 'node:fs';
import { join, basename, sep } from 'node:path';
import { ArchiveError, ChartInvalidError, ValuesError } from '../errors.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.js';
import { IgnoreRules } from './ignore.js';
import { fastChartYaml, fastValuesYaml } from './fast-chart-yaml.js';
import type { Chart, ChartFile, Values } from './types.js';

export interface LoadOptions {
  /** Decompression bounds for archives (the whole chart, subchart archives included). */
  readonly limits?: ArchiveLimits;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const RAW_FILES = new Set(['Chart.yaml', 'Chart.lock', 'values.yaml', 'values.schema.json', 'requirements.yaml', 'requirements.lock']);

/** Decompression budget shared by an archive and the subchart archives inside it. */
interface Budget {
  remaining: number;
  readonly limits: Required<ArchiveLimits>;
}

function budgetFor(opts?: LoadOptions): Budget {
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...opts?.limits };
  return { remaining: limits.maxTotalBytes, limits };
}

function stripBom(data: Buffer): Buffer {
  return data.subarray(0, 3).equals(UTF8_BOM) ? data.subarray(3) : data;
}

/**
 * Loads a chart from a directory or a chart archive (.tgz). Throws
 * ChartInvalidError for a missing path or a malformed chart, ArchiveError for
 * an unsafe or oversized archive.
 */
export async function loadChart(path: string, opts?: LoadOptions): Promise<Chart> {
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new ChartInvalidError(`path "${path}" not found`);
    throw new ChartInvalidError(`cannot read ${path}: ${err.message}`);
  });
  if (st.isDirectory()) return loadChartDir(path, opts);
  const data = await readFile(path);
  if (data.length < 3 || data[0] !== 0x1f || data[1] !== 0x8b) {
    if (/\.ya?ml$/.test(path)) throw new ChartInvalidError(`file '${path}' seems to be a YAML file, but expected a gzipped archive`);
    throw new ChartInvalidError(`file '${path}' does not appear to be a gzipped archive`);
  }
  return loadChartArchive(data, path, opts);
}

/**
 * Loads a chart from the bytes of a chart archive; `source` names it in
 * errors. The archive is validated by readArchiveFiles (ArchiveError when unsafe).
 */
export async function loadChartArchive(data: Buffer, source = 'chart archive', opts?: LoadOptions): Promise<Chart> {
  return loadArchiveWithBudget(data, source, budgetFor(opts));
}

async function loadArchiveWithBudget(data: Buffer, source: string, budget: Budget): Promise<Chart> {
  // The archive reader (and zlib) loads with the first archive: a chart directory without one does not need it.
  const { readArchiveFiles } = await import('./archive.js');
  const files = await readArchiveFiles(data, { ...budget.limits, maxTotalBytes: budget.remaining }, source);
  for (const f of files) budget.remaining -= f.data.length;
  const top = files[0]!.name.split('/')[0]!;
  const inner = files.map((f) => ({ name: f.name.slice(top.length + 1), data: stripBom(f.data) }));
  return loadFromFiles(inner, `${source}/${top}`, budget);
}

/**
 * Where a symbolic link at `abs` (path `rel` in the chart) really points;
 * throws ChartInvalidError when that is outside `root` (the chart's real
 * path) or nowhere. Links inside the chart are followed as Helm follows them;
 * links out of it would let a chart read (and `package` embed) any file of
 * the user who renders it, so they are refused with the link's path.
 */
function linkTargetInside(abs: string, rel: string, root: string): string {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new ChartInvalidError(`${abs}: broken symbolic link`);
  }
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw new ChartInvalidError(`${abs}: symbolic link "${rel}" points outside the chart directory (to ${real})`, {
      hint: 'a chart may only link to files inside its own directory; copy the file into the chart instead',
    });
  }
  return real;
}

/** Reads a chart directory, honouring .helmignore (plus Helm's default: dotfiles in templates/). */
async function loadChartDir(dir: string, opts?: LoadOptions): Promise<Chart> {
  const budget = budgetFor(opts);
  const root = realpathSync(dir);
  const ignoreFile = join(dir, '.helmignore');
  let rules = new IgnoreRules();
  if (lstatSync(ignoreFile, { throwIfNoEntry: false })?.isSymbolicLink()) linkTargetInside(ignoreFile, '.helmignore', root);
  const text = await readFile(ignoreFile, 'utf8').catch(() => undefined);
  if (text !== undefined) rules = IgnoreRules.parse(text, ignoreFile);
  rules.addDefaults();

  // Synchronous reads: a chart is many small local files, and one thread
  // walking them beats a promise per file (1,000 templates: ~5x faster).
  // A regular file is read as it is found, its size checked on the open file
  // (no stat by name first); a symbolic link is followed with a stat.
  const found: ChartFile[] = [];
  const walk = (abs: string, rel: string, real: string, ancestors: ReadonlySet<string>): void => {
    if (ancestors.has(real)) throw new ChartInvalidError(`${abs}: symbolic link cycle`);
    const here = new Set(ancestors).add(real);
    for (const entry of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = entry.name;
      const childAbs = join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      if (entry.isDirectory()) {
        if (!rules.ignores(childRel, true)) walk(childAbs, childRel, join(real, name), here);
        continue;
      }
      if (entry.isFile()) {
        if (rules.ignores(childRel, false)) continue;
        found.push({ name: childRel, data: readChartFile(childAbs, dir, budget) });
        continue;
      }
      let st: Stats;
      try {
        st = statSync(childAbs);
      } catch (err) {
        if (entry.isSymbolicLink()) {
          if (rules.ignores(childRel, false)) continue;
          throw new ChartInvalidError(`${childAbs}: broken symbolic link`);
        }
        throw new ChartInvalidError(`cannot read ${childAbs}: ${(err as Error).message}`);
      }
      if (rules.ignores(childRel, st.isDirectory())) continue;
      const target = entry.isSymbolicLink() ? linkTargetInside(childAbs, childRel, root) : undefined;
      if (st.isDirectory()) {
        walk(childAbs, childRel, target ?? realpathSync(childAbs), here);
        continue;
      }
      if (!st.isFile()) throw new ChartInvalidError(`cannot load irregular file ${childAbs}: only regular files may be part of a chart`);
      found.push({ name: childRel, data: readChartFile(childAbs, dir, budget) });
    }
  };
  walk(dir, '', root, new Set());
  found.sort(byName);
  const files = found;
  return loadFromFiles(files, dir.replace(/\/+$/, '') || '/', budget);
}

/**
 * A regular file of a chart directory, read through one scratch buffer up to
 * one byte past the file size limit (no stat first: a chart is many small
 * files, and one read that comes back short is the whole file). Throws
 * ChartInvalidError for a file or a chart over its limit.
 */
function readChartFile(abs: string, dir: string, budget: Budget): Buffer {
  // Non-blocking, so that what was a file when listed and is a FIFO now fails instead of waiting.
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const max = budget.limits.maxFileBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const want = Math.min(scratch.length, max + 1 - size);
      const n = readSync(fd, scratch, 0, want, null);
      if (n > 0) {
        size += n;
        if (size > max) throw new ChartInvalidError(`chart file "${abs}" is larger than the maximum file size ${max} bytes`);
        chunks.push(Buffer.from(scratch.subarray(0, n)));
      }
      if (n < want) break;
    }
    budget.remaining -= size;
    if (budget.remaining < 0) throw new ChartInvalidError(`${dir}: chart is larger than the maximum size ${budget.limits.maxTotalBytes} bytes`);
    return stripBom(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
  } finally {
    closeSync(fd);
  }
}
const scratch = Buffer.allocUnsafeSlow(64 * 1024);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function byName(a: ChartFile, b: ChartFile): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Line and column of a character offset, for JSON errors. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

function parseSchema(data: Buffer, file: string): Record<string, unknown> {
  const text = data.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /at position (\d+)/.exec(msg);
    const where = m ? (({ line, col }) => `:${line}:${col}`)(lineCol(text, Number(m[1]))) : '';
    throw new ChartInvalidError(`${file}${where}: invalid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`);
  }
  if (!isRecord(parsed) && typeof parsed !== 'boolean') throw new ChartInvalidError(`${file}: values.schema.json must contain a JSON object`);
  return (isRecord(parsed) ? parsed : {}) as Record<string, unknown>;
}

/**
 * The YAML readers with the yaml library, loaded only for a file the fast
 * readers (./fast-chart-yaml.ts) leave to them: a chart whose Chart.yaml and
 * values.yaml are plain loads without the library.
 */
const yamlReaders = () => Promise.all([import('./metadata.js'), import('./values-yaml.js')]).then(([m, v]) => ({ ...m, ...v }));

/** values.yaml is read as Helm 4 reads it (YAML 1.1 scalars, its documents merged in order, repeated keys allowed). */
async function parseValues(data: Buffer, file: string): Promise<Values> {
  const text = data.toString('utf8');
  const fast = fastValuesYaml(text);
  if (fast) return fast;
  const { parseValuesDocuments } = await yamlReaders();
  try {
    return parseValuesDocuments(text, file);
  } catch (err) {
    if (!(err instanceof ValuesError)) throw err;
    const doc = /: document (\d+): /.exec(err.message);
    const inDoc = doc ? ` (document ${doc[1]})` : '';
    const notMap = /: line (\d+): values must be a map, got (.+)$/.exec(err.message);
    if (notMap) throw new ChartInvalidError(`${file}:${notMap[1]}: values.yaml${inDoc} must be a map of keys to values, not ${notMap[2]}`);
    const pos = /: line (\d+)(?:, column (\d+))?: (.*)$/s.exec(err.message);
    throw new ChartInvalidError(pos ? `${file}:${pos[1]}:${pos[2] ?? 1}: invalid YAML${inDoc}: ${pos[3]}` : `${file}: invalid YAML: ${err.message}`);
  }
}

/** Builds a Chart from files relative to the chart root; `source` prefixes file names in errors. */
async function loadFromFiles(files: ChartFile[], source: string, budget: Budget): Promise<Chart> {
  const at = (name: string) => `${source}/${name}`;
  const chartFile = files.find((f) => f.name === 'Chart.yaml');
  if (!chartFile) {
    throw new ChartInvalidError(`${source}: Chart.yaml file is missing`, { hint: 'a chart is a directory (or .tgz) with a Chart.yaml at its root' });
  }
  const chartYaml = chartFile.data.toString('utf8');
  const metadata = fastChartYaml(chartYaml, at('Chart.yaml')) ?? (await yamlReaders()).parseChartYaml(chartYaml, at('Chart.yaml'));
  const chart: Chart = { metadata, templates: [], values: {}, files: [], dependencies: [], source, raw: [] };
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    if (RAW_FILES.has(f.name)) chart.raw!.push(f);
    switch (true) {
      case f.name === 'Chart.yaml':
        break;
      case f.name === 'Chart.lock':
        chart.lock = (await yamlReaders()).parseLock(f.data.toString('utf8'), at(f.name));
        break;
      case f.name === 'requirements.yaml' && metadata.apiVersion === 'v1':
        metadata.dependencies = (await yamlReaders()).parseRequirements(f.data.toString('utf8'), at(f.name));
        if (metadata.dependencies.length === 0) delete metadata.dependencies;
        break;
      case f.name === 'requirements.lock' && metadata.apiVersion === 'v1':
        chart.lock = (await yamlReaders()).parseLock(f.data.toString('utf8'), at(f.name));
        break;
      case f.name === 'values.yaml':
        chart.values = await parseValues(f.data, at(f.name));
        chart.rawValues = f.data.toString('utf8');
        break;
      case f.name === 'values.schema.json':
        chart.schema = parseSchema(f.data, at(f.name));
        break;
      case f.name.startsWith('templates/'):
        chart.templates.push(f);
        break;
      case f.name.startsWith('charts/') && !f.name.endsWith('.prov'): {
        const rest = f.name.slice('charts/'.length);
        const dir = rest.split('/')[0]!;
        const list = subcharts.get(dir) ?? [];
        list.push({ name: rest.slice(dir.length + 1), data: f.data });
        subcharts.set(dir, list);
        break;
      }
      default:
        chart.files.push(f);
    }
  }
  chart.templates.sort(byName);
  chart.files.sort(byName);
  for (const dir of [...subcharts.keys()].sort()) {
    if (dir.startsWith('_') || dir.startsWith('.')) continue;
    const entries = subcharts.get(dir)!;
    const subSource = at(`charts/${dir}`);
    if (dir.endsWith('.tgz')) {
      const file = entries.find((e) => e.name === '');
      if (!file) continue; // a directory named *.tgz: not a chart archive
      try {
        chart.dependencies.push(await loadArchiveWithBudget(file.data, subSource, budget));
      } catch (err) {
        if (err instanceof ArchiveError) throw new ChartInvalidError(`error unpacking subchart ${dir} in ${metadata.name}: ${err.message}`, { cause: err });
        throw err;
      }
      continue;
    }
    const inner = entries.filter((e) => e.name !== '');
    if (inner.length === 0) continue; // a plain file in charts/ that is not an archive
    chart.dependencies.push(await loadFromFiles(inner, subSource, budget));
  }
  return chart;
}

/**
 * Refuses charts that cannot be installed: library charts (Helm's
 * "library charts are not installable"). Throws ChartInvalidError.
 */
export function assertInstallable(chart: Chart): void {
  const type = chart.metadata.type ?? 'application';
  if (type !== 'application') {
    throw new ChartInvalidError(`validation: chart.metadata.type: ${type} charts are not installable (chart "${chart.metadata.name}")`, {
      hint: 'a library chart only provides helpers to other charts; add it as a dependency of an application chart',
    });
  }
}

/**
 * Dependencies declared in Chart.yaml that have no chart in charts/ (matched by
 * name). Empty when all are present.
 */
export function missingDependencies(chart: Chart): string[] {
  const present = new Set(chart.dependencies.map((d) => d.metadata.name));
  return (chart.metadata.dependencies ?? []).map((d) => d.name).filter((n) => !present.has(n));
}

/** Throws ChartInvalidError when a dependency declared in Chart.yaml is missing from charts/ (Helm's message). */
export function checkDependencies(chart: Chart): void {
  const missing = missingDependencies(chart);
  if (missing.length > 0) {
    throw new ChartInvalidError(`found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`, {
      hint: `run "skiff dependency build ${chart.source ?? basename(chart.metadata.name)}" to fetch missing dependencies`,
    });
  }
}
