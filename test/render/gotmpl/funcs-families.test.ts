// What the function library gives for the cases users meet most, family by
// family, without running Helm: each expectation was printed by Helm 3.17.3
// for the same call (the differential test in funcs-diff.test.ts keeps
// checking the whole library against live Helm). A call prints as
// "GO-TYPE VALUE", as `printf "%s %v" (typeOf $r) $r` does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { call, flt, int, skiffLine, source, str, type Call } from './funcs-oracle.js';
import { FUNCS } from '../../../src/render/gotmpl/funcs.js';

const CASES: [Call, string][] = [
  [call("add", int(1), flt(2.9), str("3")), "int64 6"],
  [call("addf", flt(0.1), flt(0.2)), "float64 0.3"],
  [call("div", int(7), int(2)), "int64 3"],
  [call("until", int(3)), "[]int [0 1 2]"],
  [call("max", int(1), str("7"), flt(3.5)), "int64 7"],
  [call("round", flt(2.675), int(2)), "float64 2.68"],
  [call("int", str("0x1F")), "int 31"],
  [call("atoi", str("12abc")), "int 0"],
  [call("float64", str("1e3")), "float64 1000"],
  [call("toDecimal", str("0777")), "int64 511"],
  [call("seq", int(5), int(1)), "string 5 4 3 2 1"],
  [call("mergeOverwrite", call("dict", str("a"), str("x"), str("b"), call("dict", str("c"), int(1))), call("dict", str("a"), str(""), str("b"), call("dict", str("d"), int(2)))), "map[string]interface {} map[a: b:map[c:1 d:2]]"],
  [call("merge", call("dict", str("a"), str(""), str("l"), call("list", int(1))), call("dict", str("a"), str("y"), str("l"), call("list", int(2)))), "map[string]interface {} map[a:y l:[1]]"],
  [call("toYaml", call("dict", str("a10"), flt(1234567.5), str("a2"), int(1), str("b"), str("yes"))), "string a2: 1\na10: 1.2345675e+06\nb: \"yes\""],
  [call("toJson", call("dict", str("x"), str("<&>"), str("n"), flt(1e+21))), "string {\"n\":1e+21,\"x\":\"\\u003c\\u0026\\u003e\"}"],
  [call("fromYaml", str("a: 1\nb: on\nc: 0777")), "map[string]interface {} map[a:1 b:true c:511]"],
  [call("regexReplaceAll", str("(\\w+)@(\\w+)"), str("me@host you@there"), str("$2:${1}")), "string host:me there:you"],
  [call("regexFindAll", str("a*"), str("baaac"), int(-1)), "[]string [ aaa ]"],
  [call("semverCompare", str(">=1.19-0"), str("v1.32.0")), "bool true"],
  [call("semverCompare", str("^1.2.0"), str("1.3.0-beta")), "bool false"],
  [call("semverCompare", str("~1.2"), str("1.2.9")), "bool true"],
  [call("trunc", int(-3), str("abcdef")), "string def"],
  [call("abbrev", int(5), str("hello world")), "string he..."],
  [call("wrap", int(5), str("the quick brown fox")), "string the\nquick\nbrown\nfox"],
  [call("camelcase", str("http_server")), "string HttpServer"],
  [call("snakecase", str("HTTPServer2xx")), "string http_server_2xx"],
  [call("date", str("2006-01-02T15:04:05Z07:00"), int(0)), "string 1970-01-01T00:00:00Z"],
  [call("duration", str("3725")), "string 1h2m5s"],
  [call("dateInZone", str("Mon Jan 2 15:04 MST 2006"), int(1700000000), str("Europe/Paris")), "string Tue Nov 14 23:13 CET 2023"],
  [call("typeOf", call("splitList", str(","), str("a,b"))), "string []string"],
  [call("kindOf", call("dict")), "string map"],
  [call("deepEqual", call("list", int(1)), call("list", flt(1))), "bool false"],
  [call("empty", call("dict")), "bool true"],
  [call("default", str("d"), int(0)), "string d"],
  [call("urlParse", str("https://u@h:1/p?q#f")), "map[string]interface {} map[fragment:f host:h:1 hostname:h opaque: path:/p query:q scheme:https userinfo:u]"],
  [call("base", str("/a/b.tar.gz")), "string b.tar.gz"],
  [call("ext", str("/a/b.tar.gz")), "string .gz"],
  [call("clean", str("a/../../b/./c/")), "string ../b/c"],
  [call("b64dec", str("aGk")), "string illegal base64 data at input byte 0"],
];

test('results have Helm\'s Go types and values (math, conversions, dicts, yaml/json, regex, semver, strings, dates, reflection, urls, paths)', () => {
  for (const [c, expected] of CASES) assert.is(skiffLine(c), expected, source(c));
});

test('every Sprig v3 function but env/expandenv is present, and Helm\'s own', () => {
  const sprigAndHelm = ['abbrev', 'abbrevboth', 'add', 'add1', 'add1f', 'addf', 'adler32sum', 'ago', 'all', 'any', 'append', 'atoi', 'b32dec', 'b32enc', 'b64dec', 'b64enc', 'base', 'bcrypt', 'biggest', 'buildCustomCert', 'camelcase', 'cat', 'ceil', 'chunk', 'clean', 'coalesce', 'compact', 'concat', 'contains', 'date', 'dateInZone', 'dateModify', 'date_in_zone', 'date_modify', 'decryptAES', 'deepCopy', 'deepEqual', 'default', 'derivePassword', 'dict', 'dig', 'dir', 'div', 'divf', 'duration', 'durationRound', 'empty', 'encryptAES', 'ext', 'fail', 'first', 'float64', 'floor', 'fromJson', 'genCA', 'genCAWithKey', 'genPrivateKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'get', 'getHostByName', 'has', 'hasKey', 'hasPrefix', 'hasSuffix', 'hello', 'htmlDate', 'htmlDateInZone', 'htpasswd', 'indent', 'initial', 'initials', 'int', 'int64', 'isAbs', 'join', 'kebabcase', 'keys', 'kindIs', 'kindOf', 'last', 'list', 'lower', 'max', 'maxf', 'merge', 'mergeOverwrite', 'min', 'minf', 'mod', 'mul', 'mulf', 'mustAppend', 'mustChunk', 'mustCompact', 'mustDateModify', 'mustDeepCopy', 'mustFirst', 'mustFromJson', 'mustHas', 'mustInitial', 'mustLast', 'mustMerge', 'mustMergeOverwrite', 'mustPrepend', 'mustPush', 'mustRegexFind', 'mustRegexFindAll', 'mustRegexMatch', 'mustRegexReplaceAll', 'mustRegexReplaceAllLiteral', 'mustRegexSplit', 'mustRest', 'mustReverse', 'mustSlice', 'mustToDate', 'mustToJson', 'mustToPrettyJson', 'mustToRawJson', 'mustUniq', 'mustWithout', 'must_date_modify', 'nindent', 'nospace', 'now', 'omit', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs', 'pick', 'pluck', 'plural', 'prepend', 'push', 'quote', 'randAlpha', 'randAlphaNum', 'randAscii', 'randBytes', 'randInt', 'randNumeric', 'regexFind', 'regexFindAll', 'regexMatch', 'regexQuoteMeta', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit', 'repeat', 'replace', 'rest', 'reverse', 'round', 'semver', 'semverCompare', 'seq', 'set', 'sha1sum', 'sha256sum', 'sha512sum', 'shuffle', 'slice', 'snakecase', 'sortAlpha', 'split', 'splitList', 'splitn', 'squote', 'sub', 'subf', 'substr', 'swapcase', 'ternary', 'title', 'toDate', 'toDecimal', 'toJson', 'toPrettyJson', 'toRawJson', 'toString', 'toStrings', 'trim', 'trimAll', 'trimPrefix', 'trimSuffix', 'trimall', 'trunc', 'tuple', 'typeIs', 'typeIsLike', 'typeOf', 'uniq', 'unixEpoch', 'unset', 'until', 'untilStep', 'untitle', 'upper', 'urlJoin', 'urlParse', 'uuidv4', 'values', 'without', 'wrap', 'wrapWith',
    'toToml', 'fromToml', 'toYaml', 'mustToYaml', 'toYamlPretty', 'fromYaml', 'fromYamlArray', 'fromJsonArray', 'required', 'lookup'];
  for (const name of sprigAndHelm) assert.ok(FUNCS[name], `missing ${name}`);
  assert.is(FUNCS.env, undefined);
  assert.is(FUNCS.expandenv, undefined);
  assert.equal((Object.getOwnPropertyDescriptor(FUNCS, 'toString')!.value as { params: string[] }).params, ['interface {}']); // Sprig's toString, not an inherited name
});

test('dict keys from data are plain keys, never prototype writes', () => {
  const d = FUNCS.dict!.call({}, '__proto__', 'x', 'constructor', 'y') as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(d), Object.prototype);
  assert.equal(Object.keys(d).sort(), ['__proto__', 'constructor']);
  const merged = FUNCS.merge!.call({}, {}, d) as Record<string, unknown>;
  assert.is(({} as Record<string, unknown>).x, undefined);
  assert.ok(Object.hasOwn(merged, '__proto__'));
  const fromJson = FUNCS.fromJson!.call({}, '{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
  assert.ok(Object.hasOwn(fromJson, '__proto__'));
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test.run();
