// The CLI's list fast path is bundled into a file of its own (dist/fast-list.js),
// with its own copy of src/errors.ts; the errors it throws reach the CLI's
// error report, which must still recognise them as skiff's (message, hint,
// exit code), not as unexpected failures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClusterError, UsageError, isSkiffError } from '../../src/errors.js';

test('an error made by another copy of the errors module is a SkiffError to isSkiffError', async () => {
  // A query string makes Node load a second, separate instance of the module.
  const copy = '../../src/errors.ts?second-copy';
  const other = (await import(copy)) as typeof import('../../src/errors.js');
  assert.ok(other.UsageError !== UsageError, 'a separate copy of the module');
  const err = new other.UsageError('bad flag', { hint: 'see --help' });
  assert.not.ok(err instanceof UsageError);
  assert.ok(isSkiffError(err));
  assert.is(err.exitCode, 2);
  assert.ok(other.isSkiffError(new ClusterError('down')), 'and the other way round');
});

test('plain errors, and objects that only look like one, are not SkiffErrors', () => {
  assert.not.ok(isSkiffError(new Error('x')));
  assert.not.ok(isSkiffError({ code: 'USAGE', message: 'x', exitCode: 2 }));
  assert.not.ok(isSkiffError(Object.assign(new Error('x'), { code: 'USAGE', exitCode: 2 })));
  assert.not.ok(isSkiffError(undefined));
});

test('the mark is not part of what an error shows: not enumerable, not in JSON', () => {
  const err = new UsageError('bad');
  assert.equal(Object.keys(err).sort(), ['code', 'exitCode', 'hint', 'name'].sort());
  assert.not.ok(JSON.stringify(err).includes('skiff.SkiffError'));
});

test.run();
