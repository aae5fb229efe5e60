// TOML (v1.0) read as BurntSushi/toml decodes it into map[string]interface{}
// for Helm's fromToml: integers int64, floats float64, tables
// map[string]interface {}, arrays of tables []map[string]interface {},
// offset date-times time.Time. Errors carry the line, as BurntSushi's do.
import { goTypeOf, int64, sliceType } from '../value.js';
import { put } from './dicts.js';
import { GoTime, daysFromCivil } from './gotime.js';
import { UTC } from './gozone.js';

type Table = Record<string, unknown>;

export class TomlParseError extends Error {}

const BARE = /^[A-Za-z0-9_-]+/;

class Parser {
  i = 0;
  line = 1;
  readonly root: Table = {};
  /** Tables defined by a [header] (may not be defined twice) and inline/frozen values. */
  private readonly defined = new Set<Table>();
  private readonly frozen = new Set<unknown>();
  private lastKey = '';

  constructor(readonly s: string) {}

  /** BurntSushi's error form: the line (0 at end of input), the last key when inside a key/value. */
  fail(msg: string, withKey = true, lexical = true): never {
    const line = lexical && this.i >= this.s.length ? 0 : this.line;
    throw new TomlParseError(`toml: line ${line}${withKey && this.lastKey ? ` (last key ${JSON.stringify(this.lastKey)})` : ''}: ${msg}`);
  }

  peek(n = 0): string {
    return this.s[this.i + n] ?? '';
  }

  ws(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }

  comment(): void {
    if (this.peek() === '#') while (this.i < this.s.length && this.peek() !== '\n') this.i++;
  }

  eol(): void {
    this.ws();
    this.comment();
    if (this.peek() === '\r' && this.peek(1) === '\n') this.i++;
    if (this.i >= this.s.length) return;
    if (this.peek() !== '\n') this.fail(`expected a top-level item to end with a newline, comment, or EOF, but got '${this.peek()}' instead`, false);
    this.i++;
    this.line++;
  }

  /** Blank lines, comments and newlines (inside arrays). */
  skipAll(): void {
    for (;;) {
      this.ws();
      this.comment();
      if (this.peek() === '\n') { this.i++; this.line++; continue; }
      if (this.peek() === '\r' && this.peek(1) === '\n') { this.i += 2; this.line++; continue; }
      return;
    }
  }

  parse(): Table {
    let current = this.root;
    for (;;) {
      this.skipAll();
      if (this.i >= this.s.length) return this.root;
      if (this.peek() === '[') {
        const array = this.peek(1) === '[';
        this.i += array ? 2 : 1;
        this.ws();
        const keys = this.key();
        this.ws();
        if (this.s.slice(this.i, this.i + (array ? 2 : 1)) !== (array ? ']]' : ']')) this.fail(`expected ${array ? "']]'" : "']'"} to close the table name`);
        this.i += array ? 2 : 1;
        current = array ? this.arrayTable(keys) : this.table(keys);
        this.eol();
        continue;
      }
      this.keyValue(current);
      this.eol();
    }
  }

  private descend(t: Table, k: string, create: boolean): Table {
    const v = t[k];
    if (v === undefined) {
      if (!create) this.fail(`key ${JSON.stringify(k)} is not a table`);
      const n: Table = {};
      put(t, k, n);
      return n;
    }
    if (Array.isArray(v) && goTableArray(v)) return v[v.length - 1] as Table;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoTime) && !this.frozen.has(v)) return v as Table;
    return this.fail(`key ${JSON.stringify(k)} has already been defined`);
  }

  private table(keys: string[]): Table {
    let t = this.root;
    for (const k of keys.slice(0, -1)) t = this.descend(t, k, true);
    const last = keys[keys.length - 1]!;
    this.lastKey = keys.join('.');
    const existing = t[last];
    if (existing !== undefined) {
      if (typeof existing !== 'object' || existing === null || Array.isArray(existing) || this.defined.has(existing as Table) || this.frozen.has(existing)) this.fail(`Key '${keys.join('.')}' has already been defined.`, false, false);
      this.defined.add(existing as Table);
      return existing as Table;
    }
    const n: Table = {};
    put(t, last, n);
    this.defined.add(n);
    return n;
  }

  private arrayTable(keys: string[]): Table {
    let t = this.root;
    for (const k of keys.slice(0, -1)) t = this.descend(t, k, true);
    const last = keys[keys.length - 1]!;
    this.lastKey = keys.join('.');
    let arr = t[last];
    if (arr === undefined) {
      arr = sliceType([], '[]map[string]interface {}');
      put(t, last, arr);
    } else if (!Array.isArray(arr) || !goTableArray(arr)) this.fail(`key ${JSON.stringify(keys.join('.'))} was already created and cannot be used as an array`);
    const n: Table = {};
    (arr as Table[]).push(n);
    return n;
  }

  private keyValue(t: Table): void {
    const keys = this.key();
    this.lastKey = keys.join('.');
    this.ws();
    if (this.i >= this.s.length) throw new TomlParseError("toml: line 0: unexpected EOF; expected key separator '='");
    if (this.peek() !== '=') this.fail(`expected key separator '=', but got ${JSON.stringify(this.peek())} instead`);
    this.i++;
    this.ws();
    let target = t;
    for (const k of keys.slice(0, -1)) target = this.descend(target, k, true);
    const last = keys[keys.length - 1]!;
    if (Object.hasOwn(target, last)) this.fail(`Key '${this.lastKey}' has already been defined.`, true, false);
    put(target, last, this.value());
  }

  private key(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === '"') keys.push(this.basicString());
      else if (c === "'") keys.push(this.literalString());
      else {
        const m = BARE.exec(this.s.slice(this.i));
        if (!m) this.fail(`bare keys cannot contain ${JSON.stringify(c || 'EOF')}`);
        keys.push(m[0]);
        this.i += m[0].length;
      }
      this.ws();
      if (this.peek() !== '.') return keys;
      this.i++;
    }
  }

  private basicString(): string {
    if (this.s.startsWith('"""', this.i)) return this.multiBasic();
    this.i++;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') this.fail('unexpected EOF; expected \'"\'');
      this.i++;
      if (c === '"') return out;
      if (c === '\\') out += this.escape();
      else out += c;
    }
  }

  private escape(): string {
    const c = this.peek();
    this.i++;
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
    if (c in simple) return simple[c]!;
    if (c === 'u' || c === 'U') {
      const n = c === 'u' ? 4 : 8;
      const hex = this.s.slice(this.i, this.i + n);
      if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(hex)) this.fail(`invalid escape: '\\${c}${hex}'`);
      this.i += n;
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) this.fail(`invalid escape: '\\${c}${hex}'`);
      return String.fromCodePoint(cp);
    }
    return this.fail(`invalid escape character ${JSON.stringify(c)}; only the following escape characters are allowed: \\b, \\t, \\n, \\f, \\r, \\", \\\\, \\uXXXX, and \\UXXXXXXXX`);
  }

  private multiBasic(): string {
    this.i += 3;
    if (this.peek() === '\n') { this.i++; this.line++; } else if (this.peek() === '\r' && this.peek(1) === '\n') { this.i += 2; this.line++; }
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('unexpected EOF; expected \'"""\'');
      if (this.s.startsWith('"""', this.i)) {
        let q = 3;
        while (this.peek(q) === '"' && q < 5) q++;
        out += '"'.repeat(q - 3);
        this.i += q;
        return out;
      }
      const c = this.peek();
      this.i++;
      if (c === '\n') { this.line++; out += c; continue; }
      if (c === '\\') {
        // A line-ending backslash trims the newline and leading whitespace.
        const rest = /^[ \t]*\r?\n/.exec(this.s.slice(this.i));
        if (rest) {
          this.i += rest[0].length;
          this.line++;
          for (;;) {
            const w = /^[ \t\r\n]*/.exec(this.s.slice(this.i))![0];
            this.line += (w.match(/\n/g) ?? []).length;
            this.i += w.length;
            break;
          }
          continue;
        }
        out += this.escape();
        continue;
      }
      out += c;
    }
  }

  private literalString(): string {
    if (this.s.startsWith("'''", this.i)) {
      this.i += 3;
      if (this.peek() === '\n') { this.i++; this.line++; } else if (this.peek() === '\r' && this.peek(1) === '\n') { this.i += 2; this.line++; }
      const end = this.s.indexOf("'''", this.i);
      if (end < 0) this.fail("unexpected EOF; expected \"'''\"");
      let q = 3;
      while (this.s[end + q] === "'" && q < 5) q++;
      const out = this.s.slice(this.i, end) + "'".repeat(q - 3);
      this.line += (out.match(/\n/g) ?? []).length;
      this.i = end + q;
      return out;
    }
    this.i++;
    const end = this.s.indexOf("'", this.i);
    const nl = this.s.indexOf('\n', this.i);
    if (end < 0 || (nl >= 0 && nl < end)) {
      if (end < 0 && nl < 0) this.i = this.s.length;
      this.fail("unexpected EOF; expected \"'\"");
    }
    const out = this.s.slice(this.i, end);
    this.i = end + 1;
    return out;
  }

  private value(): unknown {
    const c = this.peek();
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const rest = this.s.slice(this.i);
    if (/^true(?![A-Za-z0-9_-])/.test(rest)) { this.i += 4; return true; }
    if (/^false(?![A-Za-z0-9_-])/.test(rest)) { this.i += 5; return false; }
    const dt = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})?)?/.exec(rest);
    if (dt) {
      this.i += dt[0].length;
      const days = daysFromCivil(Number(dt[1]), Number(dt[2]), Number(dt[3]));
      const secs = days * 86400 + Number(dt[4] ?? 0) * 3600 + Number(dt[5] ?? 0) * 60 + Number(dt[6] ?? 0);
      const zone = dt[8];
      const offset = zone === undefined || /^[Zz]$/.test(zone) ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
      const nsec = Number((dt[7] ?? '').slice(0, 9).padEnd(9, '0'));
      const z = zone === undefined || /^[Zz]$/.test(zone) ? UTC : { name: '', at: () => ({ offset, abbrev: '' }) };
      return new GoTime(BigInt(secs - offset), nsec, z);
    }
    const num = /^[+-]?(inf|nan)|^[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9_]+(\.[0-9_]+)?([eE][+-]?[0-9_]+)?)/.exec(rest);
    if (num) {
      const t = num[0];
      this.i += t.length;
      if (/inf$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
      if (/nan$/.test(t)) return NaN;
      if (/__|_$|^[+-]?_|_\.|\._|_[eE]|[eE]_/.test(t)) this.fail(`invalid number: ${JSON.stringify(t)}`);
      const clean = t.replace(/_/g, '');
      if (/^[+-]?0[xob]/.test(clean)) {
        if (/^[+-]/.test(clean)) this.fail(`invalid number: ${JSON.stringify(t)}`);
        return int64(BigInt(clean));
      }
      if (/[.eE]/.test(clean)) return Number(clean);
      if (/^[+-]?0\d/.test(clean)) this.fail(`invalid number: ${JSON.stringify(t)}`);
      const v = BigInt(clean);
      if (v !== BigInt.asIntN(64, v)) this.fail(`${JSON.stringify(t)} is out of range for int64`);
      return int64(v);
    }
    if (this.i >= this.s.length) return this.fail('unexpected EOF; expected value');
    return this.fail(`expected value but found ${JSON.stringify(rest.split(/[\s,\]}]/)[0] || c)} instead`);
  }

  private array(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    for (;;) {
      this.skipAll();
      if (this.peek() === ']') { this.i++; return out; }
      out.push(this.value());
      this.skipAll();
      if (this.peek() === ',') { this.i++; continue; }
      if (this.peek() === ']') { this.i++; return out; }
      this.fail(`expected a comma (',') or array terminator (']'), but got ${JSON.stringify(this.peek() || 'EOF')}`);
    }
  }

  private inlineTable(): Table {
    this.i++;
    const t: Table = {};
    this.ws();
    if (this.peek() === '}') { this.i++; this.frozen.add(t); return t; }
    for (;;) {
      this.ws();
      this.keyValue(t);
      this.ws();
      if (this.peek() === ',') { this.i++; continue; }
      if (this.peek() === '}') { this.i++; this.frozen.add(t); return t; }
      this.fail(`expected a comma or an inline table terminator '}', but got ${JSON.stringify(this.peek() || 'EOF')} instead`);
    }
  }
}

function goTableArray(v: unknown[]): boolean {
  return goTypeOf(v) === '[]map[string]interface {}';
}

/** toml.Unmarshal into map[string]interface{}; throws TomlParseError. */
export function parseToml(text: string): Record<string, unknown> {
  return new Parser(text).parse();
}
