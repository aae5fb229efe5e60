// Reading a values document (a chart's values.yaml, a -f file) with Helm's
// YAML rules, and the plain-map check every values walk uses. It lives with
// the chart, which loads values.yaml; src/values builds on it.
import { isCollection, isSeq, parseAllDocuments, visit, type Document, type Node, type Tags } from 'yaml';
import type { Values } from './types.js';
import { ValuesError } from '../errors.js';
import { hasOwn, setOwn } from '../util/own-keys.js';

const put: (o: Values, k: string, v: unknown) => void = setOwn;

/** True for a plain values map (Helm's `istable`): a plain object, not null, not a list. */
export function isTable(v: unknown): v is Values {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

// Helm reads values through sigs.k8s.io/yaml (go-yaml v2): YAML 1.1 booleans
// (yes/no/on/off, also as keys: `on:` is the key "true") and octals, but
// timestamps stay strings, there is no sexagesimal notation, and a repeated
// key is not an error (the last one wins).
// Go's ParseInt(s, 0, 64) also reads 0o17.
const goOctal = {
  identify: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (s: string) => (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8),
};
// An integer is a Go int: `-0` is 0 (only a float, `-0.0`, is negative zero).
type ScalarTag = { tag?: string; format?: string; resolve?: (...a: unknown[]) => unknown };
const intWithoutNegativeZero = (t: ScalarTag): ScalarTag => {
  const resolve = t.resolve;
  if (t.tag !== 'tag:yaml.org,2002:int' || resolve === undefined) return t;
  return { ...t, resolve: (...a: unknown[]) => { const v = resolve(...a); return Object.is(v, -0) ? 0 : v; } };
};
const goYamlTags = (tags: Tags): Tags => [
  goOctal,
  ...tags.filter((t) => {
    const tag = t as { tag?: string; format?: string };
    return tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp';
  }),
].map((t) => intWithoutNegativeZero(t as ScalarTag)) as Tags;

/**
 * Parses the first values document with Helm 3's rules (go-yaml's Unmarshal
 * reads only the first document); throws ValuesError `failed to parse
 * <name>: line L, column C: <reason>` on bad YAML and when the document is not
 * a map (an empty document is an empty map).
 */
export function parseValuesYaml(text: string, name: string): Values {
  const docs = parseAllDocuments(text, { version: '1.1', customTags: goYamlTags, uniqueKeys: false });
  return docs.length === 0 ? {} : documentValues(docs[0]!, text, `failed to parse ${name}: `);
}

/**
 * Parses every document of a values file and deep-merges them in order, a
 * later document winning (Helm 4's loader.LoadValues, for -f files and
 * values.yaml; Helm 3 read only the first). Throws ValuesError naming the
 * file, the document (1-based, when there are several) and the line in the
 * file: `failed to parse <name>: document 2: line 7, column 3: <reason>`.
 */
export function parseValuesDocuments(text: string, name: string): Values {
  const docs = parseAllDocuments(text, { version: '1.1', customTags: goYamlTags, uniqueKeys: false });
  let out: Values = {};
  for (const [i, doc] of docs.entries()) {
    out = mergeMaps(out, documentValues(doc, text, `failed to parse ${name}: ${docs.length > 1 ? `document ${i + 1}: ` : ''}`));
  }
  return out;
}

/**
 * Deep-merges `b` over `a` into a new map (Helm's MergeMaps for -f files and
 * values documents): maps merge recursively, everything else (lists included)
 * replaces, nulls are kept.
 */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(a)) put(out, k, v);
  for (const [k, v] of Object.entries(b)) {
    if (isTable(v) && hasOwn(out, k) && isTable(out[k])) put(out, k, mergeMaps(out[k] as Values, v));
    else put(out, k, v);
  }
  return out;
}

/** One parsed document as a values map; `prefix` starts every error message. */
function documentValues(doc: Document.Parsed, text: string, prefix: string): Values {
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const reason = err.message.split(' at line ')[0]!.split('\n')[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    throw new ValuesError(`${prefix}${where}${reason}`);
  }
  // JS objects cannot have a list or map as a key: the yaml library would
  // stringify it behind a Node warning on stderr. Helm refuses such a key
  // ("invalid map key"); so does skiff, naming where it is.
  const key = collectionKey(doc);
  if (key) {
    const [line, col] = position(text, key.offset);
    throw new ValuesError(`${prefix}line ${line}, column ${col}: ${key.message}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10000 });
  } catch (e) {
    throw new ValuesError(`${prefix}${(e as Error).message}`);
  }
  if (value === null || value === undefined) return {};
  if (!isTable(value)) {
    const kind = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    const line = doc.contents?.range ? lineOf(text, doc.contents.range[0]) : 1;
    throw new ValuesError(`${prefix}line ${line}: values must be a map, got ${kind}`);
  }
  return normalize(value) as Values;
}

/**
 * The first map key in `doc` that is a list or a map, which no JSON data (and
 * no JS object) can hold: the yaml library would stringify it behind a Node
 * warning. Returns where it starts in the parsed text and the error to give.
 */
export function collectionKey(doc: Node | Document): { offset: number; message: string } | undefined {
  let found: { offset: number; message: string } | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      found = { offset: pair.key.range?.[0] ?? 0, message: `invalid map key: a key must be a string, number or boolean, not ${isSeq(pair.key) ? 'a list' : 'a map'}` };
      return visit.BREAK;
    },
  });
  return found;
}

function position(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return [lineOf(text, offset), offset - nl];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// YAML allows non-string keys and Buffers (!!binary); Helm turns everything
// into JSON-compatible data (keys become strings, which JS objects already do).
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Map) {
    const out: Values = {};
    for (const [k, x] of v) put(out, String(k), normalize(x));
    return out;
  }
  if (v instanceof Set) return [...v].map(normalize);
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (isTable(v)) {
    const out: Values = {};
    for (const [k, x] of Object.entries(v)) put(out, k, normalize(x));
    return out;
  }
  return v;
}
