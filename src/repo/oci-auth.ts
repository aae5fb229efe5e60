// Authentication of the OCI API of `skiff repo serve`: the bearer-token dance
// real clients (Helm through oras, docker, skiff) perform, plus HTTP Basic
// sent directly. A request to /v2/ without a valid token or credentials is
// answered 401 with a `Bearer` challenge naming the token endpoint (/token)
// and the scope the request needs; /token hands out short-lived tokens (see
// oci-token.ts) after checking basic credentials (GET) or an OAuth2 password
// grant (POST), and pull-only tokens to anyone when anonymous reads are on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ociError } from './oci-server.js';
import { accessNeeded, covers, grant, parseScopes, scopeOf, TokenAuthority, type Access, type Principal } from './oci-token.js';

/** The path of the token endpoint. */
export const TOKEN_PATH = '/token';

export interface OciAuthOptions {
  /** USER:PASS, or undefined when the server is open. */
  readonly basicAuth?: string;
  /** Anyone may pull (and get pull tokens) without credentials. */
  readonly anonymousGet?: boolean;
  /** Users' tokens may carry the delete action. */
  readonly allowDelete?: boolean;
  /** The server speaks HTTPS (the realm URL uses it). */
  readonly tls: boolean;
  /** Token lifetime in seconds (default 300). */
  readonly tokenTtlSeconds?: number;
  /** Told what each token request got (`token for ci: repository:ns/web:pull,push`). */
  readonly log?: (line: string) => void;
}

/** The `service` named in challenges and tokens. */
export const TOKEN_SERVICE = 'skiff-repo-serve';

const MAX_FORM_BYTES = 64 * 1024;

function tokenJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), 'cache-control': 'no-store', ...headers });
  res.end(data);
}

/** Authentication for /v2 requests and the token endpoint of one server. */
export class OciAuth {
  private readonly authority: TokenAuthority;
  private readonly expected?: Buffer;

  constructor(private readonly opts: OciAuthOptions) {
    this.authority = new TokenAuthority(TOKEN_SERVICE, opts.tokenTtlSeconds ?? 300);
    if (opts.basicAuth) this.expected = Buffer.from('Basic ' + Buffer.from(opts.basicAuth).toString('base64'));
  }

  /** Whether a request carries the configured basic credentials (always true on an open server). */
  basicOk(header: string | undefined): boolean {
    if (!this.expected) return true;
    const got = Buffer.from(header ?? '');
    return got.length === this.expected.length && timingSafeEqual(got, this.expected);
  }

  /**
   * Checks a /v2 request: valid basic credentials, or a bearer token whose
   * access covers what the request needs. Otherwise answers 401 with the
   * Bearer challenge (and `error="insufficient_scope"` or `"invalid_token"`)
   * and returns false.
   */
  allow(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (!this.expected) return true;
    const header = req.headers.authorization ?? '';
    const needed = accessNeeded(req.method ?? 'GET', url);
    if (/^basic /i.test(header)) {
      if (this.basicOk(header)) return true;
      this.challenge(req, res, needed, 'invalid username or password');
      return false;
    }
    if (/^bearer /i.test(header)) {
      const claims = this.authority.verify(header.slice(7).trim());
      if (claims && covers(claims, needed)) return true;
      if (!claims) this.challenge(req, res, needed, 'the bearer token is invalid or expired', 'invalid_token');
      else {
        const why = claims.sub === '' ? 'anonymous access is read-only: log in (registry login) to push or delete' : `the token does not grant ${needed.map(scopeOf).join(' ')}`;
        this.challenge(req, res, needed, why, 'insufficient_scope');
      }
      return false;
    }
    this.challenge(req, res, needed, 'authentication required');
    return false;
  }

  private challenge(req: IncomingMessage, res: ServerResponse, needed: readonly Access[], message: string, error?: string): void {
    const host = String(req.headers.host ?? '').replace(/["\\\s]/g, '');
    let value = `Bearer realm="${this.opts.tls ? 'https' : 'http'}://${host}${TOKEN_PATH}",service="${TOKEN_SERVICE}"`;
    if (needed.length > 0) value += `,scope="${needed.map(scopeOf).join(' ').replace(/["\\]/g, '')}"`;
    if (error) value += `,error="${error}"`;
    req.resume();
    ociError(res, 401, error === 'insufficient_scope' ? 'DENIED' : 'UNAUTHORIZED', message, { 'www-authenticate': value });
  }

  /**
   * The token endpoint: `GET /token?service=…&scope=…` with optional basic
   * credentials, or `POST /token` with an OAuth2 form (`grant_type=password`,
   * `username`, `password`, `scope`). Answers `{token, access_token,
   * expires_in, issued_at}` granting what the principal may do of the scopes
   * asked; 401 for wrong credentials, or no credentials when anonymous reads
   * are off.
   */
  async token(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let scopes: string[];
    let header = req.headers.authorization;
    if (req.method === 'GET' || req.method === 'HEAD') {
      scopes = url.searchParams.getAll('scope');
    } else if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      let n = 0;
      for await (const c of req) {
        n += (c as Buffer).length;
        if (n > MAX_FORM_BYTES) return tokenJson(res, 413, { error: 'invalid_request', error_description: 'token request too large' });
        chunks.push(c as Buffer);
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const grantType = form.get('grant_type');
      if (grantType !== 'password') {
        return tokenJson(res, 400, { error: 'unsupported_grant_type', error_description: `grant_type ${JSON.stringify(grantType ?? '')} is not supported (only "password")` });
      }
      header = 'Basic ' + Buffer.from(`${form.get('username') ?? ''}:${form.get('password') ?? ''}`).toString('base64');
      scopes = form.getAll('scope');
    } else {
      return tokenJson(res, 405, { error: 'invalid_request', error_description: `method ${req.method} not allowed` });
    }
    let who: Principal;
    if (!this.expected) who = { kind: 'user', name: '' };
    else if (header) {
      if (!/^basic /i.test(header) || !this.basicOk(header)) return this.refuse(res, 'incorrect username or password', scopes);
      who = { kind: 'user', name: Buffer.from(header.slice(6).trim(), 'base64').toString('utf8').split(':')[0] ?? '' };
    } else if (this.opts.anonymousGet) who = { kind: 'anonymous' };
    else return this.refuse(res, 'authentication required: this server does not allow anonymous access', scopes);
    const access = grant(parseScopes(scopes), who, !!this.opts.allowDelete);
    const subject = who.kind === 'user' ? who.name || 'user' : '';
    this.opts.log?.(`token for ${subject || 'anonymous'}: ${access.map(scopeOf).join(' ') || '(no access)'}${scopes.length ? ` (asked: ${scopes.join(' ')})` : ''}`);
    tokenJson(res, 200, this.authority.issue(subject, access));
  }

  private refuse(res: ServerResponse, message: string, scopes: readonly string[]): void {
    this.opts.log?.(`token refused: ${message}${scopes.length ? ` (asked: ${scopes.join(' ')})` : ''}`);
    tokenJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message, detail: null }], details: message }, { 'www-authenticate': 'Basic realm="skiff"' });
  }
}
