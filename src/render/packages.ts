// The packages the renderer loads on first use (most renders need only some
// of them, and loading them is a noticeable part of a render process's
// start): yaml, semver and nunjucks' modules, all through requirePackage.
// The render process's startup-snapshot bundle (dist/render-snapshot.cjs,
// see scripts/build.mjs) replaces this module with packages-bundled.ts,
// which names each package in a static require so that esbuild bundles it.
import { createRequire } from 'node:module';

/** The nunjucks modules the renderer uses. */
export type NunjucksModuleName = 'runtime' | 'compiler' | 'parser' | 'transformer' | 'nodes' | 'environment' | 'lib';

/** Every package the renderer loads lazily. */
export type RendererPackage = 'yaml' | 'semver' | `nunjucks/src/${NunjucksModuleName}`;

const load = createRequire(import.meta.url);

/** Loads (once; later calls return the cached module) one of the renderer's packages. */
export function requirePackage(id: RendererPackage): unknown {
  return load(id);
}
