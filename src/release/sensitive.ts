// Sensitive values: values a chart (values.schema.json) or the user
// (--set-sensitive, --mark-sensitive) marks as secrets. The release record
// keeps them in clear — Helm needs them to upgrade — and lists their JSON
// pointers in `sensitive_values` (a field Helm ignores); every output redacts
// them unless --show-sensitive. Schema keywords: skiff's own
// `"x-skiff-sensitive": true` and JSON Schema's standard `"writeOnly": true`.
import type { Chart, Values } from '../chart/types.js';
import { ValuesError } from '../errors.js';
import { decodePointer, encodePointer } from '../util/json-pointer.js';
import { getOwn, hasOwn } from '../util/own-keys.js';
import { coalesceTables } from '../values/coalesce.js';
import { parseSet } from '../values/strvals.js';
import type { Release } from './types.js';

export const SENSITIVE_KEYWORD = 'x-skiff-sensitive';
export const REDACTED = '<redacted>';
/** Text shorter than this is not masked in free text (it would blank out every "1" or "true"); values trees are always redacted. */
export const MIN_MASK_LENGTH = 4;

/** A schema path: keys, with ANY for "every key or index" (additionalProperties, patternProperties, items). */
const ANY = Symbol('any');
type Pattern = readonly (string | typeof ANY)[];

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

/** The paths values.schema.json marks sensitive (`x-skiff-sensitive: true` or `writeOnly: true`), following local $refs. */
export function schemaSensitivePatterns(schema: unknown): Pattern[] {
  const out: Pattern[] = [];
  if (!isObj(schema)) return out;
  const resolve = (ref: string): unknown => {
    if (!ref.startsWith('#')) return undefined;
    let cur: unknown = schema;
    for (const k of decodePointer(decodeURIComponent(ref.slice(1)))) cur = isObj(cur) ? getOwn(cur, k) : Array.isArray(cur) ? cur[Number(k)] : undefined;
    return cur;
  };
  const walk = (node: unknown, path: Pattern, refs: readonly string[]): void => {
    if (!isObj(node) || path.length > 64) return;
    if (getOwn(node, SENSITIVE_KEYWORD) === true || getOwn(node, 'writeOnly') === true) {
      out.push(path);
      return;
    }
    const ref = getOwn(node, '$ref');
    if (typeof ref === 'string' && !refs.includes(ref)) walk(resolve(ref), path, [...refs, ref]);
    const props = getOwn(node, 'properties');
    if (isObj(props)) for (const k of Object.keys(props)) walk(props[k], [...path, k], refs);
    const pattern = getOwn(node, 'patternProperties');
    if (isObj(pattern)) for (const k of Object.keys(pattern)) walk(pattern[k], [...path, ANY], refs);
    walk(getOwn(node, 'additionalProperties'), [...path, ANY], refs);
    const items = getOwn(node, 'items');
    for (const it of Array.isArray(items) ? items : [items]) walk(it, [...path, ANY], refs);
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = getOwn(node, key);
      if (Array.isArray(list)) for (const s of list) walk(s, path, refs);
    }
    for (const key of ['then', 'else']) walk(getOwn(node, key), path, refs);
  };
  walk(schema, [], []);
  return out;
}

/** The chart's sensitive patterns, its subcharts' under their value keys (alias or name). */
export function chartSensitivePatterns(chart: Chart): Pattern[] {
  const out = schemaSensitivePatterns(chart.schema);
  for (const sub of chart.dependencies) {
    const keys = new Set<string>([sub.metadata.name]);
    for (const d of chart.metadata.dependencies ?? []) if (d.name === sub.metadata.name && d.alias) keys.add(d.alias);
    for (const p of chartSensitivePatterns(sub)) for (const k of keys) out.push([k, ...p]);
  }
  return out;
}

/** The concrete pointers of `values` that `patterns` match. */
function expand(values: unknown, patterns: readonly Pattern[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, p: Pattern, at: (string | number)[]): void => {
    if (p.length === 0) {
      out.add(encodePointer(at));
      return;
    }
    const [head, ...rest] = p;
    if (Array.isArray(v)) {
      if (head === ANY) v.forEach((x, i) => walk(x, rest, [...at, i]));
      else if (/^\d+$/.test(head!) && Number(head) < v.length) walk(v[Number(head)], rest, [...at, Number(head)]);
    } else if (isObj(v)) {
      if (head === ANY) for (const k of Object.keys(v)) walk(v[k], rest, [...at, k]);
      else if (hasOwn(v, head!)) walk(v[head!], rest, [...at, head!]);
    }
  };
  for (const p of patterns) walk(values, p, []);
  return [...out];
}

function lookup(values: unknown, pointer: string): { found: boolean; value?: unknown } {
  let cur = values;
  for (const k of decodePointer(pointer)) {
    if (Array.isArray(cur) && /^\d+$/.test(k) && Number(k) < cur.length) cur = cur[Number(k)];
    else if (isObj(cur) && hasOwn(cur, k)) cur = cur[k];
    else return { found: false };
  }
  return { found: true, value: cur };
}

/** The pointers of the values a --set style expression writes (its leaves). */
function setPaths(expr: string, flag: string): string[] {
  const tree: Values = {};
  try {
    parseSet(expr, tree);
  } catch (err) {
    throw new ValuesError(`${flag} ${JSON.stringify(expr)}: ${(err as Error).message}`, { cause: err });
  }
  const out: string[] = [];
  const walk = (v: unknown, at: (string | number)[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => x !== null && walk(x, [...at, i]));
    else if (isObj(v) && Object.keys(v).length) for (const k of Object.keys(v)) walk(v[k], [...at, k]);
    else out.push(encodePointer(at));
  };
  walk(tree, []);
  return out;
}

/** `--set` key syntax ("db.password", "users[0].token") for messages, from a pointer. */
export function pointerToKey(pointer: string): string {
  return decodePointer(pointer)
    .map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : (i ? '.' : '') + k.replace(/([.\\[\]])/g, '\\$1')))
    .join('');
}

export interface SensitiveInput {
  readonly chart: Chart;
  /** The user-supplied values (with --set-sensitive applied). */
  readonly values: Values;
  /** --set-sensitive expressions (their values are already in `values`). */
  readonly setSensitive?: readonly string[];
  /** --mark-sensitive paths, in --set key syntax: values from -f files or the chart to treat as sensitive. */
  readonly markSensitive?: readonly string[];
}

/**
 * The pointers the new revision records as sensitive. Throws ValuesError,
 * before anything is written, for a --mark-sensitive path that is neither a
 * value nor described by the chart's schema.
 */
export function resolveSensitive(input: SensitiveInput): string[] {
  const all = coalesceTables(structuredClone(input.values), structuredClone(input.chart.values ?? {})) ?? {};
  const patterns = chartSensitivePatterns(input.chart);
  const out = new Set<string>(expand(all, patterns));
  for (const expr of input.setSensitive ?? []) for (const p of setPaths(expr, '--set-sensitive')) out.add(p);
  for (const key of input.markSensitive ?? []) {
    for (const p of setPaths(`${key}=x`, '--mark-sensitive')) {
      if (!lookup(all, p).found && !schemaDescribes(input.chart.schema, decodePointer(p))) {
        throw new ValuesError(`--mark-sensitive ${JSON.stringify(key)}: no value at ${pointerToKey(p)} in the values or the chart's values.schema.json`, {
          hint: 'name a value the chart or a values file sets (--set syntax: a.b[0].c), or give it with --set-sensitive key=value',
        });
      }
      out.add(p);
    }
  }
  return [...out].sort();
}

/** True when the schema has a property (or a map/list entry) at `path`. */
function schemaDescribes(schema: unknown, path: readonly string[]): boolean {
  let cur: unknown = schema;
  for (const k of path) {
    if (!isObj(cur)) return false;
    const props = getOwn(cur, 'properties');
    if (isObj(props) && hasOwn(props, k)) cur = props[k];
    else if (isObj(getOwn(cur, 'additionalProperties'))) cur = getOwn(cur, 'additionalProperties');
    else if (/^\d+$/.test(k) && isObj(getOwn(cur, 'items'))) cur = getOwn(cur, 'items');
    else return false;
  }
  return true;
}

/** An upgrade's marks: the new ones plus the previous revision's that still point at a value. */
export function carrySensitive(next: readonly string[] | undefined, previous: Release | undefined, config: Values, chart: Chart): string[] | undefined {
  const all = coalesceTables(structuredClone(config), structuredClone(chart.values ?? {})) ?? {};
  const out = new Set(next ?? []);
  for (const p of previous?.sensitive_values ?? []) if (lookup(all, p).found) out.add(p);
  return out.size ? [...out].sort() : undefined;
}

function recordSchema(rel: Release): unknown {
  if (!rel.chart.schema) return undefined;
  try {
    return JSON.parse(Buffer.from(rel.chart.schema, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The sensitive pointers of a record: those it lists, and those its chart's schema marks (records written by Helm list none). */
export function releaseSensitivePointers(rel: Release): string[] {
  const listed = Array.isArray(rel.sensitive_values) ? rel.sensitive_values.filter((p) => typeof p === 'string' && (p === '' || p.startsWith('/'))) : [];
  const patterns = schemaSensitivePatterns(recordSchema(rel));
  // Without a schema pattern the merged values are not needed (history reads hundreds of records).
  if (!patterns.length) return [...new Set(listed)].sort();
  const all = coalesceTables(structuredClone(rel.config ?? {}), structuredClone(rel.chart.values ?? {})) ?? {};
  return [...new Set([...listed, ...expand(all, patterns)])].sort();
}

/** A copy of `values` with what each pointer names replaced by "<redacted>". */
export function redactTree<T>(values: T, pointers: readonly string[]): T {
  if (!pointers.length) return values;
  const out = structuredClone(values);
  for (const p of pointers) {
    const parts = decodePointer(p);
    if (!parts.length) return REDACTED as T;
    const parent = lookup(out, encodePointer(parts.slice(0, -1)));
    const last = parts[parts.length - 1]!;
    if (!parent.found) continue;
    const c = parent.value;
    if (Array.isArray(c) && /^\d+$/.test(last) && Number(last) < c.length) c[Number(last)] = REDACTED;
    else if (isObj(c) && hasOwn(c, last)) Object.defineProperty(c, last, { value: REDACTED, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The strings to mask in free text for the values at `pointers`: each scalar, its base64 and JSON forms, and each line of a multi-line one. */
export function secretStrings(values: unknown, pointers: readonly string[]): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    if (s.length >= MIN_MASK_LENGTH) out.add(s);
  };
  const leaf = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(leaf);
    if (isObj(v)) return Object.values(v).forEach(leaf);
    if (v === null || v === undefined) return;
    const s = String(v);
    add(s);
    add(Buffer.from(s).toString('base64'));
    add(JSON.stringify(s).slice(1, -1));
    if (s.includes('\n')) for (const line of s.split('\n')) add(line.trim());
  };
  for (const p of pointers) {
    const r = lookup(values, p);
    if (r.found) leaf(r.value);
  }
  return [...out];
}

/** `text` with every occurrence of `masks` replaced by "<redacted>" (longest first, so no fragment is left). */
export function maskText(text: string, masks: readonly string[]): string {
  if (!masks.length || !text) return text;
  let out = text;
  for (const m of [...masks].sort((a, b) => b.length - a.length)) if (out.includes(m)) out = out.split(m).join(REDACTED);
  return out;
}

/** What a record's outputs must hide: the pointers, and the strings to mask in free text. */
export function releaseSecrets(rel: Release): { pointers: string[]; masks: string[] } {
  const pointers = releaseSensitivePointers(rel);
  if (!pointers.length) return { pointers, masks: [] };
  const all = coalesceTables(structuredClone(rel.config ?? {}), structuredClone(rel.chart.values ?? {})) ?? {};
  return { pointers, masks: secretStrings(all, pointers) };
}

/**
 * The record as outputs show it: sensitive values "<redacted>" in the user
 * values and the chart defaults, and masked wherever they appear in the
 * manifest, hooks, notes and description (a Secret's base64 data included).
 */
export function redactRelease(rel: Release): Release {
  const { pointers, masks } = releaseSecrets(rel);
  if (!pointers.length) return rel;
  return {
    ...rel,
    config: redactTree(rel.config ?? {}, pointers),
    chart: { ...rel.chart, values: redactTree(rel.chart.values ?? {}, pointers) },
    manifest: maskText(rel.manifest, masks),
    hooks: rel.hooks.map((h) => ({ ...h, manifest: maskText(h.manifest, masks) })),
    info: { ...rel.info, description: maskText(rel.info.description, masks), ...(rel.info.notes ? { notes: maskText(rel.info.notes, masks) } : {}) },
  };
}
