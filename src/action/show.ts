// `show chart|values|readme|crds|all`: a chart's metadata, default values,
// README and CRDs, formatted as Helm prints them.
import { Document, isScalar, parse, visit } from 'yaml';
import { locateChart, type LocateOptions } from './locate-chart.js';
import { describeEngine } from '../render/engine-select.js';
import type { Chart, ChartFile } from '../chart/types.js';
import { sortKeys } from '../util/json.js';

export type ShowWhat = 'all' | 'chart' | 'values' | 'readme' | 'crds';

export interface ShowOptions {
  readonly what: ShowWhat;
  /** A chart reference: a directory or archive path (repository references once the repository layer resolves them). */
  readonly chart: string;
  /** Version constraint for repository charts. */
  readonly version?: string;
  /** Chart repository URL. */
  readonly repo?: string;
  /** Credentials, TLS and --plain-http for a remote chart. */
  readonly locate?: LocateOptions;
  /** Accept development (prerelease) versions. */
  readonly devel?: boolean;
}

const README_NAMES = ['readme.md', 'readme.txt', 'readme'];

function safeParse(v: string): unknown {
  try {
    return parse(v, { version: '1.1' });
  } catch {
    return v;
  }
}

/** Chart.yaml as Helm prints it: the parsed metadata with keys sorted, empty fields left out. */
export function formatMetadata(chart: Chart): string {
  const md: Record<string, unknown> = { ...chart.metadata };
  if (md.deprecated === false) delete md.deprecated; // Helm omits empty fields
  const doc = new Document(sortKeys(md));
  // go-yaml's style: strings that would read back as another type get double quotes, other quoting is single.
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && typeof safeParse(node.value) !== 'string') node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true });
}

/** The README of a chart (README.md, README.txt or README, any case), if any. */
export function findReadme(chart: Chart): ChartFile | undefined {
  return chart.files.find((f) => README_NAMES.includes(f.name.toLowerCase()));
}

/** CRD files of the chart and, recursively, of its subcharts (crds/*.yaml|yml|json). */
export function crdFiles(chart: Chart): ChartFile[] {
  const own = chart.files.filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.name));
  return [...own, ...chart.dependencies.flatMap(crdFiles)];
}

/** Renders the requested sections of a loaded chart, with Helm's `---` separators for `all`. */
export function formatShow(chart: Chart, what: ShowWhat): string {
  const all = what === 'all';
  let out = '';
  if (what === 'chart' || all) out += formatMetadata(chart) + '\n';
  if ((what === 'values' || all) && chart.rawValues !== undefined) {
    if (all) out += '---\n';
    out += chart.rawValues + '\n';
  }
  if (what === 'readme' || all) {
    const readme = findReadme(chart);
    if (readme) {
      if (all) out += '---\n';
      out += readme.data.toString('utf8') + '\n';
    }
  }
  if (what === 'crds' || all) {
    for (const crd of crdFiles(chart)) {
      const text = crd.data.toString('utf8');
      if (!text.startsWith('---')) out += '---\n';
      out += text + '\n';
    }
  }
  return out;
}

/** Locates and loads the chart and returns the text `skiff show` prints. Throws ChartInvalidError / ArchiveError from loading. */
export async function showChart(opts: ShowOptions): Promise<string> {
  const chart = await locateChart(opts.chart, { ...opts.locate, version: opts.version, repo: opts.repo, devel: opts.devel });
  return formatShow(chart, opts.what);
}

/**
 * What `show` prints, plus the template engine of the chart and of each
 * subchart, one line each ("# template engine of web: go (detected from the
 * templates)"), which the CLI prints on stderr so that stdout stays what
 * Helm prints.
 */
export async function showWithEngines(opts: ShowOptions): Promise<{ out: string; engines: string }> {
  const chart = await locateChart(opts.chart, { ...opts.locate, version: opts.version, repo: opts.repo, devel: opts.devel });
  const lines: string[] = [];
  const walk = (c: Chart, prefix: string): void => {
    lines.push(`# template engine of ${prefix}: ${describeEngine(c)}`);
    for (const d of c.dependencies) walk(d, `${prefix}/charts/${d.metadata.name}`);
  };
  walk(chart, chart.metadata.name);
  return { out: formatShow(chart, opts.what), engines: lines.join('\n') + '\n' };
}
