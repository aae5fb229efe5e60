// The nesting bound on request bodies: brackets inside strings and comments
// do not count, YAML indentation does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { depthExceeded, MAX_BODY_DEPTH } from '../../src/runtime/apiserver/body-depth.js';

const nest = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;

test('JSON: the first bracket past the bound is reported; strings are skipped, escapes included', () => {
  assert.is(depthExceeded(nest(MAX_BODY_DEPTH), false), undefined);
  assert.equal(depthExceeded(nest(MAX_BODY_DEPTH + 1), false), { char: '[', offset: MAX_BODY_DEPTH });
  assert.is(depthExceeded(`{"a":"${'['.repeat(1000)}","b":"\\"${'{'.repeat(1000)}"}`, false), undefined);
  assert.equal(depthExceeded('{"a":"\\\\","b":[[1]]}', false, 2), { char: '[', offset: 15 });
  assert.is(depthExceeded('{"a": "unterminated [[[[', false, 1), undefined);
});

test('YAML: flow brackets, quoted scalars, comments and block nesting', () => {
  assert.is(depthExceeded(`a: '${'['.repeat(1000)}'\nb: "${'{'.repeat(1000)}"\n# ${'['.repeat(1000)}\n`, true), undefined);
  assert.ok(depthExceeded(`a: ${nest(MAX_BODY_DEPTH + 1)}\n`, true));
  let block = '';
  for (let i = 0; i < 100; i++) block += `${' '.repeat(i)}k:\n`;
  assert.is(depthExceeded(block, true), undefined);
  for (let i = 100; i < 300; i++) block += `${' '.repeat(i)}k:\n`;
  assert.ok(depthExceeded(block, true));
  assert.ok(depthExceeded(`${'- '.repeat(MAX_BODY_DEPTH + 1)}x\n`, true));
});

test.run();
