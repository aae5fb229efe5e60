// The skiff launcher (line 2 of dist/cli.js, scripts/build.mjs) gives short
// commands a small young generation and main-thread TurboFan compiles, and
// leaves the ones that serve or run long with V8's defaults; it changes no
// environment variable on the way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

/** Runs dist/cli.js as a program (through its launcher); returns the Node flags and the environment variables `names` its process saw. */
function launch(args: string[], env: Record<string, string> = {}): { execArgv: string[]; env: Record<string, string | null>; status: number | null; stderr: string } {
  const dir = tempDir('skiff-launcher-');
  const probe = join(dir, 'probe.cjs');
  const out = join(dir, 'seen.json');
  writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ execArgv: process.execArgv, env: { a: process.env.a ?? null, y: process.env.y ?? null } })));\n`);
  const r = spawnSync(CLI, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, SKIFF_HOME: join(dir, 'home'), NODE_OPTIONS: `--require ${probe}`, ...env }, encoding: 'utf8' });
  const seen = JSON.parse(readFileSync(out, 'utf8')) as { execArgv: string[]; env: Record<string, string | null> };
  return { ...seen, status: r.status, stderr: r.stderr };
}

test('a short command runs with a 2 MB young generation and TurboFan compiling on the main thread', () => {
  for (const args of [['version'], ['template', '--help'], ['--namespace', 'x', 'list', '--help']]) {
    const r = launch(args);
    assert.is(r.status, 0, r.stderr);
    assert.equal(r.execArgv, ['--max-semi-space-size=2', '--no-concurrent-recompilation'], args.join(' '));
  }
});

test('commands that serve or run long keep V8\'s defaults', () => {
  for (const args of [['repo', 'serve', '--help'], ['dashboard', '--help'], ['test', 'chart', '--help'], ['unittest', '--help']]) {
    const r = launch(args);
    assert.is(r.status, 0, r.stderr);
    assert.equal(r.execArgv, [], args.join(' '));
  }
});

test('the launcher changes no environment variable on the way', () => {
  const r = launch(['version'], { a: 'mine', y: 'also mine' });
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.env, { a: 'mine', y: 'also mine' });
});

test.run();
