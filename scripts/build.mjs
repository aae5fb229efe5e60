// Bundles skiff's own code (dependencies stay external) into dist/.
// Code splitting keeps each CLI command in its own chunk, loaded lazily,
// so `skiff version` does not pay for the template engine or the runtime.
// The build lands by atomic renames (chunks first, then entry points), so a
// CLI or test running during a rebuild never finds dist/ half written.
import { build } from 'esbuild';
import { chmodSync, rmSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

const out = `dist.tmp-${process.pid}`;
rmSync(out, { recursive: true, force: true });
try {
  await build({
    entryPoints: {
      cli: 'src/cli/main.ts',
      index: 'src/index.ts',
      'render-worker': 'src/render/worker-main.ts',
      'runtime-main': 'src/runtime/main.ts',
    },
    outdir: out,
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
  chmodSync(join(out, 'cli.js'), 0o755);
  mkdirSync('dist/chunks', { recursive: true });
  const fresh = new Set(readdirSync(join(out, 'chunks')));
  for (const f of fresh) renameSync(join(out, 'chunks', f), join('dist', 'chunks', f));
  for (const f of readdirSync(out)) if (f !== 'chunks') renameSync(join(out, f), join('dist', f));
  // Chunks of earlier builds go once no process started before this build can still load them.
  const cutoff = Date.now() - 10 * 60_000;
  for (const f of readdirSync('dist/chunks')) {
    const p = join('dist', 'chunks', f);
    if (!fresh.has(f) && statSync(p).mtimeMs < cutoff) rmSync(p, { force: true });
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
