// Run by scripts/build.mjs once dist/ is in place (dist/render-snapshot-build.js):
// builds the render process's startup snapshot (snapshot.ts) for this Node
// and the render process's default flags. A Node that cannot build it leaves
// skiff without one (render processes start from the script): a warning, not
// a failed build.
import { dirname } from 'node:path';
import process from 'node:process';
import { defaultSandboxCommand } from './command.js';
import { buildSnapshot } from './snapshot.js';

const cmd = defaultSandboxCommand();
try {
  buildSnapshot(dirname(cmd.script), cmd.args);
} catch (e) {
  process.stderr.write(`warning: ${(e as Error).message}\n`);
}
