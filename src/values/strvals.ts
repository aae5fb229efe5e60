// Helm's strvals grammar (pkg/strvals): the language of --set, --set-string,
// --set-file, --set-json and --set-literal.
//
//   line   := assign (',' assign)* ','?
//   assign := key '=' value
//   key    := name ('.' name | '[' int ']')*      (\x escapes any rune)
//   value  := '{' item (',' item)* '}' | runes up to the next unescaped ','
//
// The port keeps Helm's control flow (including its quirks: `a={}` is [""],
// `noval[0]` is [], a trailing comma is fine, an empty assignment is not) so
// that every flag a Helm user types means the same thing here.
import type { Values } from '../chart/types.js';
import { ValuesError } from '../errors.js';
import { deepCopy, isTable, has } from './util.js';
import { MAX_NESTED_NAME_LEVEL, StrvalsError, StrvalsPanic, goQuote, conversionPanic, atoi, typedValue, Scanner, runesUntil, set, setIndex, decodeJsonPrefix, type SetFileReader } from './strvals-scan.js';
import { LiteralParser } from './strvals-literal.js';

export { MAX_INDEX, MAX_NESTED_NAME_LEVEL, typedValue, decodeJsonPrefix, type SetFileReader } from './strvals-scan.js';

type ValueReader = (rs: string) => unknown;

type ValList = { kind: 'list'; list: unknown[] } | { kind: 'eof' } | { kind: 'notlist' };

class Parser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: Values,
    private readonly reader: ValueReader | null,
    private readonly isJson: boolean,
  ) {}

  parse(): void {
    for (;;) {
      if (this.key(this.data, 0) === 'eof') return;
    }
  }

  /** One assignment into `data`; returns 'eof' at the end of input. */
  private key(data: Values, nestedNameLevel: number): 'eof' | undefined {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof StrvalsPanic) throw new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyInner(data: Values, nestedNameLevel: number): 'eof' | undefined {
    const { v: k, last, eof } = runesUntil(this.sc, '=[,.', true);
    if (eof) {
      if (k.length === 0) return 'eof';
      throw new StrvalsError(`key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case '[': {
        const i = this.keyIndex();
        let list: unknown[] = [];
        if (has(data, k)) {
          const existing = data[k];
          if (!Array.isArray(existing)) throw conversionPanic(existing, '[]interface {}');
          list = existing;
        }
        const [out, atEnd] = this.listItem(list, i, nestedNameLevel);
        set(data, k, out);
        return atEnd ? 'eof' : undefined;
      }
      case '=': {
        if (this.isJson) {
          if (this.emptyVal()) {
            set(data, k, null);
            return undefined;
          }
          set(data, k, this.jsonValue());
          this.emptyVal();
          return undefined;
        }
        const vl = this.valList();
        if (vl.kind === 'list') {
          set(data, k, vl.list);
          return undefined;
        }
        if (vl.kind === 'eof') {
          set(data, k, '');
          return 'eof';
        }
        set(data, k, this.read(this.val()));
        return undefined;
      }
      case ',':
        set(data, k, '');
        throw new StrvalsError(`key ${goQuote(k)} has no value (cannot end with ,)`);
      default: {
        // '.': descend into (or create) a map.
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        }
        let inner: Values = {};
        if (has(data, k)) {
          const existing = data[k];
          if (!isTable(existing)) throw conversionPanic(existing, 'map[string]interface {}');
          inner = existing;
        }
        const r = this.key(inner, nestedNameLevel);
        const empty = Object.keys(inner).length === 0;
        if (r === undefined && empty) throw new StrvalsError(`key map ${goQuote(k)} has no value`);
        if (!empty) set(data, k, inner);
        return r;
      }
    }
  }

  private keyIndex(): number {
    const { v, eof } = runesUntil(this.sc, ']', true);
    try {
      if (eof) throw new StrvalsError('EOF');
      return atoi(v);
    } catch (e) {
      throw new StrvalsError(`error parsing index: ${(e as Error).message}`);
    }
  }

  /** Sets list[i] from what follows `]`; returns the list and whether input ended. */
  private listItem(list: unknown[], i: number, nestedNameLevel: number): [unknown[], boolean] {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const { v: k, last, eof } = runesUntil(this.sc, '[.=', true);
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${goQuote(k)}`);
    if (eof) return [list, true];
    switch (last) {
      case '=': {
        if (this.isJson) {
          if (this.emptyVal()) return [setIndex(list, i, null), false];
          const out = setIndex(list, i, this.jsonValue());
          this.emptyVal();
          return [out, false];
        }
        const vl = this.valList();
        if (vl.kind === 'list') return [setIndex(list, i, vl.list), false];
        if (vl.kind === 'eof') return [setIndex(list, i, ''), false];
        return [setIndex(list, i, this.read(this.val())), false];
      }
      case '[': {
        const nextI = this.keyIndex();
        let crt: unknown[] = [];
        if (list.length > i && list[i] !== null && list[i] !== undefined) {
          if (!Array.isArray(list[i])) throw conversionPanic(list[i], '[]interface {}');
          crt = list[i] as unknown[];
        }
        const [list2, atEnd] = this.listItem(crt, nextI, nestedNameLevel);
        if (atEnd) return [list, true];
        return [setIndex(list, i, list2), false];
      }
      default: {
        // '.': a map inside the list; a non-map already there is replaced.
        let inner: Values = {};
        if (list.length > i) {
          if (isTable(list[i])) inner = list[i] as Values;
          else list[i] = inner;
        }
        const r = this.key(inner, nestedNameLevel);
        if (r === 'eof') return [list, true];
        return [setIndex(list, i, inner), false];
      }
    }
  }

  private read(rs: string): unknown {
    return this.reader ? this.reader(rs) : rs;
  }

  /** Consumes blanks and one comma; true when the value is empty (comma or end). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  private jsonValue(): unknown {
    const { value, consumed } = decodeJsonPrefix(this.sc.rest());
    this.sc.skipChars(consumed);
    return value;
  }

  private val(): string {
    return runesUntil(this.sc, ',', true).v;
  }

  private valList(): ValList {
    const r = this.sc.read();
    if (r === undefined) return { kind: 'eof' };
    if (r !== '{') {
      this.sc.unread();
      return { kind: 'notlist' };
    }
    const list: unknown[] = [];
    for (;;) {
      const { v: rs, last, eof } = runesUntil(this.sc, ',}', true);
      if (eof) throw new StrvalsError("list must terminate with '}'");
      if (last === '}') {
        const next = this.sc.read();
        if (next !== undefined && next !== ',') this.sc.unread();
        list.push(this.read(rs));
        return { kind: 'list', list };
      }
      list.push(this.read(rs));
    }
  }
}

function run(flag: string, expr: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof StrvalsError) {
      // Helm's wording; --set-json's names the expression first and drops the cause, which we keep.
      const shown = expr.length > 200 ? `${expr.slice(0, 200)}… (${expr.length} characters)` : expr;
      const msg = flag === '--set-json' ? `failed parsing ${flag} data ${shown}: ${e.message}` : `failed parsing ${flag} data: ${e.message} (in ${goQuote(shown)})`;
      throw new ValuesError(msg, { cause: e });
    }
    throw e;
  }
}

/**
 * Parses one `--set` expression into `base` (mutated and returned), typing
 * values (bools, null, int64); throws ValuesError naming the expression.
 */
export function parseSet(expr: string, base: Values = {}): Values {
  run('--set', expr, () => new Parser(new Scanner(expr), base, (rs) => typedValue(rs, false), false).parse());
  return base;
}

/** Parses one `--set-string` expression into `base`; every value is a string. */
export function parseSetString(expr: string, base: Values = {}): Values {
  run('--set-string', expr, () => new Parser(new Scanner(expr), base, (rs) => rs, false).parse());
  return base;
}

/** Parses one `--set-json` expression into `base`; each value is a JSON document (empty means null). */
export function parseSetJSON(expr: string, base: Values = {}): Values {
  run('--set-json', expr, () => new Parser(new Scanner(expr), base, null, true).parse());
  return base;
}

/** Parses one `--set-literal` expression into `base`: everything after the first `=` is the string value. */
export function parseSetLiteral(expr: string, base: Values = {}): Values {
  run('--set-literal', expr, () => new LiteralParser(new Scanner(expr), base).parse());
  return base;
}

/**
 * Parses one `--set-file` expression into `base`: each value names a file
 * whose contents (a string) become the value; read errors propagate.
 */
export async function parseSetFile(expr: string, base: Values, readFile: SetFileReader): Promise<Values> {
  // The grammar is synchronous and reading is not: a first pass over a
  // scratch copy collects the paths in order (and finds grammar errors before
  // any file is read), then the real pass uses the contents.
  const paths: string[] = [];
  run('--set-file', expr, () =>
    new Parser(new Scanner(expr), deepCopy(base), (rs) => {
      paths.push(rs);
      return '';
    }, false).parse(),
  );
  const contents = new Map<string, string>();
  for (const p of paths) if (!contents.has(p)) contents.set(p, await readFile(p));
  run('--set-file', expr, () => new Parser(new Scanner(expr), base, (rs) => contents.get(rs) ?? '', false).parse());
  return base;
}
