// Generated calls for the differential tests: every deterministic function
// with argument values drawn (seeded) from pools of edge cases.
import { bool, call, flt, int, nil, str, type Arg, type Call } from './funcs-oracle.js';

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '', 'a', 'hello world', 'Hello World', 'foo_bar-baz', 'FooBarBaz', 'HTTPServer2xx', 'some words here ok', '  padded  ', 'line1\nline2\n',
  'é ü ß', 'ÀÉÎ õ', 'tab\there', 'x: y', 'a,b,,c', '123', '-7', '0x1F', '3.25', '1e3', 'true', 'yes', '~', 'null', '<>&"\'', '日本語テキスト',
  'camelCaseString', 'snake_case_string', 'kebab-case-string', 'ALLCAPS', 'a.b.c', '/usr/local/bin/', 'dir/file.tar.gz', '../x/./y//z',
  'The quick brown fox jumps over the lazy dog', 'a long line of words that goes on and on past the eighty column limit of the yaml emitter ok', 'aaa', 'ab ab ab', '$1 ${2}', 'emoji 😀 x', 'Ǆemo', 'İstanbul', '0777', '12.0', '+5', '1_000', '- item', 'key: value', '# hash', 'a #b', '{x}', '[1]', '*star', '&amp', '!tag', '%pct', '@at', '`tick', 'ends:', '? q', 'x\r\ny', 'trailing\n', '\u2028sep', 'NaN', '.inf', '0o17', '0b101', '2001-12-14', '1:20', 'é\u0301', '\ttab', 'a\u00a0b',
];
const INTS = [0, 1, 2, 3, 5, 7, -1, -3, 10, 100, 12345, -9223372036854775808n, 9223372036854775807n];
const FLOATS = [0.5, 1.5, -2.25, 3.0, 1e6, 1234567.5, 0.1, 0.2, 1e-7, 2.5, -0.5, 100.0, 1e21, 0.125];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function scalar(r: () => number): Arg {
  switch (Math.floor(r() * 5)) {
    case 0: return int(pick(r, INTS));
    case 1: return flt(pick(r, FLOATS));
    case 2: return bool(r() < 0.5);
    case 3: return r() < 0.2 ? nil : str(pick(r, STRINGS));
    default: return str(pick(r, STRINGS));
  }
}

function value(r: () => number, depth = 0): Arg {
  const k = r();
  if (depth < 2 && k < 0.15) return call('list', ...Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1)));
  if (depth < 2 && k < 0.25) {
    const kv: Arg[] = [];
    for (let i = Math.floor(r() * 4); i > 0; i--) kv.push(str(pick(r, ['a', 'b', 'c', 'x', 'a10', 'a2', 'B', '1'])), value(r, depth + 1));
    return call('dict', ...kv);
  }
  if (k < 0.3) return call('list', ...Array.from({ length: Math.floor(r() * 4) }, () => str(pick(r, STRINGS))));
  return scalar(r);
}

const s = (r: () => number) => str(pick(r, STRINGS));
const n = (r: () => number, max = 12) => int(Math.floor(r() * max) - 2);
const num = (r: () => number) => (r() < 0.5 ? int(pick(r, INTS.filter((x) => typeof x === 'number'))) : r() < 0.7 ? flt(pick(r, FLOATS)) : str(pick(r, ['12', '3.5', 'x', '0x10', '-4', '7.0', ''])));
const strList = (r: () => number) => call('list', ...Array.from({ length: Math.floor(r() * 5) }, () => s(r)));
const anyList = (r: () => number) => call('list', ...Array.from({ length: Math.floor(r() * 5) }, () => value(r, 1)));

type Gen = (r: () => number) => Arg[];

/** Argument generators by function (deterministic functions only). */
export const GENERATORS: Record<string, Gen> = {
  // strings
  abbrev: (r) => [int(Math.floor(r() * 12)), s(r)],
  abbrevboth: (r) => [int(Math.floor(r() * 8)), int(Math.floor(r() * 12) + 4), s(r)],
  trunc: (r) => [n(r), s(r)],
  trim: (r) => [s(r)], upper: (r) => [s(r)], lower: (r) => [s(r)], title: (r) => [s(r)], untitle: (r) => [s(r)],
  substr: (r) => [int(Math.floor(r() * 4)), int(Math.floor(r() * 6) + 3), str(pick(r, STRINGS.filter((x) => x.length >= 9)))],
  repeat: (r) => [int(Math.floor(r() * 4)), s(r)],
  trimall: (r) => [str(pick(r, [' ', 'a', '$', 'xy'])), s(r)], trimAll: (r) => [str(pick(r, [' ', 'l', '-', 'ab'])), s(r)],
  trimSuffix: (r) => [str(pick(r, ['', 'z', '/', '.gz', 'ok'])), s(r)], trimPrefix: (r) => [str(pick(r, ['', 'a', '/', 'Hello', '-'])), s(r)],
  nospace: (r) => [s(r)], initials: (r) => [s(r)], swapcase: (r) => [s(r)], snakecase: (r) => [s(r)], camelcase: (r) => [s(r)], kebabcase: (r) => [s(r)],
  wrap: (r) => [int(Math.floor(r() * 12) + 1), s(r)], wrapWith: (r) => [int(Math.floor(r() * 10) + 1), str(pick(r, ['\n', '<br>', '|'])), s(r)],
  contains: (r) => [str(pick(r, ['', 'a', 'o', 'lo w'])), s(r)], hasPrefix: (r) => [str(pick(r, ['', 'a', 'He', '/'])), s(r)], hasSuffix: (r) => [str(pick(r, ['', 'z', '\n', 'ok'])), s(r)],
  quote: (r) => Array.from({ length: Math.floor(r() * 3) + 1 }, () => value(r, 1)), squote: (r) => Array.from({ length: Math.floor(r() * 3) + 1 }, () => value(r, 1)),
  cat: (r) => Array.from({ length: Math.floor(r() * 4) }, () => value(r, 1)),
  indent: (r) => [int(Math.floor(r() * 5)), s(r)], nindent: (r) => [int(Math.floor(r() * 5)), s(r)],
  replace: (r) => [str(pick(r, ['', 'a', ' ', 'o'])), str(pick(r, ['', '-', 'XX'])), s(r)],
  plural: (r) => [str('one'), str('many'), n(r, 4)], toString: (r: () => number) => [value(r)],
  split: (r) => [str(pick(r, [',', ' ', '', '/'])), s(r)], splitn: (r) => [str(pick(r, [',', ' ', '/', ''])), n(r, 5), s(r)],
  splitList: (r) => [str(pick(r, [',', ' ', '', '.'])), s(r)], toStrings: (r) => [value(r)], join: (r) => [str(pick(r, [',', ' ', ''])), value(r)],
  sortAlpha: (r) => [r() < 0.8 ? strList(r) : value(r)],
  // lists
  list: (r) => Array.from({ length: Math.floor(r() * 4) }, () => value(r, 1)), tuple: (r) => [value(r, 1), value(r, 1)],
  append: (r) => [anyList(r), value(r, 1)], push: (r) => [anyList(r), value(r, 1)], prepend: (r) => [anyList(r), value(r, 1)],
  mustAppend: (r) => [anyList(r), value(r, 1)], mustPush: (r) => [anyList(r), value(r, 1)], mustPrepend: (r) => [anyList(r), value(r, 1)],
  first: (r) => [anyList(r)], mustFirst: (r) => [anyList(r)], last: (r) => [anyList(r)], mustLast: (r) => [anyList(r)],
  rest: (r) => [anyList(r)], mustRest: (r) => [anyList(r)], initial: (r) => [anyList(r)], mustInitial: (r) => [anyList(r)],
  reverse: (r) => [anyList(r)], mustReverse: (r) => [anyList(r)], compact: (r) => [anyList(r)], mustCompact: (r) => [anyList(r)],
  uniq: (r) => [call('list', value(r, 1), str('a'), str('a'), int(1), int(1), flt(1))], mustUniq: (r) => [anyList(r)],
  without: (r) => [call('list', str('a'), str('b'), int(1), value(r, 1)), str('a'), int(1)], mustWithout: (r) => [anyList(r), value(r, 1)],
  has: (r) => [pick(r, [str('a'), int(1), flt(1)]), call('list', str('a'), int(1), value(r, 1))], mustHas: (r) => [value(r, 1), anyList(r)],
  slice: (r) => [call('list', int(1), int(2), int(3), int(4)), int(Math.floor(r() * 2)), int(Math.floor(r() * 3) + 2)],
  mustSlice: (r) => [call('list', str('a'), str('b'), str('c')), int(Math.floor(r() * 2))],
  chunk: (r) => [int(Math.floor(r() * 3) + 1), anyList(r)], mustChunk: (r) => [int(Math.floor(r() * 3) + 1), anyList(r)],
  concat: (r) => [anyList(r), anyList(r), strList(r)],
  // dicts
  dict: (r) => Array.from({ length: Math.floor(r() * 5) }, (_v, i) => (i % 2 === 0 ? s(r) : value(r, 1))),
  get: (r) => [call('dict', str('a'), value(r, 1), str('b'), int(2)), str(pick(r, ['a', 'b', 'z']))],
  set: (r) => [call('dict', str('a'), int(1)), str(pick(r, ['a', 'b'])), value(r, 1)],
  unset: (r) => [call('dict', str('a'), int(1), str('b'), int(2)), str(pick(r, ['a', 'z']))],
  hasKey: (r) => [call('dict', str('a'), nil), str(pick(r, ['a', 'b']))],
  pluck: (r) => [str('a'), call('dict', str('a'), value(r, 1)), call('dict', str('b'), int(1)), call('dict', str('a'), str('second'))],
  keys: (r) => [call('dict', str('b'), int(1), str('a10'), int(2), str('a2'), int(3)), call('dict', str('x'), value(r, 1))],
  values: (r) => [call('dict', str('b'), value(r, 1), str('a'), int(2))],
  pick: (r) => [call('dict', str('a'), int(1), str('b'), value(r, 1), str('c'), int(3)), str('a'), str(pick(r, ['b', 'z']))],
  omit: (r) => [call('dict', str('a'), int(1), str('b'), value(r, 1), str('c'), int(3)), str('a'), str(pick(r, ['b', 'z']))],
  merge: (r) => [mergeDict(r), mergeDict(r), mergeDict(r)], mustMerge: (r) => [mergeDict(r), mergeDict(r)],
  mergeOverwrite: (r) => [mergeDict(r), mergeDict(r), mergeDict(r)], mustMergeOverwrite: (r) => [mergeDict(r), mergeDict(r)],
  deepCopy: (r) => [value(r)], mustDeepCopy: (r) => [value(r)],
  dig: (r) => [str('a'), str(pick(r, ['b', 'z'])), str('dflt'), call('dict', str('a'), call('dict', str('b'), value(r, 1)))],
  // flow
  default: (r) => [str('dflt'), value(r)], empty: (r) => [value(r)], coalesce: (r) => [value(r), value(r), value(r)],
  all: (r) => [value(r), value(r)], any: (r) => [value(r), value(r)], ternary: (r) => [value(r, 1), value(r, 1), bool(r() < 0.5)],
  required: (r) => [str('must'), pick(r, [str('x'), int(0), call('list'), bool(false)])],
  // math
  add1: (r) => [num(r)], add: (r) => [num(r), num(r), num(r)], sub: (r) => [num(r), num(r)], mul: (r) => [num(r), num(r)],
  div: (r) => [num(r), int(pick(r, [1, 2, 3, -2, 7]))], mod: (r) => [num(r), int(pick(r, [1, 2, 3, -2, 7]))],
  max: (r) => [num(r), num(r), num(r)], biggest: (r) => [num(r), num(r)], min: (r) => [num(r), num(r), num(r)],
  maxf: (r) => [num(r), num(r)], minf: (r) => [num(r), num(r)], add1f: (r) => [num(r)], addf: (r) => [num(r), num(r), num(r)],
  subf: (r) => [num(r), num(r)], mulf: (r) => [num(r), num(r)], divf: (r) => [num(r), pick(r, [int(3), flt(0.5), int(7), str('4')])],
  floor: (r) => [num(r)], ceil: (r) => [num(r)], round: (r) => [flt(pick(r, FLOATS)), int(Math.floor(r() * 3))],
  until: (r) => [n(r, 8)], untilStep: (r) => [n(r, 6), n(r, 12), int(pick(r, [1, 2, -1, 3, 0]))], seq: (r) => Array.from({ length: Math.floor(r() * 3) + 1 }, () => n(r, 8)),
  atoi: (r) => [str(pick(r, ['12', '-3', 'x', '', '0x10', '99999999999999999999', '+4', '1_0']))],
  int: (r) => [value(r)], int64: (r) => [value(r)], float64: (r) => [value(r)], toDecimal: (r) => [pick(r, [str('0777'), str('777'), int(644), str('9'), str('-17'), value(r)])],
  // reflection
  typeOf: (r) => [value(r)], kindOf: (r) => [value(r)], typeIs: (r) => [str(pick(r, ['string', 'int', 'float64', '[]interface {}'])), value(r)],
  typeIsLike: (r) => [str(pick(r, ['string', 'int', 'map[string]interface {}'])), value(r)], kindIs: (r) => [str(pick(r, ['string', 'int', 'slice', 'map', 'invalid'])), value(r)],
  deepEqual: (r) => { const v = value(r); return [v, r() < 0.5 ? v : value(r)]; },
  // encoding
  b64enc: (r) => [s(r)], b64dec: (r) => [str(pick(r, ['aGVsbG8=', 'aGVsbG8', 'aGk=', '!!', 'YQ==YQ==', '', 'aGVsbG8gd29ybGQ='])), ],
  b32enc: (r) => [s(r)], b32dec: (r) => [str(pick(r, ['NBSWY3DP', 'NBSWY3D', 'MFRGG===', '', 'mfrgg===', 'ME======']))],
  sha1sum: (r) => [s(r)], sha256sum: (r) => [s(r)], sha512sum: (r) => [s(r)], adler32sum: (r) => [s(r)],
  // paths
  base: (r) => [s(r)], dir: (r) => [s(r)], clean: (r) => [s(r)], ext: (r) => [s(r)], isAbs: (r) => [s(r)],
  osBase: (r) => [s(r)], osDir: (r) => [s(r)], osClean: (r) => [s(r)], osExt: (r) => [s(r)], osIsAbs: (r) => [s(r)],
  // regex
  regexMatch: (r) => [str(pick(r, REGEXES)), s(r)], mustRegexMatch: (r) => [str(pick(r, REGEXES)), s(r)],
  regexFind: (r) => [str(pick(r, REGEXES)), s(r)], mustRegexFind: (r) => [str(pick(r, REGEXES)), s(r)],
  regexFindAll: (r) => [str(pick(r, REGEXES)), s(r), int(pick(r, [-1, 0, 1, 2]))], mustRegexFindAll: (r) => [str(pick(r, REGEXES)), s(r), int(-1)],
  regexReplaceAll: (r) => [str(pick(r, REGEXES)), s(r), str(pick(r, ['X', '$1', '${1}x', '$1x', '[$0]', '$$', '$name', '${name}']))],
  mustRegexReplaceAll: (r) => [str(pick(r, REGEXES)), s(r), str('<$0>')],
  regexReplaceAllLiteral: (r) => [str(pick(r, REGEXES)), s(r), str('$1')], mustRegexReplaceAllLiteral: (r) => [str(pick(r, REGEXES)), s(r), str('-')],
  regexSplit: (r) => [str(pick(r, REGEXES)), s(r), int(pick(r, [-1, 0, 1, 2, 3]))], mustRegexSplit: (r) => [str(pick(r, REGEXES)), s(r), int(-1)],
  regexQuoteMeta: (r) => [s(r)],
  // helm / json
  toYaml: (r) => [value(r)], mustToYaml: (r) => [value(r)], toYamlPretty: (r) => [value(r)], toJson: (r) => [value(r)], mustToJson: (r) => [value(r)],
  toPrettyJson: (r) => [value(r)], mustToPrettyJson: (r) => [value(r)], toRawJson: (r) => [value(r)], mustToRawJson: (r) => [value(r)],
  fromYaml: (r) => [str(pick(r, YAML_DOCS))], fromYamlArray: (r) => [str(pick(r, YAML_DOCS))],
  fromJson: (r) => [str(pick(r, JSON_DOCS))], fromJsonArray: (r) => [str(pick(r, JSON_DOCS))], mustFromJson: (r) => [str(pick(r, JSON_DOCS.filter((d) => d !== '' && !d.startsWith('{x'))))],
  // semver
  semverCompare: (r) => [str(pick(r, CONSTRAINTS)), str(pick(r, VERSIONS))],
  semver: (r) => [str(pick(r, VERSIONS.filter((v) => !/^v?1\.2\.3-01|x/.test(v))))],
  // crypto (deterministic ones)
  derivePassword: (r) => [int(pick(r, [1, 2])), str(pick(r, ['long', 'pin', 'basic', 'maximum', 'nope'])), str('secret'), str('user'), str(pick(r, ['example.com', 'x']))],
  // dates (fixed instants; the zone of "date" is the process's, the same for both)
  date: (r) => [str(pick(r, LAYOUTS)), int(pick(r, INSTANTS))],
  dateInZone: (r) => [str(pick(r, LAYOUTS)), int(pick(r, INSTANTS)), str(pick(r, ZONES))],
  date_in_zone: (r) => [str(pick(r, LAYOUTS)), int(pick(r, INSTANTS)), str(pick(r, ZONES))],
  htmlDate: (r) => [int(pick(r, INSTANTS))], htmlDateInZone: (r) => [int(pick(r, INSTANTS)), str(pick(r, ZONES))],
  toDate: (r) => pick(r, DATE_INPUTS).map((x) => str(x)), mustToDate: (r) => pick(r, DATE_INPUTS.slice(0, 6)).map((x) => str(x)),
  dateModify: (r) => [str(pick(r, DURATIONS)), call('toDate', str('2006-01-02 15:04'), str('2024-02-28 23:30'))],
  date_modify: (r) => [str(pick(r, DURATIONS)), call('toDate', str('2006-01-02'), str('2024-01-31'))],
  mustDateModify: (r) => [str(pick(r, DURATIONS.filter((d) => !['x', '1', ''].includes(d)))), call('toDate', str('2006-01-02'), str('2000-01-01'))],
  must_date_modify: (r) => [str(pick(r, ['1h', '-1s'])), call('toDate', str('2006-01-02'), str('2000-01-01'))],
  unixEpoch: (r) => [call('toDate', str('2006-01-02T15:04:05Z07:00'), str(pick(r, ['2024-05-06T07:08:09Z', '1969-12-31T23:59:59+02:00', '2001-09-09T01:46:40-05:30'])))],
  duration: (r) => [pick(r, [str('3700'), str('59'), str('0'), str('x'), str('86400'), int(90), int(-5)])],
  durationRound: (r) => [pick(r, [str('2h30m'), str('26h'), str('1.5s'), str('400ms'), str('800h'), str('9000h'), str('x'), int(5), str('-3m')])],
  // urls
  urlParse: (r) => [str(pick(r, URLS))],
  urlJoin: (r) => [call('dict', ...pick(r, URL_PARTS).flatMap(([k, v]) => [str(k), str(v)]))],
  hello: () => [],
  fromToml: (r) => [str(pick(r, TOML_DOCS))],
  toToml: (r) => [call('dict', str('a'), value(r, 1), str('t'), call('dict', str('k'), value(r, 2)))],
};

const VERSIONS = ['1.2.3', 'v1.2.3', '1.2', '1', '1.2.3-beta.1', '1.2.3-alpha', '2.0.0', '0.1.0', '0.0.3', 'v1.32.0', 'v1.19.0-gke.1', '1.2.3+build.5', '1.10.0', '1.2.3-rc.10', '1.2.3-rc.9'];
const CONSTRAINTS = ['>=1.2.0', '>= 1.19-0', '<2.0.0', '^1.2.0', '~1.2.0', '~1', '1.2.x', '*', '>1.2', '<=1.2', '!=1.2.3', '1.2.3 - 2.0.0', '>=1.0, <2.0', '>=2.0 || <1.2', '^0.1.0', '^0.0.3', '=1.2.3', '>1.2.3-alpha', '~0.1', '>= 1.13-0 < 1.20-0', '^1.x', '!=1.2'];
const LAYOUTS = ['2006-01-02', '2006-01-02T15:04:05Z07:00', 'Jan 2, 2006 at 3:04pm (MST)', 'Monday January _2 15:04:05 2006', '02/01/06 03:04:05.000 PM -0700', '.999 __2 002 Z0700', '20060102150405', 'Mon Jan 2 15:04:05 MST 2006'];
const INSTANTS = [0, 1700000000, 951782400, -86400, 1234567890, 2147483647];
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Local', 'Nope/Zone', ''];
const DATE_INPUTS = [['2006-01-02', '2024-03-05'], ['2006-01-02T15:04:05Z07:00', '2024-03-05T10:11:12+01:00'], ['02 Jan 06 15:04 MST', '05 Mar 24 10:11 UTC'], ['2006-01-02 15:04:05.000', '2024-03-05 10:11:12.345'], ['Jan _2 2006', 'Mar  5 2024'], ['2006-01-02', '2024-02-30'], ['2006-01-02', 'nope'], ['15:04', '25:00'], ['2006-01-02', '2024-03-05 extra']];
const DURATIONS = ['1h', '-30m', '1h30m', '1.5h', '90s', '100ms', '2h45m10s', 'x', '1', '', '+5m', '1µs', '1d'];
const URLS = ['https://user:pa%20ss@example.com:8080/p/a%20th?q=1&b=2#frag%20x', 'http://h', 'mailto:a@b.c', '/rel/path?x', 'h.io/x', 'HTTPS://Up.Case/', 'http://[::1]:80/x', 'file:///etc/hosts', '//host/x', 'a b', 'http://x/y?', '', 'http://u@h/'];
const URL_PARTS: [string, string][][] = [[['scheme', 'https'], ['host', 'h.io'], ['path', '/a b'], ['query', 'x=1'], ['fragment', 'f g'], ['userinfo', 'u:p']], [['host', 'h'], ['path', 'rel']], [['scheme', 'mailto'], ['opaque', 'a@b.c']], [['path', 'a:b/c']], [['scheme', 'http'], ['host', 'h'], ['userinfo', 'u s:p@x']], [['path', '/ü?#%']]];
const TOML_DOCS = ['a = 1', 'a = 1.5\nb = "x"\n[t]\nk = [1, 2, 3]', '[[p]]\nn = 1\n[[p]]\nn = 2', 'x = 0xff\ny = 1_000\nz = -0.5e3', "s = 'lit'\nm = \"\"\"\nmulti\nline\"\"\"", 'i = {a = 1, b = {c = true}}', 'd = 1979-05-27T07:32:00Z', 'bad', 'a = 1\na = 2', '[t]\n[t]', 'a.b.c = "dotted"', '"quoted key" = 3', 'e = inf\nf = nan', '', 'arr = [\n  1,\n  2, # c\n]'];
const REGEXES = ['(?m)^\\w+$', '(?U)a+', '[\\d-]+', '\\Qa.b\\E', '^$', 'a{2,}', '(?i:H)ello', '[^\\s]+', '\\x41', '(a|ab)(c|bcd)', '\\p{Greek}', '[\\p{Lu}]', '.*?o', '\\B', '(?:a|b)+?', 'a', 'a+', '[a-z]+', '^h', 'o$', '(\\w+) (\\w+)', '(?P<name>[A-Z])', '(?i)HELLO', '\\d+', '\\s', '.', 'x*', '[[:alpha:]]+', '\\pL+', 'a|b', '(?s)1.l', '\\bw', '[^a-z]', 'é', '(a)(b)?'];
const YAML_DOCS = ['a: 1', 'a: 1.5\nb: [1, 2]', '- x\n- y', 'on: yes\noff: n', 'k: 0777', 'a: 2001-12-14', '', 'x', 'a: {b: c}', 'a: b: c', '1: one\ntrue: t', 'a: 1e6\nb: 12345678901234567890', '{a: [1, {b: null}]}'];
const JSON_DOCS = ['{"a":1}', '{"a":[1,2.5,"x",null,true]}', '[1,2]', '"s"', '', '{x}', 'null', '{"a":1e6}', '[{"a":{}}]', '12'];

function mergeDict(r: () => number): Arg {
  const kv: Arg[] = [];
  for (const k of ['a', 'b', 'c']) {
    if (r() < 0.6) kv.push(str(k), pick(r, [int(1), str(''), str('x'), nil, int(0), bool(false), call('list', int(9)), call('list'), call('dict', str('n'), int(1)), call('dict')]));
  }
  return call('dict', ...kv);
}

/** `count` calls per function, seeded. */
export function generate(seed: number, count: number, only?: (name: string) => boolean): Call[] {
  const r = rng(seed);
  const out: Call[] = [];
  for (const [name, gen] of Object.entries(GENERATORS)) {
    if (only && !only(name)) continue;
    for (let i = 0; i < count; i++) out.push(call(name, ...gen(r)));
  }
  return out;
}
