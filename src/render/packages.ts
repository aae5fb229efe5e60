// The packages the renderer loads on first use (most renders need only some
// of them, and loading them is a noticeable part of a render process's
// start): yaml, semver and nunjucks' modules, all through requirePackage.
// The render process's startup-snapshot bundle (dist/render-snapshot.cjs,
// see scripts/build.mjs) replaces this module with packages-bundled.ts,
// which names each package in a static require so that esbuild bundles it.
import { createRequire } from 'node:module';

/** The nunjucks modules the renderer uses. */
export type NunjucksModuleName = 'runtime' | 'compiler' | 'parser' | 'lexer' | 'transformer' | 'nodes' | 'environment' | 'lib';

/** Every package the renderer loads lazily. */
export type RendererPackage = 'yaml' | 'semver' | `nunjucks/src/${NunjucksModuleName}`;

/** Every package id requirePackage takes. */
export const RENDERER_PACKAGES: readonly RendererPackage[] = [
  'yaml', 'semver', 'nunjucks/src/runtime', 'nunjucks/src/compiler', 'nunjucks/src/parser', 'nunjucks/src/lexer', 'nunjucks/src/transformer',
  'nunjucks/src/nodes', 'nunjucks/src/environment', 'nunjucks/src/lib',
];

const load = createRequire(import.meta.url);
const entries = new Map<string, string>();

/**
 * The entry file of each package as the parent resolved it (real paths): a
 * render process started from the script then never looks a bare name up
 * through node_modules, which the permission model refuses to `stat` when
 * node_modules is a symbolic link.
 */
export function usePackageEntries(map: unknown): void {
  if (typeof map !== 'object' || map === null) return;
  for (const id of RENDERER_PACKAGES) {
    const file = (map as Record<string, unknown>)[id];
    if (typeof file === 'string' && file.startsWith('/')) entries.set(id, file);
  }
}

/** Loads (once; later calls return the cached module) one of the renderer's packages. */
export function requirePackage(id: RendererPackage): unknown {
  return load(entries.get(id) ?? id);
}
