// `skiff template`: render a chart as `helm template` does, locally (--dry-run=client,
// the default) or against the cluster (--dry-run=server).
import { mkdirSync, appendFileSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { mergeValueOptions, type ValueOptions } from '../values/index.js';
import { formatManifests, sandboxRenderer, type Hook, type Manifest, type Renderer } from '../render/index.js';
import { renderRelease, type CrdFile } from './render-release.js';
import type { PostRenderer } from './post-render.js';
import { locateChart, type LocateOptions } from './locate-chart.js';
import { SkiffError, UsageError } from '../errors.js';
import { validateReleaseName } from './release-name.js';
import type { Backend } from '../kube/backend.js';
import { clusterCapabilities, clusterLookup } from './cluster-info.js';
import type { Chart } from '../chart/types.js';

export interface TemplateOptions {
  readonly chartRef: string;
  /** The chart `chartRef` names, when the caller has loaded it already (it is not loaded again). */
  readonly chart?: Chart;
  readonly releaseName?: string;
  readonly namespace?: string;
  readonly values?: ValueOptions;
  readonly locate?: LocateOptions;
  /** -s/--show-only: template paths relative to the chart root, globs allowed ("templates/*.yaml"). */
  readonly showOnly?: readonly string[];
  readonly includeCrds?: boolean;
  readonly skipTests?: boolean;
  readonly kubeVersion?: string;
  /** -a/--api-versions added to the default set. */
  readonly extraApiVersions?: readonly string[];
  readonly isUpgrade?: boolean;
  readonly skipSchemaValidation?: boolean;
  readonly renderTimeoutMs?: number;
  /** --enable-dns: `getHostByName` resolves names. */
  readonly enableDns?: boolean;
  /** --post-renderer: manifests (not hooks or crds/) pass through this program. */
  readonly postRenderer?: PostRenderer;
  /** --output-dir: write each template's documents under DIR instead of returning text. */
  readonly outputDir?: string;
  /** --release-name: put files under DIR/<release name>/ (Helm's flag of the same name). */
  readonly useReleaseName?: boolean;
  /** --no-hooks: leave every hook out of the output. */
  readonly noHooks?: boolean;
  /** Where templates run (default: the sandboxed renderer). */
  readonly renderer?: Renderer;
  /**
   * --dry-run=server: render against this cluster (its version and API
   * versions as Capabilities, `lookup` answered from it; --kube-version and
   * --api-versions ignored, as Helm 4 ignores them) and check the result on it
   * (src/action/template-server.ts). Without it the render is client-only.
   */
  readonly server?: { readonly backend: Backend };
}

export interface TemplateResult {
  readonly releaseName: string;
  readonly namespace: string;
  readonly crds: CrdFile[];
  readonly manifests: Manifest[];
  readonly hooks: Hook[];
  readonly notes?: string;
  /** The text `helm template` prints (CRDs when asked, manifests, then hooks). */
  readonly text: string;
  /** Files written with --output-dir. */
  readonly written: string[];
  readonly warnings: string[];
}

/** Renders CHART and returns (or writes) the manifests; throws typed errors with file and line. */
export async function template(opts: TemplateOptions): Promise<TemplateResult> {
  (opts.renderer ?? sandboxRenderer).prestart?.();
  const releaseName = opts.releaseName ?? 'release-name';
  validateReleaseName(releaseName);
  const namespace = opts.namespace || 'default';
  const chart = opts.chart ?? (await locateChart(opts.chartRef, opts.locate));
  const userValues = await mergeValueOptions(opts.values ?? {});
  const kubeVersion = opts.kubeVersion ? normaliseKubeVersion(opts.kubeVersion) : undefined;
  const warnings: string[] = [];
  const server = opts.server;
  const caps = server ? await clusterCapabilities(server, false) : undefined;
  if (server && (kubeVersion || opts.extraApiVersions?.length)) warnings.push("--kube-version and --api-versions are ignored with --dry-run=server: the cluster's version and API versions are used");
  const r = await renderRelease({
    chart,
    userValues,
    releaseName,
    namespace,
    isUpgrade: opts.isUpgrade,
    ...(caps ? { kubeVersion: caps.kubeVersion, apiVersions: caps.apiVersions, lookup: clusterLookup(server!.backend) } : { kubeVersion, extraApiVersions: opts.extraApiVersions ?? [] }),
    skipSchemaValidation: opts.skipSchemaValidation,
    renderTimeoutMs: opts.renderTimeoutMs,
    enableDns: opts.enableDns,
    postRenderer: opts.postRenderer,
    renderer: opts.renderer,
    // Helm prints documents of comments only (a resource switched off by a condition) as they are.
    keepEmptyDocuments: true,
  });
  warnings.push(...r.warnings);
  let manifests = r.manifests;
  let hooks = opts.noHooks ? [] : opts.skipTests ? r.hooks.filter((h) => !h.events.includes('test')) : r.hooks;
  // Loaded only for --dry-run=server: the server check brings the cluster client's code.
  if (server) warnings.push(...(await (await import('./template-server.js')).checkOnServer({ backend: server.backend, releaseName, namespace, manifests, hooks, crds: r.crds, isUpgrade: opts.isUpgrade })));
  let crds = opts.includeCrds ? r.crds : [];
  if (opts.showOnly && opts.showOnly.length > 0) {
    const root = r.chart.metadata.name;
    const keep = (source: string): boolean => opts.showOnly!.some((p) => matchPath(p, stripChart(source, root)));
    for (const p of opts.showOnly) {
      const all = [...manifests, ...hooks, ...crds].map((m) => stripChart(m.source, root));
      if (!all.some((s) => matchPath(p, s))) throw new SkiffError('TEMPLATE_NOT_FOUND', `could not find template ${p} in chart`);
    }
    manifests = manifests.filter((m) => keep(m.source));
    hooks = hooks.filter((m) => keep(m.source));
    crds = crds.filter((m) => keep(m.source));
  }
  // CRD files are printed as they are, like Helm (their own trailing newline kept).
  const crdText = crds.map((c) => `---\n# Source: ${c.source}\n${c.content}\n`).join('');
  // Helm prints the release manifest with Fprintln, so a render with no
  // manifests (none at all, or hooks only) starts with an empty line.
  const blank = crdText === '' && manifests.length === 0 && !(opts.showOnly && opts.showOnly.length > 0) ? '\n' : '';
  const text = blank + crdText + formatManifests(manifests, hooks);
  const written = opts.outputDir ? writeOutputDir(opts.outputDir, opts.useReleaseName ? releaseName : undefined, [...crds, ...manifests, ...hooks]) : [];
  return { releaseName, namespace, crds, manifests, hooks, ...(r.notes !== undefined ? { notes: r.notes } : {}), text, written, warnings };
}

function stripChart(source: string, root: string): string {
  return source.startsWith(root + '/') ? source.slice(root.length + 1) : source;
}

/** Helm matches --show-only with filepath.Match: `*` and `?` never cross a '/'. */
function matchPath(pattern: string, path: string): boolean {
  const p = pattern.replace(/\\/g, '/');
  if (p === path) return true;
  const re = new RegExp('^' + p.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$');
  return re.test(path);
}

function normaliseKubeVersion(v: string): string {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(v.trim());
  if (!m) throw new UsageError(`invalid kube version "${v}": expected a version like 1.32.0`);
  return `v${m[1]}.${m[2]}.${m[3] ?? '0'}${m[4] ?? ''}`;
}

/** Writes each document to DIR/<source>, documents of one template appended in order (Helm's --output-dir). */
function writeOutputDir(dir: string, prefix: string | undefined, docs: readonly { source: string; content: string }[]): string[] {
  const base = resolve(prefix ? join(dir, prefix) : dir);
  const seen = new Set<string>();
  for (const d of docs) {
    const target = resolve(base, d.source);
    if (!target.startsWith(base + sep)) throw new SkiffError('OUTPUT_PATH', `refusing to write ${d.source} outside ${base}`);
    if (!seen.has(target)) {
      if (existsSync(target)) rmSync(target);
      mkdirSync(dirname(target), { recursive: true });
      seen.add(target);
    }
    appendFileSync(target, `---\n# Source: ${d.source}\n${d.content.trim()}\n`);
  }
  return [...seen];
}
