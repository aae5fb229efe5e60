// Reading a big metadata-only list (PartialObjectMetadataList) from the
// response bytes as they arrive, keeping of each item only what a caller that
// lists many objects uses: name, namespace, uid, resourceVersion, labels and
// annotations. Reading the whole body then JSON.parse would hold every byte
// at once and build every item's managedFields, timestamps and owners too
// (about half of the bytes, and most of the objects), only to drop them.
// Kept strings are decoded from the bytes (JSON.parse when they hold
// escapes); what is skipped is only delimited (strings, nesting). Anything
// unexpected marks the reader failed, and the caller reads the list the
// ordinary way, which gives the exact answer or the exact error.
import type { KubeList, KubeObject, ListMeta } from '../apimachinery/types.js';
import { setOwn } from '../util/own-keys.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Raised inside a walk when a kept value has the wrong type. */
class Unexpected extends Error {}

/** Returned while scanning: the bytes end before the value does. */
const SHORT = -1;
/** Returned while scanning: not the JSON shape expected. */
const BAD = -2;

function skipWs(b: Buffer, i: number): number {
  for (;;) {
    const c = b[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** The end (exclusive) of the string whose opening quote is at `i`. */
function stringEnd(b: Buffer, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = b.indexOf(QUOTE, from);
    if (q < 0) return SHORT;
    let k = q - 1;
    while (k > i && b[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** The end (exclusive) of the JSON value starting at `i`. */
function valueEnd(b: Buffer, i: number): number {
  const c = b[i];
  if (c === undefined) return SHORT;
  if (c === QUOTE) return stringEnd(b, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    for (let j = i; j < b.length; j++) {
      const d = b[j];
      if (d === QUOTE) {
        const e = stringEnd(b, j);
        if (e < 0) return e;
        j = e - 1;
      } else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        if (--depth === 0) return j + 1;
      }
    }
    return SHORT;
  }
  let j = i;
  while (j < b.length) {
    const d = b[j]!;
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) return j > i ? j : BAD;
    j++;
  }
  return SHORT;
}

/** The JSON value between `from` and `to`. */
function parse(b: Buffer, from: number, to: number): unknown {
  return JSON.parse(b.toString('utf8', from, to));
}

/** A string value: its text straight from the bytes when it has no escapes. */
function stringAt(b: Buffer, from: number, to: number): unknown {
  return plainString(b, from, to) ? textAt(b, from + 1, to - 1) : parse(b, from, to);
}

/** Whether the key whose quotes are at `from` and `to - 1` is `key` (plain ASCII). */
function isKey(b: Buffer, from: number, to: number, key: string): boolean {
  return sameText(b, from + 1, to - 1, key);
}

/** Whether the bytes [from, to) are the plain ASCII string `s`. */
function sameText(b: Buffer, from: number, to: number, s: string): boolean {
  if (to - from !== s.length) return false;
  for (let j = 0; j < s.length; j++) if (b[from + j] !== s.charCodeAt(j)) return false;
  return true;
}

/** The UTF-8 text of the bytes [from, to). */
export function textAt(b: Buffer, from: number, to: number): string {
  for (let j = from; j < to; j++) if (b[j]! >= 0x80) return b.toString('utf8', from, to);
  return b.toString('latin1', from, to);
}

const PLAIN = /^[\x20-\x7e]*$/;
/** Strings met often (label keys), reused rather than made again from the bytes. */
const INTERNED: string[] = [];
const MAX_INTERNED = 64;
/** The last value read under each label or annotation key (plain ASCII values only). */
const LAST_VALUE = new Map<string, string>();

/** A short key's text, the same string object each time it recurs. */
export function keyAt(b: Buffer, from: number, to: number): string {
  const n = to - from;
  if (n > 32) return textAt(b, from, to);
  for (const s of INTERNED) if (sameText(b, from, to, s)) return s;
  const v = textAt(b, from, to);
  // Only plain ASCII is kept: sameText compares bytes with char codes.
  if (INTERNED.length < MAX_INTERNED && PLAIN.test(v)) INTERNED.push(v);
  return v;
}

/** A value's text: neighbouring items often carry the same value under a key (a release's revisions, statuses), and get the same string. */
export function valueAt(key: string, b: Buffer, from: number, to: number): string {
  const last = LAST_VALUE.get(key);
  if (last !== undefined && sameText(b, from, to, last)) return last;
  const v = textAt(b, from, to);
  if (PLAIN.test(v)) {
    if (LAST_VALUE.size >= 1024) LAST_VALUE.clear();
    LAST_VALUE.set(key, v);
  }
  return v;
}


/** Whether the string whose quotes are at `from` and `to - 1` holds no escape (its bytes are its text). */
function plainString(b: Buffer, from: number, to: number): boolean {
  if (b[from] !== QUOTE) return false;
  for (let j = from + 1; j < to - 1; j++) {
    const c = b[j]!;
    if (c === BACKSLASH || c < 0x20) return false;
  }
  return true;
}

/** A flat object of strings (labels, annotations), read member by member. */
function stringMap(b: Buffer, from: number): [Record<string, string>, number] {
  const out: Record<string, string> = {};
  const end = members(b, from, (k0, k1, v) => {
    const e = valueEnd(b, v);
    if (e < 0) return e;
    if (!plainString(b, v, e)) {
      const value = parse(b, v, e);
      if (typeof value !== 'string') throw new Unexpected();
      setOwn(out, stringAt(b, k0, k1) as string, value);
    } else {
      const key = plainString(b, k0, k1) ? keyAt(b, k0 + 1, k1 - 1) : (stringAt(b, k0, k1) as string);
      setOwn(out, key, valueAt(key, b, v + 1, e - 1));
    }
    return e;
  });
  return [out, end];
}

/**
 * Walks the members of the object at `i`: `member` gets where each key's
 * string starts and ends (quotes included) and where its value starts, and
 * returns where the value ends (it may call valueEnd). Returns where the
 * object ends, SHORT or BAD.
 */
function members(b: Buffer, i: number, member: (keyFrom: number, keyTo: number, from: number) => number): number {
  i = skipWs(b, i);
  if (i >= b.length) return SHORT;
  if (b[i] !== OPEN_BRACE) return BAD;
  i = skipWs(b, i + 1);
  if (b[i] === CLOSE_BRACE) return i + 1;
  for (;;) {
    if (i >= b.length) return SHORT;
    if (b[i] !== QUOTE) return BAD;
    const kEnd = stringEnd(b, i);
    if (kEnd < 0) return kEnd;
    const kFrom = i;
    // Keys are matched by their bytes: one written with escapes goes to the whole parse.
    for (let j = kFrom + 1; j < kEnd - 1; j++) if (b[j] === BACKSLASH) throw new Unexpected();
    i = skipWs(b, kEnd);
    if (i >= b.length) return SHORT;
    if (b[i] !== COLON) return BAD;
    i = skipWs(b, i + 1);
    if (i >= b.length) return SHORT;
    const vEnd = member(kFrom, kEnd, i);
    if (vEnd < 0) return vEnd;
    i = skipWs(b, vEnd);
    if (i >= b.length) return SHORT;
    if (b[i] === CLOSE_BRACE) return i + 1;
    if (b[i] !== COMMA) return BAD;
    i = skipWs(b, i + 1);
  }
}

function listMeta(b: Buffer, from: number, to: number): ListMeta {
  const v = parse(b, from, to);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Unexpected();
  return v as ListMeta;
}

/** The items kept of each object's metadata. */
type CompactItem = { kind?: string; apiVersion?: string; metadata: KubeObject['metadata'] };

const STRING_FIELDS = ['name', 'namespace', 'uid', 'resourceVersion'] as const;

/** The kept metadata of the object at `i` and where it ends, or SHORT/BAD. */
function objectMeta(b: Buffer, i: number): [KubeObject['metadata'], number] {
  const meta: Record<string, unknown> = {};
  const end = members(b, i, (k0, k1, from) => {
    const isLabels = isKey(b, k0, k1, 'labels');
    if (isLabels || isKey(b, k0, k1, 'annotations')) {
      const [map, e] = stringMap(b, from);
      meta[isLabels ? 'labels' : 'annotations'] = map;
      return e;
    }
    const e = valueEnd(b, from);
    if (e < 0) return e;
    for (const field of STRING_FIELDS) {
      if (!isKey(b, k0, k1, field)) continue;
      const v = stringAt(b, from, e);
      if (typeof v !== 'string') throw new Unexpected();
      meta[field] = v;
      break;
    }
    return e;
  });
  return [meta as KubeObject['metadata'], end];
}

/** A list read as its bytes arrive (this file's JSON reader, list-protobuf.ts's protobuf one). */
export interface ListReader {
  push(chunk: Buffer): void;
  /** Whether the bytes so far are not a list the reader can take (it then ignores the rest). */
  readonly failed: boolean;
  /** The list once every byte is in (without the items handed to onItem), or undefined when it was not one the reader takes. */
  end(): { kind: string; apiVersion: string; metadata: ListMeta; items: KubeObject[] } | undefined;
}

type State = 'open' | 'firstKey' | 'key' | 'after' | 'firstItem' | 'item' | 'afterItem' | 'end' | 'failed';

/**
 * Reads a PartialObjectMetadataList pushed chunk by chunk: only the bytes of
 * an item still arriving are held. `onMeta` gets the list's metadata as soon
 * as it is read (kube-apiserver sends it before the items).
 */
export class MetadataListReader implements ListReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private state: State = 'open';
  private kind?: string;
  private apiVersion?: string;
  private meta?: ListMeta;
  private readonly items: CompactItem[] = [];
  private itemKind?: string;
  private itemApiVersion?: string;

  /** `onItem`: each item as it is read, then left out of the list `end()` gives. */
  constructor(
    private readonly onMeta?: (meta: ListMeta) => void,
    private readonly onItem?: (item: KubeObject) => void,
  ) {}

  /** Whether the bytes so far are not a list this reader can take. */
  get failed(): boolean {
    return this.state === 'failed';
  }

  push(chunk: Buffer): void {
    if (this.state === 'failed') return;
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    try {
      if (!this.run()) this.fail();
    } catch (err) {
      if (!(err instanceof Unexpected || err instanceof SyntaxError)) throw err;
      this.fail();
    }
  }

  /** The list once every byte is in, or undefined when it was not one this reader takes. */
  end(): KubeList<CompactItem & KubeObject> | undefined {
    if (this.state !== 'end' || skipWs(this.buf, this.pos) < this.buf.length || this.kind !== 'PartialObjectMetadataList') return undefined;
    return { kind: this.kind, apiVersion: this.apiVersion ?? '', metadata: this.meta ?? {}, items: this.items as (CompactItem & KubeObject)[] };
  }

  private fail(): void {
    this.state = 'failed';
    this.buf = Buffer.alloc(0);
    this.items.length = 0;
  }

  /** Consumes what it can; false when the bytes are not the expected shape. */
  private run(): boolean {
    const b = this.buf;
    for (;;) {
      const i = skipWs(b, this.pos);
      if (i >= b.length) return true;
      switch (this.state) {
        case 'open':
          if (b[i] !== OPEN_BRACE) return false;
          this.pos = i + 1;
          this.state = 'firstKey';
          break;
        case 'firstKey':
        case 'key': {
          if (this.state === 'firstKey' && b[i] === CLOSE_BRACE) {
            this.pos = i + 1;
            this.state = 'end';
            break;
          }
          if (b[i] !== QUOTE) return false;
          const kEnd = stringEnd(b, i);
          if (kEnd < 0) return true;
          const c = skipWs(b, kEnd);
          if (c >= b.length) return true;
          if (b[c] !== COLON) return false;
          const v = skipWs(b, c + 1);
          if (v >= b.length) return true;
          const key = stringAt(b, i, kEnd);
          if (key === 'items') {
            if (b[v] !== OPEN_BRACKET) return false;
            this.pos = v + 1;
            this.state = 'firstItem';
            break;
          }
          const e = valueEnd(b, v);
          if (e === SHORT) return true;
          if (e < 0) return false;
          if (key === 'kind' || key === 'apiVersion') {
            const str = stringAt(b, v, e);
            if (typeof str !== 'string') return false;
            this[key] = str;
          } else if (key === 'metadata') {
            this.meta = listMeta(b, v, e);
            this.onMeta?.(this.meta);
          }
          this.pos = e;
          this.state = 'after';
          break;
        }
        case 'after':
          if (b[i] === COMMA) this.state = 'key';
          else if (b[i] === CLOSE_BRACE) this.state = 'end';
          else return false;
          this.pos = i + 1;
          break;
        case 'firstItem':
        case 'item': {
          if (this.state === 'firstItem' && b[i] === CLOSE_BRACKET) {
            this.pos = i + 1;
            this.state = 'after';
            break;
          }
          const item: { kind?: string; apiVersion?: string; metadata?: KubeObject['metadata'] } = {};
          const end = members(b, i, (k0, k1, from) => this.itemMember(b, item, k0, k1, from));
          if (end === SHORT) return true;
          if (end < 0 || !item.metadata) return false;
          if (this.onItem) this.onItem(item as KubeObject);
          else this.items.push(item as CompactItem);
          this.pos = end;
          this.state = 'afterItem';
          break;
        }
        case 'afterItem':
          if (b[i] === COMMA) this.state = 'item';
          else if (b[i] === CLOSE_BRACKET) this.state = 'after';
          else return false;
          this.pos = i + 1;
          break;
        default:
          return false; // bytes after the end, or after a failure
      }
    }
  }

  private itemMember(b: Buffer, item: { kind?: string; apiVersion?: string; metadata?: KubeObject['metadata'] }, k0: number, k1: number, from: number): number {
    if (isKey(b, k0, k1, 'metadata')) {
      const [meta, e] = objectMeta(b, from);
      item.metadata = meta;
      return e;
    }
    const e = valueEnd(b, from);
    if (e < 0) return e;
    const isKind = isKey(b, k0, k1, 'kind');
    if (isKind || isKey(b, k0, k1, 'apiVersion')) {
      const v = stringAt(b, from, e);
      if (typeof v !== 'string') throw new Unexpected();
      // One string for all items.
      if (isKind) item.kind = this.itemKind = this.itemKind === v ? this.itemKind : v;
      else item.apiVersion = this.itemApiVersion = this.itemApiVersion === v ? this.itemApiVersion : v;
    }
    return e;
  }
}
