// The render layer's public API: chart + values -> rendered files (in a
// sandboxed child process), then split/sort/format into manifests and hooks.
import type { Chart, Values } from '../chart/types.js';
import { renderInSandbox } from './process.js';
export { prestartRenderProcess } from './process.js';
export { sandboxRenderer, sandboxRendererWith, inProcessRenderer, type Renderer } from './in-process.js';

export type { Manifest, Hook, SortOptions } from './manifests.js';
export { sortManifests, sortHooksForRun, formatManifests, readManifests, sortForUninstall, splitDocuments, INSTALL_ORDER, UNINSTALL_ORDER, HOOK_EVENTS } from './manifests.js';

/** The release a chart is rendered for (Helm's `.Release`). */
export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
  /** `.Release.Service`; "Helm" when omitted, as charts compare against it. */
  service?: string;
}

/** Reads one live object (or a list when name is ""); resolves `{}` when not found. */
export type LookupFn = (apiVersion: string, kind: string, namespace: string, name: string) => Promise<Record<string, unknown>>;

export interface RenderOptions {
  release: ReleaseInfo;
  /**
   * `.Capabilities`: the cluster's version ("v1.32.0") and API versions ("group/version" or "group/version/Kind").
   * `extraApiVersions` set means there is no cluster (template, lint, client dry runs): Go templates then see
   * Helm's client-only default set (chartutil.DefaultVersionSet) followed by these (--api-versions), as Helm shows them.
   */
  capabilities?: { kubeVersion?: string; apiVersions?: string[]; extraApiVersions?: string[] };
  /** Backs the `lookup` function; when absent `lookup` returns `{}` (as in `helm template`). */
  lookup?: LookupFn;
  /** Backs `getHostByName` (Helm's --enable-dns); when absent it returns "" as Helm does without the flag. */
  resolveHost?: (name: string) => Promise<string>;
  /** Wall-clock bound of one render, default 30 000 ms. */
  timeoutMs?: number;
  /** Bound on the total rendered text, default 100 MiB. */
  maxOutputBytes?: number;
  /** Bound on include/tpl nesting, default 100. */
  maxRecursionDepth?: number;
  /** Bound on loop iterations over the whole render, default 1 000 000. */
  maxLoopIterations?: number;
  /** Render subcharts' NOTES.txt too (appended after the root chart's notes). */
  renderSubchartNotes?: boolean;
  /** Fail on undefined output values instead of printing nothing (Helm's missingkey=error). */
  strict?: boolean;
  /** Lint mode: Go templates' `required` and `fail` do not stop the render (Helm's LintMode). */
  lint?: boolean;
  /**
   * Sandboxed renders only: how many processes a large chart (150 or more
   * manifest templates) is split across, at most 8; 1 keeps rendering in one
   * process (less memory). Default: 2, or 1 on a single core.
   */
  processes?: number;
  /**
   * Sandboxed renders only: the directory of the compiled-template cache
   * (Go templates' parse trees and nunjucks templates' code kept between runs, see template-cache.ts); no
   * cache when absent. The CLI uses $SKIFF_HOME/cache/templates.
   */
  templateCacheDir?: string;
}

/** What a render produces: rendered template text by path (partials excluded) and the rendered notes. */
export interface RenderedChart {
  files: Record<string, string>;
  notes?: string;
}

/**
 * Renders every template of `chart` (and its subcharts) with `values` (the
 * coalesced tree the root chart sees). Runs in an isolated Node process with
 * the permission model on and a scrubbed environment; chart author code never
 * runs in the caller's process. Throws RenderError (file:line) for template
 * errors, SandboxViolationError for refused access, and RenderError when a
 * limit (time, output size, recursion, loop iterations) is exceeded.
 */
export function renderChart(chart: Chart, values: Values, opts: RenderOptions): Promise<RenderedChart> {
  return renderInSandbox(chart, values, opts);
}
