// The document paths helm-unittest assertions take, as its yaml-jsonpath
// reads them: `spec.template.spec.containers[0].image`,
// `metadata.labels["app.kubernetes.io/name"]`, `a['b.c']`, `items[*].name`,
// `containers[?(@.name == "web")].image`, with or without a leading `$.`.
import { SkiffError } from '../errors.js';

type Segment = { key: string } | { index: number } | { all: true } | { filter: { field: string[]; value: unknown } };

/** A path that cannot be parsed; the runner adds the suite file and line. */
export class PathError extends SkiffError {
  constructor(path: string, why: string) {
    super('UNITTEST_PATH', `invalid path "${path}": ${why}`);
  }
}

const cache = new Map<string, Segment[]>();

/** Parses a path into segments; throws PathError naming what is wrong. */
export function parsePath(path: string): Segment[] {
  const hit = cache.get(path);
  if (hit) return hit;
  const segs: Segment[] = [];
  let s = path.trim();
  if (s.startsWith('$')) s = s.slice(1);
  let i = 0;
  const ident = () => {
    const m = /^[^.[\]]+/.exec(s.slice(i));
    if (!m) throw new PathError(path, `expected a key at position ${i + 1}`);
    i += m[0].length;
    return m[0];
  };
  if (s && s[0] !== '.' && s[0] !== '[') segs.push(keyOrAll(ident()));
  while (i < s.length) {
    if (s[i] === '.') {
      i++;
      if (s[i] === '.') throw new PathError(path, 'recursive descent ("..") is not supported');
      segs.push(keyOrAll(ident()));
    } else if (s[i] === '[') {
      const close = findClose(s, i, path);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') segs.push({ all: true });
      else if (/^-?\d+$/.test(inner)) segs.push({ index: Number(inner) });
      else if (/^(["']).*\1$/s.test(inner)) segs.push({ key: inner.slice(1, -1) });
      else if (inner.startsWith('?(')) segs.push({ filter: parseFilter(inner, path) });
      else throw new PathError(path, `unsupported subscript [${inner}]`);
    } else throw new PathError(path, `unexpected "${s[i]}" at position ${i + 1}`);
  }
  cache.set(path, segs);
  return segs;
}

function keyOrAll(k: string): Segment {
  return k === '*' ? { all: true } : { key: k };
}

function findClose(s: string, open: number, path: string): number {
  let quote = '';
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return j;
  }
  throw new PathError(path, 'unclosed "["');
}

function parseFilter(inner: string, path: string): { field: string[]; value: unknown } {
  const m = /^\?\(\s*@\.([\w.-]+)\s*==\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?|true|false))\s*\)$/.exec(inner);
  if (!m) throw new PathError(path, `unsupported filter [${inner}]: expected ?(@.field == value)`);
  const lit = m[4];
  return { field: m[1]!.split('.'), value: m[2] ?? m[3] ?? (lit === 'true' ? true : lit === 'false' ? false : Number(lit)) };
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Every node the path selects in `doc` (empty when nothing matches). */
export function select(doc: unknown, path: string): unknown[] {
  let nodes: unknown[] = [doc];
  for (const seg of parsePath(path)) {
    const next: unknown[] = [];
    for (const n of nodes) {
      if ('key' in seg) {
        if (n && typeof n === 'object' && !Array.isArray(n) && own(n, seg.key)) next.push((n as Record<string, unknown>)[seg.key]);
      } else if ('index' in seg) {
        if (Array.isArray(n)) {
          const idx = seg.index < 0 ? n.length + seg.index : seg.index;
          if (idx >= 0 && idx < n.length) next.push(n[idx]);
        }
      } else if ('all' in seg) {
        if (Array.isArray(n)) next.push(...n);
        else if (n && typeof n === 'object') next.push(...Object.values(n));
      } else if (Array.isArray(n)) {
        for (const item of n) {
          let v: unknown = item;
          for (const f of seg.filter.field) v = v && typeof v === 'object' && own(v, f) ? (v as Record<string, unknown>)[f] : undefined;
          if (v === seg.filter.value) next.push(item);
        }
      }
    }
    nodes = next;
  }
  return nodes;
}
