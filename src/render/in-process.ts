// The renderer seam: a Renderer turns a chart and values into rendered
// files. The default renders in the sandboxed child process (chart code never
// runs in the caller's process); the in-process one runs the same hardened
// engine in this process, for trusted charts in tests and embedders that
// already isolate skiff, and saves the process start. The engine is loaded
// on the in-process renderer's first use: a command that renders in the
// sandbox (every CLI command) never compiles it in its own process.
import type { Chart, Values } from '../chart/types.js';
import { RenderError } from '../errors.js';
import { prestartRenderProcess, renderInSandbox, type PrestartHint } from './process.js';
import type { RenderedChart, RenderOptions } from './index.js';

export interface Renderer {
  /** Renders every template of `chart` with `values`; throws RenderError (file:line) or SandboxViolationError. */
  render(chart: Chart, values: Values, opts: RenderOptions): Promise<RenderedChart>;
  /** Starts whatever the first render needs (the sandbox processes) while the caller does other work. */
  prestart?(hint?: PrestartHint): void;
}

/** The default: each render runs in a fresh sandboxed Node process. */
export const sandboxRenderer: Renderer = { render: renderInSandbox, prestart: prestartRenderProcess };

/** The sandboxed renderer with `defaults` (the CLI's SKIFF_RENDER_PROCESSES) for options a render leaves unset. */
export function sandboxRendererWith(defaults: Pick<RenderOptions, 'processes' | 'templateCacheDir'>): Renderer {
  return { render: (chart, values, opts) => renderInSandbox(chart, values, { ...defaults, ...opts }), prestart: prestartRenderProcess };
}

/**
 * Renders in this process. `lookup` and `getHostByName` are synchronous in the
 * engine and the cluster answers asynchronously, so a template that calls
 * them while the caller gave a lookup or resolver fails with a RenderError
 * saying to use the sandboxed renderer (without one they return {} / "" as
 * in `helm template`).
 */
export const inProcessRenderer: Renderer = {
  render: async (chart, values, opts) => {
    const unavailable = (what: string) => () => {
      throw new RenderError(`${what} needs the sandboxed renderer: the in-process renderer cannot wait for the cluster's answer`);
    };
    const { renderTemplates } = await import('./engine.js');
    const result = renderTemplates(chart, values, {
      release: opts.release,
      ...(opts.capabilities ? { capabilities: opts.capabilities } : {}),
      ...(opts.lookup ? { lookup: unavailable('lookup') } : {}),
      ...(opts.resolveHost ? { getHostByName: unavailable('getHostByName') } : {}),
      limits: {
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.maxOutputBytes !== undefined ? { maxOutputBytes: opts.maxOutputBytes } : {}),
        ...(opts.maxRecursionDepth !== undefined ? { maxRecursionDepth: opts.maxRecursionDepth } : {}),
        ...(opts.maxLoopIterations !== undefined ? { maxLoopIterations: opts.maxLoopIterations } : {}),
      },
      renderSubchartNotes: opts.renderSubchartNotes === true,
      strict: opts.strict === true,
      ...(opts.lint ? { lint: true } : {}),
    });
    return result.notes !== undefined ? { files: result.files, notes: result.notes } : { files: result.files };
  },
};
