// The sandboxed renderer, loaded when first used: commands that only read
// releases (history, status, get) hold a Configuration with a renderer but
// never render, so they need not load the render process's client code.
import type { Renderer } from './in-process.js';
import type { RenderOptions } from './index.js';

const load = () => import('./in-process.js');

/** sandboxRendererWith(defaults), loaded on the first render or prestart. */
export function deferredSandboxRenderer(defaults: Pick<RenderOptions, 'processes' | 'templateCacheDir'> = {}): Renderer {
  return {
    render: async (chart, values, opts) => (await load()).sandboxRendererWith(defaults).render(chart, values, opts),
    prestart: (hint) => {
      void load().then((m) => m.sandboxRendererWith(defaults).prestart?.(hint), () => undefined);
    },
  };
}
