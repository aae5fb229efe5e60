// Go durations (time.ParseDuration / Duration.String, what Helm prints for
// --timeout) and kubectl's humanised ages (apimachinery's HumanDuration).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DurationSyntaxError, formatGoDuration, formatGoDurationNanos, humanDuration, parseGoDuration, parseGoDurationNanos } from '../../src/util/duration.js';

test('Go durations round-trip through parse and String()', () => {
  for (const s of ['5m0s', '1h2m3.5s', '1.5s', '250ms', '1.5µs', '10ns', '0s', '-1m30s', '2562047h47m16.854775807s']) {
    assert.is(formatGoDurationNanos(parseGoDurationNanos(s)), s, s);
  }
  assert.is(parseGoDuration('5m0s'), 300_000);
  assert.is(parseGoDuration('1h2m3.5s'), 3_723_500);
  assert.is(parseGoDuration('1.5h'), 5_400_000);
  assert.is(parseGoDuration('.5s'), 500);
  assert.is(parseGoDuration('1us'), 0.001);
  assert.is(parseGoDuration('0'), 0);
  assert.is(formatGoDuration(300_000), '5m0s');
  assert.is(formatGoDuration(3_600_000), '1h0m0s');
  assert.is(formatGoDuration(1500), '1.5s');
  assert.is(formatGoDuration(250), '250ms');
  assert.is(formatGoDuration(0), '0s');
});

test('malformed durations throw with time.ParseDuration wording', () => {
  const msg = (s: string) => {
    try {
      parseGoDurationNanos(s);
    } catch (e) {
      assert.instance(e, DurationSyntaxError);
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.is(msg(''), 'time: invalid duration ""');
  assert.is(msg('300'), 'time: missing unit in duration "300"');
  assert.is(msg('5x'), 'time: unknown unit "x" in duration "5x"');
  assert.is(msg('.s'), 'time: invalid duration ".s"');
  assert.is(msg('1h-5m'), 'time: unknown unit "h-" in duration "1h-5m"');
  assert.is(msg('9223372036854775808ns'), 'time: invalid duration "9223372036854775808ns"');
});

test('humanised ages as kubectl prints them', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const cases: [number, string][] = [
    [-2500, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [15 * m + 30 * s, '15m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 3 * m, '5h3m'],
    [47 * h, '47h'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d, '8d'],
    [400 * d, '400d'],
    [(2 * 365 + 30) * d, '2y30d'],
    [9 * 365 * d, '9y'],
  ];
  for (const [ms, want] of cases) assert.is(humanDuration(ms), want, `${ms} ms`);
});

test.run();
