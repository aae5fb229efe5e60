// YAML and JSON text the way Helm's toYaml/toJson write it: sigs.k8s.io/yaml
// (go-yaml v2 emitter: sorted keys, sequences not indented under their key,
// YAML 1.1 look-alikes double-quoted, indicator-led strings single-quoted,
// multi-line strings as literal blocks, plain scalars folded past column 80)
// and encoding/json (sorted keys, HTML-escaped).

const BEST_WIDTH = 80;

// go-yaml v2's resolve(): what a plain scalar would read back as. A string is
// quoted exactly when this says it would not read back as a string.
const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const GO_INT = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TS_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TS_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeds. */
function goParsesAsInt(s: string): boolean {
  if (!GO_INT.test(s)) return false;
  const neg = s.startsWith('-');
  let body = s.replace(/^[+-]/, '');
  if (/^0[oO]/.test(body)) body = '0o' + body.slice(2);
  else if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  const v = BigInt(body) * (neg ? -1n : 1n);
  return v >= INT64_MIN && v <= UINT64_MAX && !(s.startsWith('+') && v > 2n ** 63n - 1n);
}

/** go-yaml v2's parseTimestamp: YYYY-M-D, optionally with a time, and a real calendar date. */
function goParsesAsTimestamp(s: string): boolean {
  const m = TS_DATE.exec(s) ?? TS_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  const h = Number(m[4] ?? m[7] ?? 0);
  const mi = Number(m[5] ?? m[8] ?? 0);
  const se = Number(m[6] ?? m[9] ?? 0);
  return h < 24 && mi < 60 && se < 60;
}

/** True when the plain form of `s` would read back as something other than a string (go-yaml v2's resolve). */
function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s) || BASE60_FLOAT.test(s)) return true;
  const c = s.charCodeAt(0);
  if (c === 0x2e /* . */) return DOT_FLOAT.test(s);
  const digit = c >= 0x30 && c <= 0x39;
  if (!digit && c !== 0x2b && c !== 0x2d) return false;
  if (goParsesAsTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  if (goParsesAsInt(plain)) return true;
  if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
  return /^-0[bB][01]+$/.test(plain);
}

interface Analysis {
  multiline: boolean;
  plainAllowed: boolean;
  singleAllowed: boolean;
  blockAllowed: boolean;
}

// go-yaml's is_printable: tabs, carriage returns, NEL and characters outside
// the Basic Multilingual Plane count as special and force double quotes.
function isPrintable(c: number): boolean {
  return c === 0xa || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

// A transcription of libyaml's yaml_emitter_analyze_scalar for block context.
function analyze(s: string): Analysis {
  if (s === '') return { multiline: false, plainAllowed: false, singleAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) { blockIndicators = true; flowIndicators = true; }
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const c = ch.codePointAt(0)!;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) { flowIndicators = true; blockIndicators = true; }
      if (ch === '?' || ch === ':') { flowIndicators = true; if (followedByWhitespace) blockIndicators = true; }
      if (ch === '-' && followedByWhitespace) { flowIndicators = true; blockIndicators = true; }
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') { flowIndicators = true; if (followedByWhitespace) blockIndicators = true; }
      if (ch === '#' && precededByWhitespace) { flowIndicators = true; blockIndicators = true; }
    }
    if (!isPrintable(c)) special = true;
    const isBreak = ch === '\n' || ch === '\r' || c === 0x85 || c === 0x2028 || c === 0x2029;
    if (isBreak) lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak;
  }
  let plainAllowed = true;
  let singleAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) { plainAllowed = false; singleAllowed = false; }
  if (spaceBreak || special) { plainAllowed = false; singleAllowed = false; blockAllowed = false; }
  if (lineBreaks) plainAllowed = false;
  if (blockIndicators) plainAllowed = false;
  void flowIndicators;
  return { multiline: lineBreaks, plainAllowed, singleAllowed, blockAllowed };
}

// Writes `text` breaking at single spaces once past the best width, as the
// go-yaml emitter does for plain and single-quoted scalars.
function fold(text: string, startColumn: number, indent: number): string {
  // toYamlPretty's encoder (go-yaml v3) does not fold.
  if (pretty) return text;
  let out = '';
  let column = startColumn;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && column > BEST_WIDTH && i > 0 && text[i - 1] !== ' ' && i + 1 < text.length && text[i + 1] !== ' ') {
      out += '\n' + ' '.repeat(indent);
      column = indent;
      continue;
    }
    out += ch;
    column++;
  }
  return out;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 0) out += '\\0';
    else if (c === 0x7) out += '\\a';
    else if (c === 0x8) out += '\\b';
    else if (c === 0xb) out += '\\v';
    else if (c === 0xc) out += '\\f';
    else if (c === 0x1b) out += '\\e';
    else if (c === 0x85) out += '\\N';
    else if (c === 0xa0) out += '\\_';
    else if (c === 0x2028) out += '\\L';
    else if (c === 0x2029) out += '\\P';
    else if (!isPrintable(c) || c === 0xfeff) out += c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : c <= 0xffff ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function literal(s: string, indent: number): string {
  let chomp = '-';
  if (s.endsWith('\n')) chomp = /\n\n$/.test(s) || s === '\n' ? '+' : '';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  let body = s;
  if (chomp === '') body = s.slice(0, -1);
  else if (chomp === '+') body = s.slice(0, -1);
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  return `|${indicator}${chomp}\n${lines.join('\n')}`;
}

/** A scalar string in go-yaml's chosen style. `column` is where it starts, `indent` the continuation indent. */
// Strings of word characters with single inner spaces: libyaml's analysis
// always allows them plain, so it is skipped for them (most keys and values).
const PLAIN_SAFE = /^[A-Za-z0-9_](?:[A-Za-z0-9_./ -]*[A-Za-z0-9_./-])?$/;

function scalar(s: string, column: number, indent: number, simpleKey: boolean): string {
  if (resolvesToNonString(s)) return doubleQuoted(s);
  if (PLAIN_SAFE.test(s)) return simpleKey || pretty || column + s.length <= BEST_WIDTH || !s.includes(' ') ? s : fold(s, column, indent);
  const a = analyze(s);
  if (a.multiline && !simpleKey) return a.blockAllowed ? literal(s, indent) : doubleQuoted(s);
  if (a.multiline) return doubleQuoted(s);
  if (a.plainAllowed) return simpleKey ? s : fold(s, column, indent);
  if (a.singleAllowed) return simpleKey ? `'${s.replace(/'/g, "''")}'` : fold(`'${s.replace(/'/g, "''")}'`, column, indent);
  return doubleQuoted(s);
}

// toYamlPretty (go-yaml v3 encoder, indent 2) marshals the value directly:
// floats stay floats and sequences are indented under their key.
let pretty = false;

function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  // sigs.k8s.io/yaml goes through JSON: an integral value in int64/uint64 range
  // comes back as an integer; anything else is a float64 written by
  // strconv.FormatFloat(f, 'g', -1, 64).
  // The JSON text is Go's shortest digits padded with zeros (as JS writes it),
  // so 2^62 comes back as 4611686018427388000 and -2^63 as a float.
  if (!pretty && Number.isInteger(n) && Math.abs(n) < 1e21) {
    const text = Object.is(n, -0) ? '0' : String(n);
    const v = BigInt(text);
    if (v >= -9223372036854775808n && v <= 18446744073709551615n) return text;
  }
  return formatG(n);
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form when exp < -4 || exp >= 21. */
export function formatG(n: number): string {
  if (Object.is(n, -0)) return '-0';
  const [m, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

const ASCII_TEXT = /^[\x00-\x7f]*$/;

function isDigit(c: string): boolean {
  const x = c.charCodeAt(0);
  return x < 0x80 ? x >= 48 && x <= 57 : /^\p{Nd}$/u.test(c);
}

function isLetter(c: string): boolean {
  const x = c.charCodeAt(0);
  return x < 0x80 ? (x >= 65 && x <= 90) || (x >= 97 && x <= 122) : /^\p{L}$/u.test(c);
}

/** yaml.v2's order of string map keys: runs of digits compare as numbers, letters after other characters. */
export function yamlKeyLess(a: string, b: string): boolean {
  if (ASCII_NO_DIGITS.test(a) && ASCII_NO_DIGITS.test(b)) return asciiKeyLess(a, b);
  const ar = ASCII_TEXT.test(a) ? a : Array.from(a);
  const br = ASCII_TEXT.test(b) ? b : Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') { an = 1n; bn = 1n; break; }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48));
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

const ASCII_NO_DIGITS = /^[\x00-\x2f\x3a-\x7f]*$/;

/** yamlKeyLess for ASCII keys without digits (nearly all keys): no digit runs to compare as numbers. */
function asciiKeyLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xl = (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
    const yl = (y >= 65 && y <= 90) || (y >= 97 && y <= 122);
    return xl === yl ? x < y : yl;
  }
  return a.length < b.length;
}

/** Map keys in yaml.v2's emitting order. */
export function yamlKeyOrder(keys: string[]): string[] {
  return keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function scalarText(v: unknown, column: number, indent: number, simpleKey = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'bigint') return String(v);
  return scalar(String(v), column, indent, simpleKey);
}

function emit(v: unknown, indent: number, lines: string[], prefix: string): void {
  // `prefix` is text already on the current line ("key: " or "- ").
  if (isMap(v)) {
    const keys = yamlKeyOrder(Object.keys(v));
    if (keys.length === 0) { lines.push(`${prefix}{}`); return; }
    let first = true;
    for (const k of keys) {
      const lead = first ? prefix : ' '.repeat(indent);
      first = false;
      const keyText = scalarText(k, lead.length, indent, true);
      emitValue(v[k], indent, lines, `${lead}${keyText}:`);
    }
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) { lines.push(`${prefix}[]`); return; }
    let first = true;
    for (const item of v) {
      const lead = first ? prefix : ' '.repeat(indent);
      first = false;
      emit(item, indent + 2, lines, `${lead}- `);
    }
    return;
  }
  lines.push(prefix + scalarText(v, prefix.length, indent, false));
}

function emitValue(v: unknown, indent: number, lines: string[], keyLine: string): void {
  if (isMap(v) && Object.keys(v).length > 0) {
    lines.push(keyLine);
    emit(v, indent + 2, lines, ' '.repeat(indent + 2));
  } else if (Array.isArray(v) && v.length > 0) {
    lines.push(keyLine);
    const at = pretty ? indent + 2 : indent;
    emit(v, at, lines, ' '.repeat(at));
  } else {
    emit(v, indent + 2, lines, `${keyLine} `);
  }
}

/**
 * YAML text of plain data as Helm's toYaml writes it (no trailing newline);
 * with `pretty`, as toYamlPretty does (floats written as floats, sequences
 * indented under their key). Integers may be given as bigint.
 */
export function toGoYaml(v: unknown, opts: { pretty?: boolean } = {}): string {
  pretty = opts.pretty ?? false;
  try {
    // A document that is a single scalar: go-yaml indents block scalars by two.
    if (!isMap(v) && !Array.isArray(v)) return scalarText(v, 0, 2, false);
    const lines: string[] = [];
    emit(v, 0, lines, '');
    return lines.join('\n');
  } finally {
    pretty = false;
  }
}

const JSON_PLAIN = /^[^"\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]*$/;

/** A string as Go's encoding/json writes it (HTML characters escaped when `escapeHtml`). */
export function jsonString(s: string, escapeHtml: boolean): string {
  if (JSON_PLAIN.test(s)) return `"${s}"`;
  let out = JSON.stringify(s);
  if (escapeHtml) out = out.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  return out.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** JSON text as Go's encoding/json writes it: map keys sorted, `<>&` escaped unless `raw`. */
export function toGoJson(v: unknown, opts: { indent?: string; raw?: boolean } = {}): string {
  const ind = opts.indent ?? '';
  const esc = !opts.raw;
  const walk = (x: unknown, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'string') return jsonString(x, esc);
    // encoding/json writes floats as JavaScript does: 'f' form, exponent when exp < -6 || exp >= 21.
    if (typeof x === 'number') return Number.isFinite(x) ? String(x) : 'null';
    if (typeof x === 'boolean') return String(x);
    const nl = ind ? '\n' + ind.repeat(depth + 1) : '';
    const end = ind ? '\n' + ind.repeat(depth) : '';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return `[${nl}${x.map((e) => walk(e, depth + 1)).join(`,${nl}`)}${end}]`;
    }
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    if (keys.length === 0) return '{}';
    const sep = ind ? ': ' : ':';
    return `{${nl}${keys.map((k) => `${jsonString(k, esc)}${sep}${walk(o[k], depth + 1)}`).join(`,${nl}`)}${end}}`;
  };
  return walk(v, 0);
}
