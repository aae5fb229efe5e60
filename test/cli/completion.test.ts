import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { skiff, run } from '../support/cli.js';

test('bash completion completes command names', async () => {
  const script = await skiff(['completion', 'bash']);
  assert.is(script.code, 0);
  const r = await run('bash', ['-c', `${script.stdout}\nCOMP_WORDS=(skiff temp); COMP_CWORD=1; _skiff_complete; echo "\${COMPREPLY[@]}"`]);
  assert.is(r.stdout.trim(), 'template');
});

test('zsh completion script is produced', async () => {
  const r = await skiff(['completion', 'zsh']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^#compdef skiff/);
});

test('an unsupported shell is a usage error', async () => {
  const r = await skiff(['completion', 'fish']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /fish/);
});

test.run();
