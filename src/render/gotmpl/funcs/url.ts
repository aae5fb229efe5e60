// Sprig's urlParse and urlJoin with Go's net/url: Parse's split into
// scheme, userinfo, host, path (unescaped), raw query and fragment, and
// URL.String's re-escaping.
import type { GoFunc } from '../func-types.js';
import { goKindOf } from '../value.js';
import { fn, FuncError, MAP } from './define.js';

type Mode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

/** net/url's shouldEscape. */
function shouldEscape(c: string, mode: Mode): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  if (mode === 'host' || mode === 'zone') {
    if ("!$&'()*+,;=:[]<>\"".includes(c)) return false;
  }
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    switch (mode) {
      case 'path': return c === '?';
      case 'pathSegment': return c === '/' || c === ';' || c === ',' || c === '?';
      case 'userPassword': return c === '@' || c === '/' || c === '?' || c === ':';
      case 'queryComponent': return true;
      case 'fragment': return false;
      default: break;
    }
  }
  if (mode === 'fragment' && (c === '!' || c === '(' || c === ')' || c === '*')) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of Buffer.from(s)) {
    const c = String.fromCharCode(b);
    if (b < 0x80 && !shouldEscape(c, mode)) out += c;
    else if (c === ' ' && mode === 'queryComponent') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

class UrlError extends Error {}

/** net/url's unescape: %XX decoded; a bad escape is an error. */
function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  const src = Buffer.from(s);
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x25) {
      const hex = src.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        const bad = src.subarray(i, Math.min(i + 3, src.length)).toString('utf8');
        throw new UrlError(`invalid URL escape ${JSON.stringify(bad)}`);
      }
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (mode === 'queryComponent' && src[i] === 0x2b) bytes.push(0x20);
    else bytes.push(src[i]!);
  }
  return Buffer.from(bytes).toString('utf8');
}

interface Url {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
  forceQuery: boolean;
  omitHost: boolean;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new UrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parseAuthority(authority: string): { user?: Url['user']; host: string } {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (host.startsWith('[') && !host.includes(']')) throw new UrlError("missing ']' in host");
  if (/%(?![0-9A-Fa-f]{2})/.test(host) && !host.startsWith('[')) throw new UrlError(`invalid URL escape ${JSON.stringify(host.slice(host.indexOf('%'), host.indexOf('%') + 3))}`);
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !host.startsWith('[')) {
    const port = host.slice(colon + 1);
    if (!/^\d*$/.test(port)) throw new UrlError(`invalid port ${JSON.stringify(':' + port)} after host`);
  }
  if (at < 0) return { host: unescape(host, 'host') };
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new UrlError('net/url: invalid userinfo');
  const c = userinfo.indexOf(':');
  const user = c < 0 ? { username: unescape(userinfo, 'userPassword') } : { username: unescape(userinfo.slice(0, c), 'userPassword'), password: unescape(userinfo.slice(c + 1), 'userPassword') };
  return { user, host: unescape(host, 'host') };
}

/** url.Parse. */
function parse(rawURL: string): Url {
  const hash = rawURL.indexOf('#');
  const u = hash < 0 ? rawURL : rawURL.slice(0, hash);
  const frag = hash < 0 ? '' : rawURL.slice(hash + 1);
  try {
    const url = parseNoFrag(u);
    url.fragment = unescape(frag, 'fragment');
    return url;
  } catch (e) {
    if (e instanceof UrlError) throw new FuncError(`unable to parse url: parse ${JSON.stringify(rawURL)}: ${e.message}`);
    throw e;
  }
}

function parseNoFrag(raw: string): Url {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError('net/url: invalid control character in URL');
  const url: Url = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', fragment: '', forceQuery: false, omitHost: false };
  if (raw === '*') { url.path = '*'; return url; }
  let [scheme, rest] = getScheme(raw);
  url.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && (rest.match(/\?/g) ?? []).length === 1) { url.forceQuery = true; rest = rest.slice(0, -1); }
  else {
    const q = rest.indexOf('?');
    if (q >= 0) { url.rawQuery = rest.slice(q + 1); rest = rest.slice(0, q); }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') { url.opaque = rest; return url; }
    const seg = rest.split('/')[0]!;
    if (seg.includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) { rest = authority.slice(slash); authority = authority.slice(0, slash); }
    const a = parseAuthority(authority);
    url.user = a.user;
    url.host = a.host;
  } else if (url.scheme !== '' && rest.startsWith('/')) url.omitHost = true;
  url.path = unescape(rest, 'path');
  return url;
}

function hostname(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host.slice(1) : host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  return colon >= 0 && /^\d*$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host;
}

function userString(u: NonNullable<Url['user']>): string {
  let s = escape(u.username, 'userPassword');
  if (u.password !== undefined) s += ':' + escape(u.password, 'userPassword');
  return s;
}

function urlParse(v: string): Record<string, unknown> {
  const u = parse(v);
  return { scheme: u.scheme, host: u.host, hostname: hostname(u.host), path: u.path, query: u.rawQuery, opaque: u.opaque, fragment: u.fragment, userinfo: u.user ? userString(u.user) : '' };
}

/** URL.String. */
function urlString(u: Url): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') buf += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
      if (!(u.omitHost && u.host === '' && u.user === undefined)) {
        if (u.host !== '' || u.path !== '' || u.user !== undefined) buf += '//';
        if (u.user) buf += userString(u.user) + '@';
        if (u.host !== '') buf += escape(u.host, 'host');
      }
    }
    const path = escape(u.path, 'path');
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '' && path.split('/')[0]!.includes(':')) buf += './';
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escape(u.fragment, 'fragment');
  return buf;
}

function field(d: Record<string, unknown> | null, key: string): string {
  if (d === null || !Object.hasOwn(d, key)) return '';
  const v = d[key];
  if (typeof v !== 'string') throw new FuncError(`unable to parse ${key} key, must be of type string, but ${v === null || v === undefined ? 'invalid' : goKindOf(v)} found`);
  return v;
}

function urlJoin(d: Record<string, unknown> | null): string {
  const u: Url = { scheme: field(d, 'scheme'), host: field(d, 'host'), path: field(d, 'path'), rawQuery: field(d, 'query'), opaque: field(d, 'opaque'), fragment: field(d, 'fragment'), forceQuery: false, omitHost: false };
  const userinfo = field(d, 'userinfo');
  if (userinfo !== '') {
    try {
      u.user = parseAuthority(`${userinfo}@host`).user;
    } catch (e) {
      throw new FuncError(`unable to parse userinfo in dict: parse ${JSON.stringify(`proto://${userinfo}@host`)}: ${(e as Error).message}`);
    }
  }
  return urlString(u);
}

export const URL_FUNCS: Record<string, GoFunc> = {
  urlParse: fn(['string'], MAP, urlParse),
  urlJoin: fn([MAP], 'string', urlJoin),
};
