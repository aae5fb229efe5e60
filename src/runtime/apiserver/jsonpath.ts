// The subset of kubectl JSONPath that printer columns and scale paths use:
// `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.k=="v")].b`, and `['dotted.key']`.
import { getOwn, hasOwn, setOwn } from '../../util/own-keys.js';

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'filter'; path: string[]; value: string };

function parse(path: string): Step[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  if (p.startsWith('$')) p = p.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < p.length) {
    if (p[i] === '.') {
      i++;
      let key = '';
      while (i < p.length && p[i] !== '.' && p[i] !== '[') key += p[i++];
      if (key) steps.push({ kind: 'key', key });
    } else if (p[i] === '[') {
      const end = p.indexOf(']', i);
      if (end < 0) throw new Error(`unterminated [ in ${path}`);
      const inner = p.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'key', key: inner.slice(1, -1) });
      else {
        const m = /^\?\(@((?:\.[^=!<> ]+)+)\s*==\s*["']?(.*?)["']?\)$/.exec(inner);
        if (!m) throw new Error(`unsupported JSONPath expression [${inner}] in ${path}`);
        steps.push({ kind: 'filter', path: m[1]!.slice(1).split('.'), value: m[2]! });
      }
    } else throw new Error(`unexpected ${p[i]} in JSONPath ${path}`);
  }
  return steps;
}

const cache = new Map<string, Step[]>();

/** Every value the path selects (empty when nothing matches). Throws on a malformed path. */
export function jsonPathValues(obj: unknown, path: string): unknown[] {
  let steps = cache.get(path);
  if (!steps) cache.set(path, (steps = parse(path)));
  let cur: unknown[] = [obj];
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || v === undefined) continue;
      if (s.kind === 'key') {
        if (typeof v === 'object' && !Array.isArray(v) && hasOwn(v as object, s.key)) next.push((v as Record<string, unknown>)[s.key]);
      } else if (s.kind === 'index') {
        if (Array.isArray(v)) {
          const x = v[s.index < 0 ? v.length + s.index : s.index];
          if (x !== undefined) next.push(x);
        }
      } else if (s.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (typeof v === 'object') next.push(...Object.values(v as object));
      } else if (Array.isArray(v)) {
        for (const el of v) {
          let x: unknown = el;
          for (const k of s.path) x = x && typeof x === 'object' ? getOwn(x as Record<string, unknown>, k) : undefined;
          if (x !== undefined && String(x) === s.value) next.push(el);
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** Sets a value at a simple dotted path (".spec.replicas"), creating objects on the way. */
export function setAtPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.replace(/^\./, '').split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    let next = getOwn(cur, k);
    if (!next || typeof next !== 'object') setOwn(cur, k, (next = {}));
    cur = next as Record<string, unknown>;
  }
  setOwn(cur, keys[keys.length - 1]!, value);
}
