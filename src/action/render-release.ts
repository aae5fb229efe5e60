// The rendering half of every release operation, shared by template, lint,
// install, upgrade and diff: chart + user values -> sorted manifests and hooks.
import type { Chart, Values } from '../chart/types.js';
// The loader and the kube-version check directly: the chart layer's index also
// holds create and package (the starter charts and the YAML writer), which a render never needs.
import { assertInstallable, checkDependencies } from '../chart/load.js';
import { checkKubeVersion } from '../chart/kube-version.js';
import { prepareChartValues } from '../values/index.js';
import { sandboxRenderer, sortManifests, type Hook, type Manifest, type Renderer, type RenderOptions } from '../render/index.js';
import { defaultApiVersions } from '../apimachinery/api-versions.js';
import { DEFAULT_KUBE_VERSION } from '../version.js';
import { postRender, type PostRenderer } from './post-render.js';
import { RenderError } from '../errors.js';

/** getHostByName with --enable-dns: the first address the system resolver gives, or an error naming the host. */
async function resolveHost(name: string): Promise<string> {
  try {
    return (await process.getBuiltinModule('node:dns/promises').lookup(name)).address;
  } catch {
    throw new Error(`no address found for host ${JSON.stringify(name)}`);
  }
}

export interface RenderReleaseOptions {
  /** The loaded chart (not yet processed for dependencies). */
  readonly chart: Chart;
  /** The user-supplied values (from mergeValueOptions, or stored values on rollback/reuse). */
  readonly userValues: Values;
  readonly releaseName: string;
  readonly namespace: string;
  readonly revision?: number;
  readonly isUpgrade?: boolean;
  /** Target Kubernetes version (e.g. "v1.32.0"); the cluster's, or the default for template. */
  readonly kubeVersion?: string;
  /** Capabilities.APIVersions; defaults to a stock 1.32 cluster's. Extra ones are added by the caller. */
  readonly apiVersions?: readonly string[];
  /** With no cluster (apiVersions absent): --api-versions, added to the client-only default set. */
  readonly extraApiVersions?: readonly string[];
  readonly lookup?: RenderOptions['lookup'];
  readonly skipSchemaValidation?: boolean;
  readonly renderTimeoutMs?: number;
  readonly renderSubchartNotes?: boolean;
  readonly strict?: boolean;
  /** Lint mode: Go templates' `required` and `fail` do not stop the render (Helm's LintMode). */
  readonly lint?: boolean;
  /** --enable-dns: `getHostByName` resolves names (it returns "" otherwise, as in Helm). */
  readonly enableDns?: boolean;
  /** --post-renderer: the manifests and hooks (not crds/) pass through this program. */
  readonly postRenderer?: PostRenderer;
  /** Where templates run: the sandboxed render process unless the caller trusts the chart (Configuration.renderer). */
  readonly renderer?: Renderer;
  /** Keep documents that hold no object (comments only, `null`), as `helm template` prints them; an install never applies them. */
  readonly keepEmptyDocuments?: boolean;
}

/** A manifest from a chart's crds/ directory (never templated). */
export interface CrdFile {
  readonly source: string;
  readonly content: string;
}

export interface RenderedRelease {
  /** The chart after dependency processing (disabled subcharts pruned). */
  readonly chart: Chart;
  /** The final values the root chart saw. */
  readonly values: Values;
  readonly manifests: Manifest[];
  /**
   * What the release records as its manifest: `manifests` plus the documents
   * that hold no object (comments only), in Helm's order, as Helm keeps them
   * in the release; a post-renderer's output is recorded as it printed it.
   */
  readonly recorded: Manifest[];
  readonly hooks: Hook[];
  readonly crds: CrdFile[];
  /** What each template rendered, by path (`<chart>/templates/...`), before splitting (lint reads it as Helm's lint does). */
  readonly files: Readonly<Record<string, string>>;
  readonly notes?: string;
  readonly warnings: string[];
}

/**
 * Validates the chart for the target (library charts refused, kubeVersion
 * constraint checked, declared dependencies present), prepares values (dependencies, coalescing, schema),
 * renders in the sandbox and sorts the result in Helm's install order.
 * Throws ChartInvalidError, ValuesError or RenderError with file and line.
 */
export async function renderRelease(opts: RenderReleaseOptions): Promise<RenderedRelease> {
  const kubeVersion = opts.kubeVersion ?? DEFAULT_KUBE_VERSION;
  assertInstallable(opts.chart);
  checkKubeVersion(opts.chart, kubeVersion);
  checkDependencies(opts.chart);
  const prepared = prepareChartValues(opts.chart, opts.userValues, { skipSchemaValidation: opts.skipSchemaValidation });
  const revision = opts.revision ?? 1;
  const rendered = await (opts.renderer ?? sandboxRenderer).render(prepared.chart, prepared.values, {
    release: { name: opts.releaseName, namespace: opts.namespace, revision, isInstall: !opts.isUpgrade, isUpgrade: !!opts.isUpgrade },
    // Without a cluster's list, Go templates see Helm's client-only default set plus --api-versions.
    capabilities: opts.apiVersions !== undefined
      ? { kubeVersion, apiVersions: [...opts.apiVersions] }
      : { kubeVersion, apiVersions: [...defaultApiVersions(), ...(opts.extraApiVersions ?? [])], extraApiVersions: [...(opts.extraApiVersions ?? [])] },
    lookup: opts.lookup ?? (async () => ({})),
    ...(opts.renderTimeoutMs !== undefined ? { timeoutMs: opts.renderTimeoutMs } : {}),
    renderSubchartNotes: opts.renderSubchartNotes,
    strict: opts.strict,
    ...(opts.lint ? { lint: true } : {}),
    ...(opts.enableDns ? { resolveHost } : {}),
  });
  // Helm's lint reads only the .yaml/.yml templates' output as manifests (a templates/README.md is an extension finding, not a YAML error).
  const sorted = sortOrRenderOut(opts.lint ? Object.fromEntries(Object.entries(rendered.files).filter(([name]) => /\.ya?ml$/i.test(name))) : rendered.files);
  const { manifests: recorded, hooks } = opts.postRenderer ? await postRender(opts.postRenderer, sorted.manifests, sorted.hooks) : sorted;
  return {
    chart: prepared.chart,
    values: prepared.values,
    manifests: opts.keepEmptyDocuments === true ? recorded : recorded.filter((m) => !m.empty),
    recorded,
    files: rendered.files,
    hooks,
    crds: collectCrds(prepared.chart, prepared.chart.metadata.name),
    ...(rendered.notes !== undefined ? { notes: rendered.notes } : {}),
    warnings: prepared.warnings,
  };
}

/**
 * sortManifests, and when a rendered file is not valid YAML, the same
 * RenderError carrying every non-blank rendered file (by name, each under its
 * `# Source:` line) for `template --debug` to print, as Helm renders out
 * invalid YAML.
 */
function sortOrRenderOut(files: Record<string, string>): ReturnType<typeof sortManifests> {
  try {
    return sortManifests(files, { keepEmpty: true });
  } catch (err) {
    if (!(err instanceof RenderError) || err.template === undefined || err.code !== 'RENDER_FAILED') throw err;
    const rendered = Object.keys(files)
      .sort()
      .filter((name) => files[name]!.trim() !== '')
      .map((name) => `---\n# Source: ${name}\n${files[name]}\n`)
      .join('');
    throw new RenderError(err.message, { template: err.template, ...(err.line !== undefined ? { line: err.line } : {}), rendered, cause: err });
  }
}

/** crds/ files of the chart and its enabled subcharts, parents first (Helm's CRDObjects). */
export function collectCrds(chart: Chart, prefix: string): CrdFile[] {
  const out: CrdFile[] = [];
  for (const f of chart.files) {
    if (f.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.name)) out.push({ source: `${prefix}/${f.name}`, content: f.data.toString('utf8') });
  }
  for (const sub of chart.dependencies) out.push(...collectCrds(sub, `${prefix}/charts/${sub.metadata.name}`));
  return out;
}
