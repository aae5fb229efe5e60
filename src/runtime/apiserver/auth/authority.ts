// Who a request is and what it may do: authentication (the admin bearer token,
// ServiceAccount tokens, client certificates signed by the cluster CA),
// impersonation, RBAC authorization, and the API's own answers about access
// (SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview,
// LocalSubjectAccessReview, SelfSubjectReview, TokenRequest).
//
// In-process clients (scheduler, controllers, nodes) run as the trusted
// internal user system:skiff-runtime in system:masters: they go through the
// same pipeline, and RBAC lets that group do anything, as kube-apiserver's
// privileged-group authorizer does for its loopback client.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { KubeObject } from '../../../apimachinery/types.js';
import type { ApiRequest, ApiResult, UserInfo } from '../pipeline.js';
import type { ServedResource } from '../catalog.js';
import type { ObjectStore } from '../../store/types.js';
import * as E from '../status.js';
import { tokenMatches } from '../tls.js';
import { forbiddenMessage, rbacAllows, rulesFor, type Attributes, type PolicyRule, type RbacState } from './rbac.js';
import { TOKEN_ISSUER, TokenSigner } from './tokens.js';
import { checkRbacWrite } from './escalation.js';
import { getOwn } from '../../../util/own-keys.js';
import { formatRFC3339 } from '../../../util/time.js';

/** The admin user of the admin token and of `skiff cluster user add` certificates for system:masters. */
export const ADMIN_USER: UserInfo = { name: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] };

const G_RBAC = 'rbac.authorization.k8s.io';
const MIN_TOKEN_SECONDS = 600;
const DEFAULT_TOKEN_SECONDS = 3600;

export interface AuthorityOptions {
  readonly store: ObjectStore;
  readonly adminToken: string;
  /** PEM key that signs ServiceAccount tokens. */
  readonly signingKeyPem: string;
  readonly now: () => Date;
}

function storeState(store: ObjectStore): RbacState {
  const items = (resource: string, namespace?: string) => store.list({ resource, namespace }).items.map((s) => s.object);
  return {
    roles: (ns) => items(`${G_RBAC}/roles`, ns),
    roleBindings: (ns) => items(`${G_RBAC}/rolebindings`, ns),
    clusterRoles: () => items(`${G_RBAC}/clusterroles`),
    clusterRoleBindings: () => items(`${G_RBAC}/clusterrolebindings`),
  };
}

function one(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

function serviceAccountUser(ns: string, name: string, extraGroups: readonly string[] = []): UserInfo {
  return { name: `system:serviceaccount:${ns}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated', ...extraGroups] };
}

/** Authentication, impersonation and RBAC over one store. */
export class Authority {
  private readonly o: AuthorityOptions;
  private readonly signer: TokenSigner;
  private readonly state: RbacState;

  constructor(o: AuthorityOptions) {
    this.o = o;
    this.signer = new TokenSigner(o.signingKeyPem);
    this.state = storeState(o.store);
  }

  /**
   * The user an HTTP request authenticates as (client certificate verified
   * against the cluster CA, or bearer token), after impersonation headers.
   * Throws 401 for missing or invalid credentials, 403 for impersonation the user may not do.
   */
  identify(req: IncomingMessage): UserInfo {
    const user = this.authenticate(req);
    return this.impersonate(user, req);
  }

  private authenticate(req: IncomingMessage): UserInfo {
    const sock = req.socket as TLSSocket;
    // A connection's client certificate is fixed at its handshake: it is read once per connection.
    let certUser = this.certUsers.get(sock);
    if (certUser === undefined) {
      certUser = this.certificateUser(sock);
      this.certUsers.set(sock, certUser);
    }
    if (certUser) return certUser;
    return this.bearerUser(req);
  }

  private readonly certUsers = new WeakMap<object, UserInfo | null>();

  /** The user of the connection's client certificate; null without one; throws 401 for one that does not chain to the CA. */
  private certificateUser(sock: TLSSocket): UserInfo | null {
    const peer = typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate() : undefined;
    if (peer && Object.keys(peer).length > 0) {
      // A presented certificate must chain to the cluster CA; a forged one is not silently ignored.
      if (!sock.authorized) throw E.unauthorized();
      const cn = peer.subject?.CN;
      const o = peer.subject?.O as string | string[] | undefined;
      const name = Array.isArray(cn) ? cn[0] : cn;
      if (!name) throw E.unauthorized();
      const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
      return { name, groups: [...groups, 'system:authenticated'] };
    }
    return null;
  }

  private bearerUser(req: IncomingMessage): UserInfo {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) throw E.unauthorized();
    const token = m[1]!;
    if (tokenMatches(token, this.o.adminToken)) return ADMIN_USER;
    const claims = this.signer.check(token, this.o.now(), TOKEN_ISSUER);
    if (!claims) throw E.unauthorized();
    // A token outlives nothing: its ServiceAccount must still exist with the same uid.
    const sa = this.o.store.get({ resource: '/serviceaccounts', namespace: claims.namespace, name: claims.name });
    if (!sa || sa.object.metadata.uid !== claims.uid) throw E.unauthorized();
    return serviceAccountUser(claims.namespace, claims.name);
  }

  private impersonate(user: UserInfo, req: IncomingMessage): UserInfo {
    const distinct = (req as IncomingMessage & { headersDistinct?: Record<string, string[] | undefined> }).headersDistinct ?? {};
    const asUser = one(getOwn(req.headers, 'impersonate-user'));
    const asGroups = getOwn(distinct, 'impersonate-group') ?? [];
    if (asUser === undefined) {
      if (asGroups.length) throw E.failure(400, 'BadRequest', 'requested [{Group  ' + asGroups[0] + '  authentication.k8s.io/v1  }] without impersonating a user');
      return user;
    }
    const check = (a: Attributes & { resourceRequest: true }) => {
      if (!this.allowed(user, a)) throw E.forbidden({ group: a.apiGroup, resource: a.resource }, a.name ?? '', forbiddenMessage(user, a));
    };
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(asUser);
    if (sa) check({ resourceRequest: true, verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts', namespace: sa[1], name: sa[2] });
    else check({ resourceRequest: true, verb: 'impersonate', apiGroup: '', resource: 'users', name: asUser });
    for (const g of asGroups) check({ resourceRequest: true, verb: 'impersonate', apiGroup: '', resource: 'groups', name: g });
    if (sa) return serviceAccountUser(sa[1]!, sa[2]!, asGroups);
    const groups = [...asGroups];
    if (asUser !== 'system:anonymous' && !groups.includes('system:authenticated')) groups.push('system:authenticated');
    return { name: asUser, groups };
  }

  /** RBAC's decision. */
  allowed(user: UserInfo, a: Attributes): boolean {
    return rbacAllows(this.state, user, a);
  }

  /** Throws kube-apiserver's 403 unless `user` may GET/POST/... the non-resource `path`. */
  authorizePath(user: UserInfo, method: string, path: string): void {
    const verb = method === 'GET' || method === 'HEAD' ? 'get' : method.toLowerCase();
    const a: Attributes = { resourceRequest: false, verb, path };
    if (!this.allowed(user, a)) throw E.failure(403, 'Forbidden', `forbidden: ${forbiddenMessage(user, a)}`, {});
  }

  /** Throws kube-apiserver's 403 unless the request's user may do what it asks (the pipeline calls this first). */
  authorizeRequest(req: ApiRequest): void {
    const a: Attributes = {
      resourceRequest: true,
      verb: req.verb,
      apiGroup: req.ref.group,
      resource: req.ref.resource,
      subresource: req.ref.subresource,
      namespace: req.ref.namespace,
      name: req.ref.name,
    };
    if (this.allowed(req.user, a)) return;
    // A create names its object in the body; the message names the resource only, as upstream.
    throw E.forbidden({ group: req.ref.group, resource: req.ref.resource }, req.ref.name ?? '', forbiddenMessage(req.user, a));
  }

  /** Refuses RBAC writes that would grant permissions the requester does not hold (see escalation.ts). */
  admitWrite(req: ApiRequest, def: ServedResource, obj: KubeObject, old: KubeObject | undefined): void {
    checkRbacWrite({ state: this.state, allowed: (u, a) => this.allowed(u, a) }, req, def, obj, old);
  }

  /** Answers the access-review kinds and TokenRequest, or undefined for every other request. */
  handle(req: ApiRequest, def: ServedResource): ApiResult | undefined {
    if (req.verb !== 'create') return undefined;
    if (def.group === 'authorization.k8s.io') return this.review(req, def);
    if (def.group === 'authentication.k8s.io' && def.plural === 'tokenreviews') return this.tokenReview(req);
    if (def.group === 'authentication.k8s.io' && def.plural === 'selfsubjectreviews') {
      const out = { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: { creationTimestamp: null }, status: { userInfo: { username: req.user.name, groups: [...req.user.groups] } } };
      return { type: 'object', code: 201, object: out as unknown as KubeObject };
    }
    if (def.group === '' && def.plural === 'serviceaccounts' && req.ref.subresource === 'token') return this.tokenRequest(req);
    return undefined;
  }

  private review(req: ApiRequest, def: ServedResource): ApiResult {
    const body = (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as { metadata?: object; spec?: Record<string, unknown> };
    const spec = (body.spec ?? {}) as {
      resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string };
      nonResourceAttributes?: { path?: string; verb?: string };
      user?: string;
      groups?: string[];
      namespace?: string;
    };
    let subject = req.user;
    if (def.plural === 'subjectaccessreviews' || def.plural === 'localsubjectaccessreviews') {
      subject = { name: spec.user ?? '', groups: Array.isArray(spec.groups) ? spec.groups : [] };
    }
    if (def.plural === 'localsubjectaccessreviews' && spec.resourceAttributes && spec.resourceAttributes.namespace !== req.ref.namespace) {
      throw E.invalid('LocalSubjectAccessReview', 'authorization.k8s.io', '', [
        { type: 'FieldValueInvalid', field: 'metadata.namespace', message: `Invalid value: "${req.ref.namespace ?? ''}": must match spec.resourceAttributes.namespace` },
      ]);
    }
    let status: Record<string, unknown>;
    if (def.plural === 'selfsubjectrulesreviews') {
      const ns = spec.namespace ?? '';
      const rules = rulesFor(this.state, subject, ns || undefined);
      const resourceRules: PolicyRule[] = [];
      const nonResourceRules: PolicyRule[] = [];
      for (const r of rules) {
        if (r.nonResourceURLs?.length) nonResourceRules.push({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs });
        if (r.resources?.length) {
          const rr: Record<string, unknown> = { verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources };
          if (r.resourceNames?.length) rr.resourceNames = r.resourceNames;
          resourceRules.push(rr as PolicyRule);
        }
      }
      status = { resourceRules, nonResourceRules, incomplete: false };
    } else {
      const ra = spec.resourceAttributes;
      const nra = spec.nonResourceAttributes;
      if (!ra && !nra) {
        throw E.invalid(def.kind, 'authorization.k8s.io', '', [
          { type: 'FieldValueRequired', field: 'spec.resourceAttributes', message: 'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified' },
        ]);
      }
      const a: Attributes = ra
        ? { resourceRequest: true, verb: ra.verb ?? '', apiGroup: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource || undefined, namespace: ra.namespace || undefined, name: ra.name || undefined }
        : { resourceRequest: false, verb: nra!.verb ?? '', path: nra!.path ?? '' };
      const allowed = this.allowed(subject, a);
      status = allowed ? { allowed: true, reason: subject.groups.includes('system:masters') ? 'allowed by the system:masters group' : 'allowed by RBAC' } : { allowed: false };
    }
    const out = { apiVersion: 'authorization.k8s.io/v1', kind: def.kind, metadata: { ...(body.metadata ?? {}), creationTimestamp: null }, spec, status };
    return { type: 'object', code: 201, object: out as unknown as KubeObject };
  }

  /**
   * TokenReview (pkg/registry/authentication/tokenreview): who a bearer token authenticates as, for
   * the requested audiences (default: the API server's). A token that authenticates nobody is an
   * answer (authenticated false), not an error.
   */
  private tokenReview(req: ApiRequest): ApiResult {
    const body = (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as { metadata?: object; spec?: { token?: unknown; audiences?: unknown } };
    const spec = body.spec ?? {};
    const token = typeof spec.token === 'string' ? spec.token : '';
    if (!token) throw E.badRequest('token is required for TokenReview in authentication');
    const wanted = Array.isArray(spec.audiences) && spec.audiences.length ? spec.audiences.filter((a): a is string => typeof a === 'string') : [TOKEN_ISSUER];
    let status: Record<string, unknown> = { user: {} };
    if (tokenMatches(token, this.o.adminToken)) {
      // A static token is not bound to audiences: it is good for whichever were asked for.
      status = { authenticated: true, user: { username: ADMIN_USER.name, groups: [...ADMIN_USER.groups] }, audiences: wanted };
    } else {
      const now = this.o.now();
      const matched = wanted.filter((aud) => this.signer.check(token, now, aud));
      const claims = matched.length ? this.signer.check(token, now, matched[0]!) : undefined;
      const sa = claims && this.o.store.get({ resource: '/serviceaccounts', namespace: claims.namespace, name: claims.name });
      if (claims && sa && sa.object.metadata.uid === claims.uid) {
        const user = serviceAccountUser(claims.namespace, claims.name);
        status = { authenticated: true, user: { username: user.name, uid: claims.uid, groups: [...user.groups] }, audiences: matched };
      } else if (token.split('.').length === 3) status = { user: {}, error: 'invalid bearer token' };
    }
    const out = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: { ...(body.metadata ?? {}), creationTimestamp: null }, spec, status };
    return { type: 'object', code: 201, object: out as unknown as KubeObject };
  }

  private tokenRequest(req: ApiRequest): ApiResult {
    const ns = req.ref.namespace ?? '';
    const name = req.ref.name ?? '';
    const sa = this.o.store.get({ resource: '/serviceaccounts', namespace: ns, name });
    if (!sa) throw E.notFound({ group: '', resource: 'serviceaccounts' }, name);
    const spec = ((req.body as { spec?: { audiences?: string[] | null; expirationSeconds?: number | null } } | undefined)?.spec ?? {}) as {
      audiences?: string[] | null;
      expirationSeconds?: number | null;
    };
    const seconds = spec.expirationSeconds ?? DEFAULT_TOKEN_SECONDS;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < MIN_TOKEN_SECONDS) {
      throw E.invalid('TokenRequest', 'authentication.k8s.io', name, [
        { type: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${JSON.stringify(seconds)}: may not specify a duration less than 10 minutes` },
      ]);
    }
    const audiences = spec.audiences && spec.audiences.length ? spec.audiences : [TOKEN_ISSUER];
    const now = this.o.now();
    const { token, exp } = this.signer.issue({ namespace: ns, name, uid: sa.object.metadata.uid! }, audiences, now, seconds);
    const out = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: { name, namespace: ns, creationTimestamp: null },
      spec: { audiences, expirationSeconds: seconds, boundObjectRef: null },
      status: { token, expirationTimestamp: formatRFC3339(exp * 1000) },
    };
    return { type: 'object', code: 201, object: out as unknown as KubeObject };
  }
}

