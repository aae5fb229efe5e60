// `skiff create`: writes a new chart from a built-in starter (skiff's
// nunjucks one, or Helm's own in Go templates) or from a starter chart
// directory, replacing <CHARTNAME> with the chart's name.
import { mkdir, readdir, writeFile, stat, rm } from 'node:fs/promises';
import { join, dirname, resolve, basename } from 'node:path';
import { ChartInvalidError } from '../errors.js';
import { STARTER_FILES } from './starter.js';
import { HELM_STARTER_FILES } from './starter-go.js';
import { loadChart } from './load.js';
import { chartArchiveFiles } from './package.js';

const CHART_NAME = /^[a-zA-Z0-9._-]+$/;

export interface CreateOptions {
  /** A starter chart directory to copy instead of the built-in starter. */
  readonly starter?: string;
  /** Template language of the built-in starter: skiff's nunjucks (default) or Go templates (Helm's `helm create` chart). */
  readonly engine?: 'nunjucks' | 'go';
}

async function isNonEmptyDir(p: string): Promise<boolean | 'file'> {
  const st = await stat(p).catch(() => undefined);
  if (!st) return false;
  if (!st.isDirectory()) return 'file';
  return (await readdir(p)).length > 0;
}

async function starterFiles(starter: string, name: string): Promise<Record<string, Buffer>> {
  const chart = await loadChart(starter);
  const out: Record<string, Buffer> = {};
  const prefix = chart.metadata.name;
  for (const f of chartArchiveFiles(chart)) {
    out[f.name.slice(prefix.length + 1)] = Buffer.from(f.data.toString('utf8').replaceAll('<CHARTNAME>', name));
  }
  // The starter's own name in Chart.yaml becomes the new chart's name.
  const chartYaml = out['Chart.yaml']!.toString('utf8').replace(/^name:.*$/m, `name: ${name}`);
  out['Chart.yaml'] = Buffer.from(chartYaml);
  return out;
}

/**
 * Creates the chart `name` in `parentDir` (as `parentDir/name`) and returns
 * its path. Refuses (ChartInvalidError) a name that is not a valid chart name
 * and a target that exists and is not an empty directory, so that no file of
 * an existing chart is ever overwritten.
 */
export async function createChart(name: string, parentDir = '.', opts: CreateOptions = {}): Promise<string> {
  const chartName = basename(name);
  if (!CHART_NAME.test(chartName) || chartName === '.' || chartName === '..') {
    throw new ChartInvalidError(`chart name "${chartName}" is invalid: it must match the regular expression ${CHART_NAME.source}`);
  }
  const dir = resolve(parentDir, name);
  const existing = await isNonEmptyDir(dir);
  if (existing === 'file') throw new ChartInvalidError(`file ${dir} already exists and is not a directory`);
  if (existing) {
    throw new ChartInvalidError(`directory ${dir} already exists and is not empty; refusing to overwrite it`, {
      hint: 'choose another name, or remove the directory first',
    });
  }
  const files: Record<string, Buffer> = opts.starter
    ? await starterFiles(opts.starter, chartName)
    : Object.fromEntries(Object.entries(opts.engine === 'go' ? HELM_STARTER_FILES : STARTER_FILES).map(([p, text]) => [p, Buffer.from(text.replaceAll('<CHARTNAME>', chartName))]));
  const created = !(await stat(dir).catch(() => undefined));
  try {
    for (const [rel, data] of Object.entries(files)) {
      const p = join(dir, rel);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, data, { flag: 'wx' });
    }
    await mkdir(join(dir, 'charts'), { recursive: true });
  } catch (err) {
    if (created) await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return dir;
}
