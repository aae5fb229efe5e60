// Who may use the dashboard. On loopback: whoever holds the random token it
// printed. Exposed on another address (TLS only): also anyone the cluster
// itself vouches for — a bearer token the cluster accepts (TokenReview), whose
// user the cluster allows to read release records (list secrets in every
// namespace), and for writes to change them (create secrets) — as
// SubjectAccessReviews answer. The dashboard then acts with its own
// credentials, so nobody gets more through it than the cluster grants them
// on release records.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { KubeClient } from '../kube/client.js';
import type { KubeObject } from '../apimachinery/types.js';

export interface Caller {
  /** Who: "token" for the printed token, else the cluster's user name. */
  readonly user: string;
  readonly canWrite: boolean;
}

interface Session extends Caller {
  readonly expires: number;
}

/** How long a verdict on a cluster token (and the session cookie it buys) lasts. */
const SESSION_MS = 8 * 60 * 60 * 1000;
/** How long a verdict is trusted before the cluster is asked again for a bearer token sent on each request. */
const VERDICT_MS = 60 * 1000;
const MAX_CACHED = 1000;

export function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const AUTHN = { group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews' };
const AUTHZ = { group: 'authorization.k8s.io', version: 'v1', resource: 'subjectaccessreviews' };

/**
 * Decides callers. `clusterClient` is set only when the dashboard is exposed
 * with TLS; without it only the printed token counts.
 */
export class Access {
  private readonly sessions = new Map<string, Session>();
  /** Recent answers for bearer tokens, refusals included, so a client repeating one costs the cluster one review a minute. */
  private readonly verdicts = new Map<string, { readonly caller?: Caller; readonly expires: number }>();

  constructor(
    private readonly token: string,
    private readonly clusterClient: KubeClient | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a cluster token may stand in for the printed one. */
  get acceptsClusterCredentials(): boolean {
    return this.clusterClient !== undefined;
  }

  /** The caller a presented secret (query, header) stands for, or undefined. */
  async caller(secret: string | undefined): Promise<Caller | undefined> {
    if (!secret) return undefined;
    if (sameSecret(secret, this.token)) return { user: 'token', canWrite: true };
    if (!this.clusterClient) return undefined;
    const cached = this.verdicts.get(secret);
    if (cached && cached.expires > this.now()) return cached.caller;
    const caller = await this.review(secret);
    this.remember(this.verdicts, secret, { caller, expires: this.now() + VERDICT_MS });
    return caller;
  }

  /** The caller of a session cookie, or undefined. */
  session(id: string | undefined): Caller | undefined {
    if (!id) return undefined;
    if (sameSecret(id, this.token)) return { user: 'token', canWrite: true };
    const s = this.sessions.get(id);
    if (!s || s.expires <= this.now()) return undefined;
    return s;
  }

  /** A cookie value for `caller`: the printed token itself, or a fresh session id for a cluster user. */
  openSession(caller: Caller): string {
    if (caller.user === 'token') return this.token;
    const id = randomBytes(24).toString('base64url');
    this.remember(this.sessions, id, { ...caller, expires: this.now() + SESSION_MS });
    return id;
  }

  private remember<V extends { readonly expires: number }>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= MAX_CACHED) {
      const now = this.now();
      for (const [k, v] of map) if (v.expires <= now || map.size >= MAX_CACHED) map.delete(k);
    }
    map.set(key, value);
  }

  private async review(token: string): Promise<Caller | undefined> {
    const client = this.clusterClient!;
    const tr = await client.create<{ status?: { authenticated?: boolean; user?: { username?: string; uid?: string; groups?: string[] } } } & KubeObject>(AUTHN, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token },
    });
    const user = tr.status?.authenticated ? tr.status.user : undefined;
    if (!user?.username) return undefined;
    const allowed = async (verb: string): Promise<boolean> => {
      const sar = await client.create<{ status?: { allowed?: boolean } } & KubeObject>(AUTHZ, {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: { user: user.username, uid: user.uid, groups: user.groups ?? [], resourceAttributes: { verb, group: '', resource: 'secrets' } },
      });
      return sar.status?.allowed === true;
    };
    if (!(await allowed('list'))) return undefined;
    return { user: user.username, canWrite: await allowed('create') };
  }
}
