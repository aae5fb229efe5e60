// Sprig's path functions: Go's path package (slash-separated) and
// path/filepath, which on Linux, where Helm runs, behave the same.
import type { GoFunc } from '../func-types.js';
import { fn } from './define.js';

/** path.Clean: the shortest equivalent path (lexical). */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

function base(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(p.slice(0, i + 1));
}

function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

const S = 'string';

export const PATH_FUNCS: Record<string, GoFunc> = {
  base: fn([S], S, base),
  dir: fn([S], S, dir),
  clean: fn([S], S, clean),
  ext: fn([S], S, ext),
  isAbs: fn([S], 'bool', (p: string) => p.startsWith('/')),
  osBase: fn([S], S, base),
  osClean: fn([S], S, clean),
  osDir: fn([S], S, dir),
  osExt: fn([S], S, ext),
  osIsAbs: fn([S], 'bool', (p: string) => p.startsWith('/')),
};
