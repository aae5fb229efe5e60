// Bundles skiff's own code (dependencies stay external) into dist/.
// Code splitting keeps each CLI command in its own chunk, loaded lazily,
// so `skiff version` does not pay for the template engine or the runtime.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: {
    cli: 'src/cli/main.ts',
    index: 'src/index.ts',
    'render-worker': 'src/render/worker-main.ts',
    'runtime-main': 'src/runtime/main.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
