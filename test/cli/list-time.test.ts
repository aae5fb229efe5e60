// The UPDATED column of list and history: Helm's "2006-01-02 15:04:05 -0700 MST"
// in the local zone. The UTC zone is recognised without building an Intl
// formatter; every zone must print what the Intl formatter names.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../support/cli.js';

const SAMPLES = ['2026-01-01T00:00:10Z', '2026-07-01T12:30:00.25Z', '1999-12-31T23:59:59+05:30', 'not a time'];

/** helmTime of each sample, computed in a process running in `zone`, and the zone names Intl gives there. */
function inZone(zone: string): { times: string[]; intl: string[] } {
  const script = `
    const { helmTime } = await import(${JSON.stringify(`${ROOT}/src/cli/list-output.ts`)});
    const f = Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });
    const samples = ${JSON.stringify(SAMPLES)};
    const intl = samples.filter((s) => !Number.isNaN(Date.parse(s))).map((s) => f.formatToParts(new Date(s)).find((x) => x.type === 'timeZoneName').value);
    console.log(JSON.stringify({ times: samples.map(helmTime), intl }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TZ: zone } });
  return JSON.parse(out) as { times: string[]; intl: string[] };
}

test('UTC zones print UTC', () => {
  for (const zone of ['UTC', 'Etc/UTC', 'Zulu']) {
    assert.equal(inZone(zone).times, ['2026-01-01 00:00:10 +0000 UTC', '2026-07-01 12:30:00.25 +0000 UTC', '1999-12-31 18:29:59 +0000 UTC', 'not a time'], zone);
  }
});

test('other zones print the offset and the name Intl gives for that instant', () => {
  const ny = inZone('America/New_York');
  assert.equal(ny.times, ['2025-12-31 19:00:10 -0500 EST', '2026-07-01 08:30:00.25 -0400 EDT', '1999-12-31 13:29:59 -0500 EST', 'not a time']);
  const berlin = inZone('Europe/Berlin');
  assert.equal(berlin.times.slice(0, 2), [`2026-01-01 01:00:10 +0100 ${berlin.intl[0]}`, `2026-07-01 14:30:00.25 +0200 ${berlin.intl[1]}`]);
  // London in winter is at +0000 but is not the UTC zone: Intl's GMT, printed as UTC as before.
  assert.is(inZone('Europe/London').times[0], '2026-01-01 00:00:10 +0000 UTC');
});

test.run();
