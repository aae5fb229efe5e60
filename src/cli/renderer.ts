// The renderer the CLI hands to the actions: the sandboxed one, split across
// as many processes as SKIFF_RENDER_PROCESSES says when it is set.
import { sandboxRenderer, sandboxRendererWith, type Renderer } from '../render/index.js';
import { renderProcessesFromEnv, type Env } from './environment.js';

export function rendererFromEnv(env: Env = process.env): Renderer {
  const processes = renderProcessesFromEnv(env);
  return processes === undefined ? sandboxRenderer : sandboxRendererWith({ processes });
}
