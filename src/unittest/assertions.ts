// helm-unittest's assertion types, each judging the documents it is given
// (already chosen by template, documentIndex and documentSelector). A failure
// comes back as lines of explanation, expected and actual, as helm-unittest
// prints them; `not: true` inverts the judgement.
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { select } from './path.js';

/** One rendered document: the parsed object (or {raw} for text such as NOTES.txt) and where it came from. */
export interface Doc {
  readonly template: string;
  readonly index: number;
  readonly value: unknown;
  readonly raw: string;
}

/** What an assertion sees. */
export interface AssertContext {
  readonly docs: readonly Doc[];
  /** The render error, when the render failed. */
  readonly renderError?: string;
  /** Compares against the stored snapshot; returns undefined when it matches, else the cached text. */
  readonly snapshot: (content: unknown) => { ok: boolean; cached?: string; actual: string };
}

export type Verdict = { readonly pass: boolean; readonly lines: readonly string[] };

type Check = (p: Record<string, unknown>, ctx: AssertContext, not: boolean) => Verdict;

/** YAML as helm-unittest prints values: sorted keys, two-space indent, sequences indented. */
export function toYaml(v: unknown): string {
  return stringify(v, { indent: 2, indentSeq: true, sortMapEntries: true, lineWidth: 0, minContentWidth: 0 });
}

function diff(expected: string, actual: string): string[] {
  const e = expected.replace(/\n$/, '').split('\n');
  const a = actual.replace(/\n$/, '').split('\n');
  const out = ['Diff:', '  --- Expected', '  +++ Actual'];
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  let j = 0;
  while (j < e.length - i && j < a.length - i && e[e.length - 1 - j] === a[a.length - 1 - j]) j++;
  for (const l of e.slice(Math.max(0, i - 2), i)) out.push(`   ${l}`);
  for (const l of e.slice(i, e.length - j)) out.push(`  -${l}`);
  for (const l of a.slice(i, a.length - j)) out.push(`  +${l}`);
  for (const l of e.slice(e.length - j, e.length - j + 2)) out.push(`   ${l}`);
  return out;
}

const block = (title: string, v: unknown) => [`${title}:`, ...toYaml(v).replace(/\n$/, '').split('\n').map((l) => `  ${l}`)];
const where = (d: Doc) => [`Template: ${d.template}`, `DocumentIndex: ${d.index}`];

function needPath(p: Record<string, unknown>): string {
  if (typeof p.path !== 'string') throw new Error('missing "path"');
  return p.path;
}

/** Runs `fn` on every document; the assertion passes when every document passes (after `not`). */
// A check's lines explain a failure: those that print values as YAML are made only for a document that fails.
function eachDoc(ctx: AssertContext, not: boolean, fn: (d: Doc) => { ok: boolean; lines: string[] | (() => string[]) }): Verdict {
  if (ctx.renderError) return { pass: false, lines: ['Error:', `  ${ctx.renderError}`] };
  if (ctx.docs.length === 0) return { pass: false, lines: ['Error:', '  no manifest found'] };
  const lines: string[] = [];
  for (const d of ctx.docs) {
    const r = fn(d);
    if (r.ok === not) lines.push(...where(d), ...(typeof r.lines === 'function' ? r.lines() : r.lines));
  }
  return { pass: lines.length === 0, lines };
}

function atPath(d: Doc, path: string): { found: boolean; value: unknown } {
  const hits = select(d.value, path);
  return hits.length ? { found: true, value: hits.length === 1 ? hits[0] : hits } : { found: false, value: undefined };
}

function decode(v: unknown, p: Record<string, unknown>): unknown {
  return p.decodeBase64 && typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : v;
}

const valueCompare = (label: string, raw = false): Check => (p, ctx, not) =>
  eachDoc(ctx, not, (d) => {
    const actual = raw ? d.raw : decode(atPath(d, needPath(p)).value, p);
    const expected = p.value;
    const ok = raw ? String(actual).trim() === String(expected).trim() : isDeepStrictEqual(actual, expected);
    const lines = raw ? [] : [`Path: ${p.path}`];
    if (not) return { ok, lines: () => [...lines, ...block(`Expected NOT to ${label}`, expected)] };
    return { ok, lines: () => [...lines, ...block(`Expected to ${label}`, expected), ...block('Actual', actual ?? null), ...diff(toYaml(expected), toYaml(actual ?? null))] };
  });

function regex(p: Record<string, unknown>): RegExp {
  if (typeof p.pattern !== 'string') throw new Error('missing "pattern"');
  return new RegExp(p.pattern);
}

const matchRegex = (raw: boolean, invert: boolean): Check => (p, ctx, not) =>
  eachDoc(ctx, not !== invert, (d) => {
    const v = raw ? d.raw : decode(atPath(d, needPath(p)).value, p);
    if (typeof v !== 'string') return { ok: invert, lines: () => [raw ? '' : `Path: ${p.path}`, `Error: expected a string, got ${toYaml(v ?? null).trim()}`].filter(Boolean) };
    const ok = regex(p).test(v);
    return { ok, lines: () => [...(raw ? [] : [`Path: ${p.path}`]), `Expected${(not !== invert) ? ' NOT' : ''} to match: ${p.pattern}`, ...block('Actual', v)] };
  });

function containsMatch(list: unknown, content: unknown, any: boolean): number {
  if (!Array.isArray(list)) return -1;
  return list.filter((x) => (any ? isSubset(x, content) : isDeepStrictEqual(x, content))).length;
}

function isSubset(obj: unknown, sub: unknown): boolean {
  if (sub && typeof sub === 'object' && !Array.isArray(sub)) {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return false;
    return Object.entries(sub).every(([k, v]) => Object.prototype.hasOwnProperty.call(obj, k) && isSubset((obj as Record<string, unknown>)[k], v));
  }
  return isDeepStrictEqual(obj, sub);
}

const contains: Check = (p, ctx, not) =>
  eachDoc(ctx, not, (d) => {
    const { value } = atPath(d, needPath(p));
    const n = containsMatch(value, p.content, p.any === true);
    const ok = p.count !== undefined ? n === p.count : n > 0;
    return { ok, lines: () => [`Path: ${p.path}`, ...block(`Expected${not ? ' NOT' : ''} to contain${p.count !== undefined ? ` ${p.count} time(s)` : ''}`, [p.content]), ...block('Actual', value ?? null)] };
  });

const presence = (test: (found: boolean, v: unknown) => boolean, label: string): Check => (p, ctx, not) =>
  eachDoc(ctx, not, (d) => {
    const { found, value } = atPath(d, needPath(p));
    return { ok: test(found, value), lines: () => [`Path: ${p.path}`, `Expected${not ? ' NOT' : ''} to ${label}`, ...block('Actual', found ? value ?? null : '(not found)')] };
  });

const empty = (v: unknown) => v === null || v === undefined || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** The Go type name helm-unittest's isType compares with. */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

const ofField = (field: 'kind' | 'apiVersion'): Check => (p, ctx, not) =>
  eachDoc(ctx, not, (d) => {
    const actual = (d.value as Record<string, unknown> | null)?.[field];
    return { ok: actual === p.of, lines: [`Expected${not ? ' NOT' : ''} to be ${field}: ${p.of}`, `Actual: ${actual ?? '(none)'}`] };
  });

const compareNum = (op: '>=' | '<='): Check => (p, ctx, not) =>
  eachDoc(ctx, not, (d) => {
    const { value } = atPath(d, needPath(p));
    const ok = typeof value === typeof p.value && (typeof value === 'number' || typeof value === 'string') ? (op === '>=' ? (value as number) >= (p.value as number) : (value as number) <= (p.value as number)) : false;
    return { ok, lines: () => [`Path: ${p.path}`, `Expected${not ? ' NOT' : ''} ${op} ${toYaml(p.value).trim()}`, ...block('Actual', value ?? null)] };
  });

const lengthEqual: Check = (p, ctx, not) =>
  eachDoc(ctx, not, (d) => {
    const paths = Array.isArray(p.paths) ? (p.paths as string[]) : [needPath(p)];
    const lens = paths.map((x) => {
      const v = atPath(d, x).value;
      return Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : -1;
    });
    const ok = lens.every((l) => l >= 0) && (p.count !== undefined ? lens.every((l) => l === p.count) : new Set(lens).size === 1);
    return { ok, lines: [`Paths: ${paths.join(', ')}`, `Expected${not ? ' NOT' : ''} length: ${p.count ?? 'all equal'}`, `Actual: ${lens.map((l) => (l < 0 ? '(not a list or map)' : l)).join(', ')}`] };
  });

const failedTemplate: Check = (p, ctx, not) => {
  const err = ctx.renderError;
  let ok = err !== undefined;
  if (ok && typeof p.errorMessage === 'string') ok = err === p.errorMessage || err!.endsWith(`: ${p.errorMessage}`);
  if (ok && typeof p.errorPattern === 'string') ok = new RegExp(p.errorPattern).test(err!);
  if (ok !== not) return { pass: true, lines: [] };
  return { pass: false, lines: [`Expected${not ? ' NOT' : ''} to fail${p.errorMessage ? ` with: ${p.errorMessage}` : p.errorPattern ? ` matching: ${p.errorPattern}` : ''}`, `Actual: ${err ?? 'the templates rendered without error'}`] };
};

const containsDocument: Check = (p, ctx, not) => {
  if (ctx.renderError) return { pass: false, lines: ['Error:', `  ${ctx.renderError}`] };
  const want = (d: Doc) => {
    const o = (d.value ?? {}) as Record<string, any>;
    return o.kind === p.kind && o.apiVersion === p.apiVersion && (p.name === undefined || o.metadata?.name === p.name) && (p.namespace === undefined || o.metadata?.namespace === p.namespace);
  };
  const found = ctx.docs.some(want);
  if (found !== not) return { pass: true, lines: [] };
  return { pass: false, lines: [`Expected${not ? ' NOT' : ''} to contain document: ${p.apiVersion} ${p.kind}${p.name ? ` ${p.name}` : ''}${p.namespace ? ` in ${p.namespace}` : ''}`] };
};

const hasDocuments: Check = (p, ctx, not) => {
  if (ctx.renderError) return { pass: false, lines: ['Error:', `  ${ctx.renderError}`] };
  const ok = ctx.docs.length === p.count;
  if (ok !== not) return { pass: true, lines: [] };
  return { pass: false, lines: [`Expected documents count${not ? ' NOT' : ''} to be: ${p.count}`, `Actual: ${ctx.docs.length}`] };
};

const snapshot = (raw: boolean): Check => (p, ctx, not) =>
  eachDoc(ctx, not, (d) => {
    const content = raw ? d.raw : p.path !== undefined ? atPath(d, needPath(p)).value ?? null : d.value;
    const r = ctx.snapshot(content);
    let ok = r.ok;
    if (ok && typeof p.matchRegex === 'object' && p.matchRegex) ok = new RegExp(String((p.matchRegex as any).pattern)).test(r.actual);
    if (ok && typeof p.notMatchRegex === 'object' && p.notMatchRegex) ok = !new RegExp(String((p.notMatchRegex as any).pattern)).test(r.actual);
    return { ok, lines: () => [...(p.path ? [`Path: ${p.path}`] : []), `Expected${not ? ' NOT' : ''} to match snapshot ${r.cached === undefined ? '(no stored snapshot)' : ''}`.trimEnd(), ...(r.cached !== undefined ? diff(r.cached, r.actual) : [])] };
  });

const CHECKS: Readonly<Record<string, Check>> = {
  equal: valueCompare('equal'),
  notEqual: (p, c, n) => valueCompare('equal')(p, c, !n),
  equalRaw: valueCompare('equal', true),
  notEqualRaw: (p, c, n) => valueCompare('equal', true)(p, c, !n),
  matchRegex: matchRegex(false, false),
  notMatchRegex: matchRegex(false, true),
  matchRegexRaw: matchRegex(true, false),
  notMatchRegexRaw: matchRegex(true, true),
  contains,
  notContains: (p, c, n) => contains(p, c, !n),
  isKind: ofField('kind'),
  isAPIVersion: ofField('apiVersion'),
  hasDocuments,
  exists: presence((f) => f, 'exist'),
  notExists: presence((f) => !f, 'not exist'),
  isNull: presence((f, v) => f && v === null, 'be null'),
  isNotNull: presence((f, v) => f && v !== null, 'not be null'),
  isEmpty: presence((_f, v) => empty(v), 'be empty'),
  isNotEmpty: presence((_f, v) => !empty(v), 'not be empty'),
  isNullOrEmpty: presence((_f, v) => empty(v), 'be null or empty'),
  isNotNullOrEmpty: presence((_f, v) => !empty(v), 'not be null or empty'),
  isSubset: (p, ctx, not) => eachDoc(ctx, not, (d) => {
    const { value } = atPath(d, needPath(p));
    return { ok: isSubset(value, p.content), lines: () => [`Path: ${p.path}`, ...block(`Expected${not ? ' NOT' : ''} to contain subset`, p.content ?? null), ...block('Actual', value ?? null)] };
  }),
  isNotSubset: (p, c, n) => CHECKS.isSubset!(p, c, !n),
  isType: (p, ctx, not) => eachDoc(ctx, not, (d) => {
    const { value } = atPath(d, needPath(p));
    return { ok: goType(value) === p.type, lines: [`Path: ${p.path}`, `Expected${not ? ' NOT' : ''} to be of type: ${p.type}`, `Actual: ${goType(value)}`] };
  }),
  lengthEqual,
  notLengthEqual: (p, c, n) => lengthEqual(p, c, !n),
  greaterOrEqual: compareNum('>='),
  notGreaterOrEqual: (p, c, n) => compareNum('>=')(p, c, !n),
  lessOrEqual: compareNum('<='),
  notLessOrEqual: (p, c, n) => compareNum('<=')(p, c, !n),
  failedTemplate,
  notFailedTemplate: (p, c, n) => failedTemplate(p, c, !n),
  containsDocument,
  matchSnapshot: snapshot(false),
  matchSnapshotRaw: snapshot(true),
};

/** Every assertion name a suite may use. */
export const ASSERTION_TYPES: ReadonlySet<string> = new Set(Object.keys(CHECKS));

/** Judges one assertion; throws Error for bad parameters (the runner adds file and line). */
export function judge(type: string, params: Record<string, unknown>, ctx: AssertContext, not: boolean): Verdict {
  return CHECKS[type]!(params, ctx, not);
}
