// What `list` shows of a record — its name, info and chart metadata — read
// from the front of the record without decoding the rest. Helm's JSON (and
// skiff's) writes `name`, `info` and `chart.metadata` before the chart's
// templates, values, the manifest and the hooks, which make up nearly all of a
// record; so only the first few kilobytes are inflated and scanned. Anything
// unexpected — another field order, a truncated or damaged record — falls
// back to the full decode, which gives the same answer and the same errors.
// node:zlib is taken where a record is inflated (process.getBuiltinModule): `skiff list`
// of no releases need not load it.
import { decodeRelease } from './codec.js';
import type { Release } from './types.js';

/** The part of a release `list` needs. */
export interface ReleaseSummary {
  readonly name: string;
  readonly info: Release['info'];
  readonly chart: { readonly metadata: Release['chart']['metadata'] };
}

/** Where the JSON value starting at `i` ends (exclusive), or -1 when `s` ends first. */
function valueEnd(s: string, i: number): number {
  const c = s[i];
  if (c === '"') {
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '"') return j + 1;
    }
    return -1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const d = s[j];
      if (d === '"') {
        const e = valueEnd(s, j);
        if (e < 0) return -1;
        j = e - 1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  const m = /^[^,}\]\s]+/.exec(s.slice(i, i + 64));
  return m && i + m[0].length < s.length ? i + m[0].length : -1;
}

const skipWs = (s: string, i: number) => {
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  return i;
};

type Fields = Record<string, string>;

/**
 * Reads the members of the object at `i`, handing `want` each key; it returns
 * true to stop. Returns 'done' when `want` stopped, 'end' at the object's end,
 * 'short' when `s` ends first, 'bad' for anything that is not JSON.
 */
function members(s: string, i: number, want: (key: string, from: number, to: number) => boolean): 'done' | 'end' | 'short' | 'bad' {
  i = skipWs(s, i);
  if (i >= s.length) return 'short';
  if (s[i] !== '{') return 'bad';
  i = skipWs(s, i + 1);
  if (s[i] === '}') return 'end';
  for (;;) {
    if (i >= s.length) return 'short';
    if (s[i] !== '"') return 'bad';
    const kEnd = valueEnd(s, i);
    if (kEnd < 0) return 'short';
    const key = JSON.parse(s.slice(i, kEnd)) as string;
    i = skipWs(s, kEnd);
    if (i >= s.length) return 'short';
    if (s[i] !== ':') return 'bad';
    i = skipWs(s, i + 1);
    if (i >= s.length) return 'short';
    const vEnd = key === 'chart' ? i : valueEnd(s, i);
    if (vEnd < 0) return 'short';
    if (want(key, i, vEnd)) return 'done';
    if (key === 'chart') {
      const e = valueEnd(s, i);
      if (e < 0) return 'short';
      i = e;
    } else i = vEnd;
    i = skipWs(s, i);
    if (i >= s.length) return 'short';
    if (s[i] === '}') return 'end';
    if (s[i] !== ',') return 'bad';
    i = skipWs(s, i + 1);
  }
}

/** The summary from a prefix of the record's JSON, or undefined when the prefix is too short or the shape is unusual. */
export function scanSummary(s: string): ReleaseSummary | undefined {
  const found: Fields = {};
  let short = false;
  const top = members(s, 0, (key, from, to) => {
    if (key === 'name' || key === 'info') found[key] = s.slice(from, to);
    else if (key === 'chart') {
      const r = members(s, from, (k, a, b) => {
        if (k !== 'metadata') return false;
        found.metadata = s.slice(a, b);
        return true;
      });
      if (r === 'short') short = true;
      return true;
    }
    return found.name !== undefined && found.info !== undefined && found.metadata !== undefined;
  });
  if (short || top !== 'done' || found.name === undefined || found.info === undefined || found.metadata === undefined) return undefined;
  try {
    const name: unknown = JSON.parse(found.name);
    const info = JSON.parse(found.info) as Release['info'] | null;
    const metadata = JSON.parse(found.metadata) as Release['chart']['metadata'] | null;
    if (typeof name !== 'string' || !info || typeof info !== 'object' || !metadata || typeof metadata !== 'object') return undefined;
    info.deleted ??= '';
    info.description ??= '';
    info.status ??= 'unknown';
    return { name, info, chart: { metadata } };
  } catch {
    return undefined;
  }
}

/**
 * The summary of a stored record (`data`: base64 of the gzip, or plain JSON,
 * as decodeRelease takes it): inflates a growing prefix until name, info and
 * chart metadata are complete; falls back to decodeRelease otherwise.
 */
export function decodeReleaseSummary(data: string, where: string): ReleaseSummary {
  const s = scanRecordPrefix(data);
  if (s) return s;
  const rel = decodeRelease(data, where);
  return { name: rel.name, info: rel.info, chart: { metadata: rel.chart.metadata } };
}

/** The summary from the front of a record (all of it, or its first part), or undefined. */
export function scanRecordPrefix(data: string): ReleaseSummary | undefined {
  const head = Buffer.from(data.slice(0, 8), 'base64');
  if (head.length > 2 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) {
    const { constants, gunzipSync } = process.getBuiltinModule('node:zlib');
    for (let bytes = 8192; ; bytes *= 4) {
      const chars = Math.min(data.length, Math.ceil(bytes / 3) * 4);
      let text: string;
      try {
        text = gunzipSync(Buffer.from(data.slice(0, chars), 'base64'), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 24 }).toString('utf8');
      } catch {
        break;
      }
      const s = scanSummary(text);
      if (s) return s;
      if (chars >= data.length) break;
    }
  }
  return undefined;
}
