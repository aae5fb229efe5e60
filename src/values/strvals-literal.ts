// --set-literal (pkg/strvals' literal parser): the value is everything after
// the first `=`, untyped and unescaped.
import type { Values } from '../chart/types.js';
import { isTable, has } from './util.js';
import { MAX_NESTED_NAME_LEVEL, StrvalsError, StrvalsPanic, goQuote, conversionPanic, atoi, Scanner, runesUntil, set, setIndex } from './strvals-scan.js';

/** --set-literal: the value is everything after the first `=`, untyped and unescaped. */
export class LiteralParser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: Values,
  ) {}

  parse(): void {
    for (;;) {
      if (this.key(this.data, 0) === 'eof') return;
    }
  }

  private key(data: Values, nestedNameLevel: number): 'eof' | undefined {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof StrvalsPanic) throw new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyInner(data: Values, nestedNameLevel: number): 'eof' | undefined {
    const { v: k, last, eof } = runesUntil(this.sc, '=[.', false);
    if (eof) {
      if (k.length === 0) return 'eof';
      throw new StrvalsError(`key ${goQuote(k)} has no value`);
    }
    if (last === '=') {
      set(data, k, this.val());
      return undefined;
    }
    if (last === '.') {
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
    // '['
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

  private keyIndex(): number {
    const { v, eof } = runesUntil(this.sc, ']', false);
    try {
      if (eof) throw new StrvalsError('EOF');
      return atoi(v);
    } catch (e) {
      throw new StrvalsError(`error parsing index: ${(e as Error).message}`);
    }
  }

  private listItem(list: unknown[], i: number, nestedNameLevel: number): [unknown[], boolean] {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const { v: k, last, eof } = runesUntil(this.sc, '[.=', false);
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${goQuote(k)}`);
    if (eof) return [list, true];
    if (last === '=') return [setIndex(list, i, this.val()), false];
    if (last === '.') {
      let inner: Values = {};
      if (list.length > i) {
        if (isTable(list[i])) inner = list[i] as Values;
        else list[i] = inner;
      }
      const r = this.key(inner, nestedNameLevel);
      if (r === 'eof') return [list, true];
      return [setIndex(list, i, inner), false];
    }
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

  private val(): string {
    return runesUntil(this.sc, '', false).v;
  }
}
