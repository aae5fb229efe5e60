// toYaml quotes a string exactly when go-yaml v2 would read its plain form
// back as something else (its resolve table, strconv's int and float syntax,
// real calendar timestamps, base-60 floats). Expected forms recorded from
// Helm 3.17.3's toYaml.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toGoYaml } from '../../src/render/goyaml.js';

const QUOTED = [
  '2020-09-07', '2020-9-7', '2020-02-29', '2020-09-07T10:00:00Z', '2020-09-07t10:00:00Z', '2020-09-07 10:00:00', '2020-09-07T10:00:00+02:00',
  '2020-09-07T10:00:00.123Z', '1.2', '1.', '1e5', '1.5e+3', '+1', '-1', '0x1F', '0o17', '017', '08', '0b101', '-0b101', '1_000', '1:20', '1:20.5',
  '.5', '.inf', '.NaN', '+.inf', '-.Inf', '~', 'null', 'Null', 'y', 'Yes', 'on', 'off', 'true', '0', '-0', '00', '9223372036854775808',
  '18446744073709551616', '12:30', '1_0', '0.', '-.5', '+.5', '0e0', '1E5', '20200907', '',
];
const PLAIN = [
  '2020-13-01', '2020-02-30', '2021-02-29', '2020-09-07 10:00', '2020-09-07T25:00:00Z', '127.0.0.1', '8.5.1', '1e', '.', '..', 'nul', 'yES',
  'oN', 'tRue', '<<', '=', '1e400', 'v1.2', '1.0.0', '_1', '0x', '0xG', '1,000', '3.14.15',
];

test('strings that read back as another type are double-quoted, others stay plain', () => {
  for (const s of QUOTED) assert.is(toGoYaml([s]), `- ${JSON.stringify(s)}`, s);
  for (const s of PLAIN) assert.is(toGoYaml([s]), `- ${s}`, s);
});

test.run();
