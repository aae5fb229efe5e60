// What skiff prints is safe for a terminal, and a closed stream never throws.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventEmitter } from 'node:events';
import { guardStream, safeText, writeRaw } from '../../src/cli/sink.js';

test('control characters, lone carriage returns and bidi controls are shown as escapes; text, tabs and newlines stay', () => {
  assert.is(safeText('plain text, ünïcödé ✓\tand\nlines\r\n'), 'plain text, ünïcödé ✓\tand\nlines\r\n');
  assert.is(safeText('\x1b[31mred\x1b[0m'), '\\x1b[31mred\\x1b[0m');
  assert.is(safeText('\x1b]0;title\x07'), '\\x1b]0;title\\x07');
  assert.is(safeText('over\rwrite'), 'over\\x0dwrite');
  assert.is(safeText('\x00\x7f\x9b'), '\\x00\\x7f\\x9b');
  assert.is(safeText('a\u202etxt.exe'), 'a\\u202etxt.exe');
});

test('a stream that fails (EPIPE) is marked closed: later writes are dropped, nothing throws', () => {
  const written: string[] = [];
  const stream = Object.assign(new EventEmitter(), {
    broken: false,
    write(s: string) {
      if (this.broken) throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      written.push(s);
      return true;
    },
  });
  guardStream(stream);
  writeRaw(stream, 'one\n');
  stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  writeRaw(stream, 'two\n');
  assert.equal(written, ['one\n']);
  const other = Object.assign(new EventEmitter(), { write: () => { throw new Error('EIO'); } });
  writeRaw(other, 'x');
  writeRaw(other, 'y');
});

test.run();
