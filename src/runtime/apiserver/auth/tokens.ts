// ServiceAccount tokens: ES256 JWTs signed with the API server's key, as
// kube-apiserver's TokenRequest issues them (claims iss/sub/aud/exp/iat/nbf and
// the kubernetes.io private claim naming the namespace and ServiceAccount).
import { createPrivateKey, createPublicKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

/** The issuer and default audience of the runtime's tokens (kube-apiserver's defaults). */
export const TOKEN_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountClaims {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly audiences: readonly string[];
  readonly exp: number;
}

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Signs and checks ServiceAccount tokens with one EC key pair. */
export class TokenSigner {
  private readonly priv: KeyObject;
  private readonly pub: KeyObject;

  constructor(keyPem: string) {
    this.priv = createPrivateKey(keyPem);
    this.pub = createPublicKey(this.priv);
  }

  /** Issues a token for the ServiceAccount valid from `now` for `seconds`. */
  issue(sa: { namespace: string; name: string; uid: string }, audiences: readonly string[], now: Date, seconds: number): { token: string; exp: number } {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + seconds;
    const head = b64({ alg: 'ES256', typ: 'JWT' });
    const body = b64({
      aud: audiences,
      exp,
      iat,
      iss: TOKEN_ISSUER,
      jti: randomUUID(),
      'kubernetes.io': { namespace: sa.namespace, serviceaccount: { name: sa.name, uid: sa.uid } },
      nbf: iat,
      sub: `system:serviceaccount:${sa.namespace}:${sa.name}`,
    });
    const sig = sign('sha256', Buffer.from(`${head}.${body}`), { key: this.priv, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return { token: `${head}.${body}.${sig}`, exp };
  }

  /** The claims of a token this signer issued that is valid at `now` for `audience`, or undefined. */
  check(token: string, now: Date, audience: string): ServiceAccountClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [head, body, sig] = parts as [string, string, string];
    try {
      const ok = verify('sha256', Buffer.from(`${head}.${body}`), { key: this.pub, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));
      if (!ok) return undefined;
      const h = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
      if (h.alg !== 'ES256') return undefined;
      const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        aud?: string[];
        exp?: number;
        nbf?: number;
        iss?: string;
        'kubernetes.io'?: { namespace?: string; serviceaccount?: { name?: string; uid?: string } };
      };
      const t = Math.floor(now.getTime() / 1000);
      if (c.iss !== TOKEN_ISSUER || typeof c.exp !== 'number' || c.exp <= t || (c.nbf ?? 0) > t + 60) return undefined;
      if (!Array.isArray(c.aud) || !c.aud.includes(audience)) return undefined;
      const k = c['kubernetes.io'];
      if (!k?.namespace || !k.serviceaccount?.name || !k.serviceaccount.uid) return undefined;
      return { namespace: k.namespace, name: k.serviceaccount.name, uid: k.serviceaccount.uid, audiences: c.aud, exp: c.exp };
    } catch {
      return undefined;
    }
  }
}
