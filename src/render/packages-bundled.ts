// packages.ts for the render process's startup-snapshot bundle
// (scripts/build.mjs swaps it in): one static require per package, so the
// bundle holds them all and the snapshot needs no file at run time.
import type { RendererPackage } from './packages.js';

export type { NunjucksModuleName, RendererPackage } from './packages.js';

/** The bundle holds every package: nothing to look up. */
export function usePackageEntries(_map: unknown): void {}

export function requirePackage(id: RendererPackage): unknown {
  switch (id) {
    case 'yaml': return require('yaml');
    case 'semver': return require('semver');
    case 'nunjucks/src/runtime': return require('nunjucks/src/runtime');
    case 'nunjucks/src/compiler': return require('nunjucks/src/compiler');
    case 'nunjucks/src/parser': return require('nunjucks/src/parser');
    case 'nunjucks/src/lexer': return require('nunjucks/src/lexer');
    case 'nunjucks/src/transformer': return require('nunjucks/src/transformer');
    case 'nunjucks/src/nodes': return require('nunjucks/src/nodes');
    case 'nunjucks/src/environment': return require('nunjucks/src/environment');
    case 'nunjucks/src/lib': return require('nunjucks/src/lib');
  }
}
