// The renderer the CLI hands to the actions: the sandboxed one, split across
// as many processes as SKIFF_RENDER_PROCESSES says when it is set, with the
// compiled-template cache under $SKIFF_HOME/cache/templates. Rendering
// commands also keep compiled values.schema.json validators under
// $SKIFF_HOME/cache/schemas (values/schema-cache.ts), and the heads of large
// rendered documents under $SKIFF_HOME/cache/heads (render/head-cache.ts).
import { join } from 'node:path';
import type { Renderer } from '../render/index.js';
import { deferredSandboxRenderer } from '../render/deferred.js';
import { useSchemaCache } from '../values/schema-cache.js';
import { useHeadCache } from '../render/head-cache.js';
import { renderProcessesFromEnv, skiffHomeFromEnv, type Env } from './environment.js';

export function rendererFromEnv(env: Env = process.env): Renderer {
  const processes = renderProcessesFromEnv(env);
  const home = skiffHomeFromEnv(undefined, env);
  const templateCacheDir = join(home, 'cache', 'templates');
  useSchemaCache(join(home, 'cache', 'schemas'));
  useHeadCache(join(home, 'cache', 'heads'));
  return deferredSandboxRenderer({ ...(processes !== undefined ? { processes } : {}), templateCacheDir });
}
