// Bearer tokens for the OCI API of `skiff repo serve`, as the distribution
// token specification describes them: a request without a valid token is
// answered `401` with `WWW-Authenticate: Bearer realm=…,service=…,scope=…`;
// the client asks the realm (GET with basic credentials, or an OAuth2
// password grant by POST) for a token covering that scope, and retries with
// `Authorization: Bearer TOKEN`. Tokens are short-lived JWTs (HS256) signed
// with a key made when the server starts, so a restart invalidates them and
// clients simply fetch new ones.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** One resource a token grants actions on (`repository:NAME:pull,push`). */
export interface Access {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

/** Who asked for a token: the configured user, or anyone (anonymous reads). */
export type Principal = { readonly kind: 'user'; readonly name: string } | { readonly kind: 'anonymous' };

/** What the holder of a verified token may do. */
export interface TokenClaims {
  readonly sub: string;
  readonly access: readonly Access[];
}

/** An issued token, in the response shape of the distribution token spec. */
export interface IssuedToken {
  readonly token: string;
  readonly access_token: string;
  readonly expires_in: number;
  readonly issued_at: string;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * Parses scopes (`repository:ns/web:pull,push`, several per string when
 * space-separated) into accesses. The resource name may itself contain `:`
 * (the type is before the first colon, the actions after the last one);
 * malformed scopes are ignored, as the spec asks.
 */
export function parseScopes(scopes: Iterable<string>): Access[] {
  const out: Access[] = [];
  for (const s of scopes) {
    for (const one of s.split(' ')) {
      const first = one.indexOf(':');
      const last = one.lastIndexOf(':');
      if (first <= 0 || last <= first + 1) continue;
      const actions = one.slice(last + 1).split(',').filter(Boolean);
      if (actions.length > 0) out.push({ type: one.slice(0, first), name: one.slice(first + 1, last), actions });
    }
  }
  return out;
}

/** The scope string of an access (`repository:NAME:a,b`). */
export const scopeOf = (a: Access): string => `${a.type}:${a.name}:${a.actions.join(',')}`;

/**
 * What PRINCIPAL is granted of REQUESTED: the user pull and push (and
 * delete when deletes are enabled) on every repository; anonymous callers
 * pull only. `*` asks for every action the principal may have. Other
 * resource types (e.g. `registry:catalog:*`) are not granted.
 */
export function grant(requested: readonly Access[], who: Principal, allowDelete: boolean): Access[] {
  const allowed = who.kind === 'anonymous' ? ['pull'] : allowDelete ? ['pull', 'push', 'delete'] : ['pull', 'push'];
  const out: Access[] = [];
  for (const r of requested) {
    if (r.type !== 'repository') continue;
    const actions = r.actions.includes('*') ? allowed : allowed.filter((a) => r.actions.includes(a));
    if (actions.length > 0) out.push({ type: r.type, name: r.name, actions });
  }
  return out;
}

/** Whether CLAIMS cover every access in NEEDED. */
export function covers(claims: TokenClaims, needed: readonly Access[]): boolean {
  return needed.every((n) => n.actions.every((action) => claims.access.some((a) => a.type === n.type && a.name === n.name && a.actions.includes(action))));
}

/**
 * The access a request to the distribution API needs, from its method and
 * raw path (and `?from=` of a mount): pull for reads, push for uploads,
 * delete for DELETE of a manifest or blob; none for `/v2/` itself (any valid
 * token) or a path that is not an API route (the handler answers 404).
 */
export function accessNeeded(method: string, url: URL): Access[] {
  const m = /^\/v2\/(.+?)\/(blobs\/uploads\/?[^/]*|blobs\/[^/]+|manifests\/[^/]+|tags\/list)$/.exec(url.pathname);
  if (!m) return [];
  let name: string;
  try {
    name = decodeURIComponent(m[1]!);
  } catch {
    return [];
  }
  const read = method === 'GET' || method === 'HEAD';
  const upload = m[2]!.startsWith('blobs/uploads');
  const action = read ? 'pull' : method === 'DELETE' && !upload ? 'delete' : 'push';
  const out: Access[] = [{ type: 'repository', name, actions: action === 'push' ? ['pull', 'push'] : [action] }];
  const from = upload && method === 'POST' ? url.searchParams.get('from') : null;
  if (from && from !== name) out.push({ type: 'repository', name: from, actions: ['pull'] });
  return out;
}

/** Issues and verifies the tokens of one server (the signing key lives as long as the process). */
export class TokenAuthority {
  private readonly key = randomBytes(32);

  constructor(
    readonly service: string,
    private readonly ttlSeconds = 300,
  ) {}

  /** A token for SUBJECT ('' when anonymous) granting ACCESS, valid for the TTL from NOW. */
  issue(subject: string, access: readonly Access[], now = Date.now()): IssuedToken {
    const iat = Math.floor(now / 1000);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const claims = { iss: 'skiff repo serve', sub: subject, aud: this.service, iat, nbf: iat - 60, exp: iat + this.ttlSeconds, jti: randomUUID(), access };
    const body = `${header}.${b64url(JSON.stringify(claims))}`;
    const token = `${body}.${this.sign(body)}`;
    return { token, access_token: token, expires_in: this.ttlSeconds, issued_at: new Date(iat * 1000).toISOString() };
  }

  /** The claims of TOKEN when it was issued here for this service and has not expired; otherwise undefined. */
  verify(token: string, now = Date.now()): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const want = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const got = Buffer.from(parts[2]!);
    if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
    let claims: { sub?: unknown; aud?: unknown; exp?: unknown; nbf?: unknown; access?: unknown };
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return undefined;
    }
    const t = now / 1000;
    if (claims.aud !== this.service || typeof claims.exp !== 'number' || t >= claims.exp || typeof claims.nbf !== 'number' || t < claims.nbf) return undefined;
    if (!Array.isArray(claims.access)) return undefined;
    return { sub: String(claims.sub ?? ''), access: claims.access as Access[] };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}
