// Differential test of the Sprig/Helm function library against real Helm
// 3.17.3 and 4.1.4: seeded calls of every deterministic function, each
// printed as "TYPE VALUE" through Go's fmt, compared byte for byte.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { helm4Binary, helmBinary } from '../../support/helm.js';
import { generate } from './funcs-cases.js';
import { helmLines, skiffLine, source, type Call } from './funcs-oracle.js';

const SEED = Number(process.env.SKIFF_FUNCS_SEED ?? 20261207);
const PER_FUNCTION = Number(process.env.SKIFF_FUNCS_CASES ?? 6);
/** Helm 4 only (absent from 3.17's function map). */
const HELM4_ONLY = new Set(['mustToYaml']);
/** Go map order is random: these list a map's keys or values, compared as sorted lists. */
const MAP_ORDER = new Set(['keys', 'values']);

function normalise(c: Call, line: string): string {
  if (!MAP_ORDER.has(c.fn)) return line;
  const m = /^(.*?) \[(.*)\]$/.exec(line);
  return m ? `${m[1]} ${m[2]!.split(' ').sort().join(' ')}` : line;
}

function compare(helm: string, calls: Call[]): string[] {
  const expected = helmLines(helm, calls);
  const diffs: string[] = [];
  calls.forEach((c, i) => {
    let ours: string;
    try {
      ours = skiffLine(c);
    } catch (e) {
      ours = `ERROR ${(e as Error).message}`;
    }
    if (normalise(c, ours) !== normalise(c, expected[i] ?? '(missing)')) diffs.push(`${source(c)}\n  helm:  ${JSON.stringify(expected[i])}\n  skiff: ${JSON.stringify(ours)}`);
  });
  return diffs;
}

test('every deterministic function prints what Helm 3.17.3 prints', () => {
  const calls = generate(SEED, PER_FUNCTION, (n) => !HELM4_ONLY.has(n));
  assert.ok(calls.length > 1000, `${calls.length} calls`);
  const diffs = compare(helmBinary(), calls);
  assert.is(diffs.length, 0, `${diffs.length} of ${calls.length} differ:\n${diffs.slice(0, 40).join('\n')}`);
});

test('every deterministic function prints what Helm 4.1.4 prints', () => {
  const calls = generate(SEED + 1, Math.max(2, PER_FUNCTION >> 1));
  const diffs = compare(helm4Binary(), calls);
  assert.is(diffs.length, 0, `${diffs.length} of ${calls.length} differ:\n${diffs.slice(0, 40).join('\n')}`);
});

test.run();
