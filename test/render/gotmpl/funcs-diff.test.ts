// Differential test of the Sprig/Helm function library against real Helm
// 3.17.3 and 4.1.4: seeded calls of every deterministic function, each
// printed as "TYPE VALUE" through Go's fmt, compared byte for byte.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { helm4Binary, helmBinary } from '../../support/helm.js';
import { generate } from './funcs-cases.js';
import { bool, call, field, flt, helmLines, int, nil, skiffLine, source, str, type Call } from './funcs-oracle.js';

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

/** True when a call has a float constant anywhere in its arguments. */
function hasFloat(c: Call): boolean {
  return c.args.some((a) => ('fn' in a ? hasFloat(a) : 'f' in a));
}

test('every deterministic function prints what Helm 4.1.4 prints', () => {
  // Two libraries changed between Helm 3.17 and 4.1, and skiff follows 3.17 (documented in
  // docs/chart-reference.md): BurntSushi/toml 1.6 writes floats as %g (1e+06, 3.17: 1000000.0),
  // and Masterminds/semver 3.4 lets a prerelease version match every constraint of a group that
  // has one prerelease constraint. Those calls are compared against Helm 3 only.
  const prerelease = (c: Call) => c.fn === 'semverCompare' && /-/.test(source(c.args[1]!));
  const calls = generate(SEED + 1, Math.max(2, PER_FUNCTION >> 1)).filter((c) => !(c.fn === 'toToml' && hasFloat(c)) && !prerelease(c));
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
  [call('genCAWithKey', str('ca'), int(3), call('genPrivateKey', str('ecdsa'))), /^sprig\.certificate \{-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n -----BEGIN EC PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END EC PRIVATE KEY-----\n\}$/],
  [call('genSelfSignedCertWithKey', str('s'), call('list', str('10.1.2.3')), nil, int(3), call('genPrivateKey', str('ecdsa'))), /^sprig\.certificate \{-----BEGIN CERTIFICATE-----\n[\s\S]+-----END EC PRIVATE KEY-----\n\}$/],
  [call('genSignedCertWithKey', str('s'), nil, call('list', str('a.b')), int(3), call('genCA', str('ca'), int(3)), call('genPrivateKey', str('ed25519'))), /^sprig\.certificate \{-----BEGIN CERTIFICATE-----\n[\s\S]+-----END PRIVATE KEY-----\n\}$/],
  [call('buildCustomCert', call('b64enc', field(call('genCA', str('x'), int(2)), 'Cert')), call('b64enc', field(call('genCA', str('y'), int(2)), 'Key'))), /^sprig\.certificate \{-----BEGIN CERTIFICATE-----\n[\s\S]+-----END RSA PRIVATE KEY-----\n\}$/],
  [call('getHostByName', str('localhost')), /^string $/],
  [call('lookup', str('v1'), str('Pod'), str('ns'), str('x')), /^map\[string\]interface \{\} map\[\]$/],
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

/** Calls that fail in Helm: the error text after "error calling NAME: " must be Helm's. */
const FAILING: Call[] = [
  call('first', int(1)), call('mustFirst', str('x')), call('last', nil), call('rest', call('dict')), call('initial', flt(1)),
  call('append', int(1), int(2)), call('prepend', str('s'), int(2)), call('reverse', bool(true)), call('uniq', int(3)),
  call('without', str('a'), str('a')), call('has', int(1), str('abc')), call('compact', int(0)), call('chunk', int(0), call('list', int(1))),
  call('slice', call('list', int(1), int(2)), int(1), int(5)), call('slice', str('abc'), int(1)), call('concat', call('list'), int(1)),
  call('set', nil, str('a'), int(1)), call('dig', str('a'), str('d')), call('dig', str('a'), str('b'), str('d'), call('dict', str('a'), int(1))),
  call('deepCopy', nil), call('div', int(1), int(0)), call('mod', int(1), str('0')), call('divf', int(1), int(0)), call('randInt', int(5), int(5)),
  call('repeat', int(-1), str('x')), call('substr', int(5), int(2), str('abc')), call('indent', int(-2), str('x')),
  call('regexFind', str('('), str('a')), call('regexFindAll', str('a**'), str('a'), int(-1)), call('regexReplaceAll', str('\\1'), str('a'), str('')),
  call('regexSplit', str('(?=a)'), str('a'), int(-1)), call('mustRegexFind', str('[a'), str('a')), call('mustRegexMatch', str('a{2,1}'), str('a')),
  call('mustRegexReplaceAll', str('x)'), str('a'), str('')), call('mustRegexReplaceAllLiteral', str('*'), str('a'), str('')), call('mustRegexSplit', str('\\pX'), str('a'), int(-1)),
  call('regexFind', str('\\Z'), str('a')),
  call('semverCompare', str('>=1.0'), str('x.y')), call('semverCompare', str('>>1'), str('1.0.0')), call('semver', str('1.2.3.4')), call('semver', str('1.2.3-01')),
  call('mustFromJson', str('{x}')), call('mustFromJson', str('')), call('mustToDate', str('2006-01-02'), str('2024-13-01')), call('mustToDate', str('2006-01-02'), str('x')),
  call('mustDateModify', str('1d'), call('now')), call('mustDateModify', str('1'), call('now')), call('urlParse', str('http://[::1')), call('urlParse', str(':x')),
  call('urlJoin', call('dict', str('host'), int(1))), call('fail', str('boom')), call('required', str('need it'), nil), call('required', str('empty'), str('')), call('mustRegexFind', str('a+*?'), str('a')), call('urlParse', str('http://h:x/')),
];

test('failing calls fail with Helm\'s error text', () => {
  const helm = helmLines(helmBinary(), FAILING);
  const diffs: string[] = [];
  FAILING.forEach((c, i) => {
    let ours: string;
    try {
      ours = `(no error) ${skiffLine(c)}`;
    } catch (e) {
      ours = `ERROR ${(e as Error).message}`;
    }
    if (ours !== helm[i]) diffs.push(`${source(c)}\n  helm:  ${JSON.stringify(helm[i])}\n  skiff: ${JSON.stringify(ours)}`);
  });
  assert.is(diffs.length, 0, diffs.join('\n'));
});

test.run();
