// Differential test of the Sprig/Helm function library against real Helm
// 3.17.3 and 4.1.4: seeded calls of every deterministic function, each
// printed as "TYPE VALUE" through Go's fmt, compared byte for byte.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { helm4Binary, helmBinary } from '../../support/helm.js';
import { generate } from './funcs-cases.js';
import { call, helmLines, int, nil, skiffLine, source, str, type Call } from './funcs-oracle.js';

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


/** Random and key-generating functions: both sides must print the same shape. */
const SHAPES: [Call, RegExp][] = [
  [call('uuidv4'), /^string [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
  [call('randAlphaNum', int(12)), /^string [A-Za-z0-9]{12}$/],
  [call('randAlpha', int(9)), /^string [A-Za-z]{9}$/],
  [call('randNumeric', int(5)), /^string [0-9]{5}$/],
  [call('randAscii', int(10)), /^string [ -~]{10}$/],
  [call('randAlphaNum', int(0)), /^string $/],
  [call('randBytes', int(12)), /^string [A-Za-z0-9+/]{16}$/],
  [call('shuffle', str('aaaaaa')), /^string aaaaaa$/],
  [call('randInt', int(3), int(5)), /^int [34]$/],
  [call('htpasswd', str('user'), str('pw')), /^string user:\$2a\$10\$[./A-Za-z0-9]{53}$/],
  [call('htpasswd', str('a:b'), str('pw')), /^string invalid username: a:b$/],
  [call('bcrypt', str('pw')), /^string \$2a\$10\$[./A-Za-z0-9]{53}$/],
  [call('genPrivateKey', str('ecdsa')), /^string -----BEGIN EC PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END EC PRIVATE KEY-----\n$/],
  [call('genPrivateKey', str('ed25519')), /^string -----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/],
  [call('genPrivateKey', str('nope')), /^string Unknown type nope$/],
  [call('decryptAES', str('key'), call('encryptAES', str('key'), str('hello there'))), /^string hello there$/],
  [call('genCA', str('my-ca'), int(30)), /^sprig\.certificate \{-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n -----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n\}$/],
  [call('genSignedCert', str('svc'), call('list', str('10.0.0.1')), call('list', str('svc.ns')), int(30), call('genCA', str('ca'), int(30))), /^sprig\.certificate \{-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n -----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n\}$/],
  [call('genSelfSignedCert', str('svc'), nil, call('list', str('svc.ns')), int(30)), /^sprig\.certificate \{-----BEGIN CERTIFICATE-----\n[\s\S]+-----END RSA PRIVATE KEY-----\n\}$/],
  [call('now'), /^time\.Time \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? [+-]\d{4} \S+ m=\+\d+\.\d{9}$/],
  [call('dateModify', str('-2h'), call('now')), /^time\.Time \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? [+-]\d{4} \S+ m=[+-]\d+\.\d{9}$/],
  [call('ago', int(0)), /^string \d{6}h\d{1,2}m\d{1,2}s$/],
  [call('ago', call('now')), /^string 0s$/],
  [call('unixEpoch', call('now')), /^string \d{10}$/],
  [call('date', str('2006-01-02'), call('now')), /^string 20\d\d-\d\d-\d\d$/],
  [call('htmlDate', str('not a time')), /^string 20\d\d-\d\d-\d\d$/],
  [call('durationRound', call('now')), /^string 0s$/],
];

test('random and key-generating functions print what Helm prints, by shape', () => {
  const helm = helmLines(helmBinary(), SHAPES.map(([c]) => c));
  SHAPES.forEach(([c, shape], i) => {
    assert.match(helm[i] ?? '', shape, `helm: ${source(c)} -> ${JSON.stringify(helm[i])}`);
    assert.match(skiffLine(c), shape, `skiff: ${source(c)}`);
  });
});

test.run();
