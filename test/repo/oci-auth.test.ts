// The token side of `skiff repo serve`'s OCI API, at the protocol level: the
// Bearer challenge and its scope, tokens from /token (GET with basic
// credentials, OAuth2 password grant by POST), scope checks (a pull token
// cannot push), anonymous pull tokens only with anonymousGet, tampered and
// expired tokens refused — and the token functions themselves.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveRepository, type RepoServer } from '../../src/repo/server.js';
import { accessNeeded, covers, grant, parseScopes, TokenAuthority } from '../../src/repo/oci-token.js';
import { tempDir } from '../support/cli.js';

const work = tempDir('skiff-oci-auth-');
const basic = (u: string, p: string) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64') });
let s: RepoServer;
let anon: RepoServer;

const token = async (server: RepoServer, scope: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${server.url}/token?service=skiff-repo-serve&scope=${encodeURIComponent(scope)}`, { headers });
  return { status: r.status, body: (await r.json()) as { token?: string; access_token?: string; expires_in?: number; issued_at?: string; details?: string } };
};
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

test.before(async () => {
  mkdirSync(join(work, 'a'));
  mkdirSync(join(work, 'b'));
  s = await serveRepository({ dir: join(work, 'a'), address: '127.0.0.1:0', basicAuth: 'u:p', allowDelete: true });
  anon = await serveRepository({ dir: join(work, 'b'), address: '127.0.0.1:0', basicAuth: 'u:p', anonymousGet: true });
});
test.after(async () => {
  await s?.close();
  await anon?.close();
});

test('/v2/ without credentials: 401 with a Bearer challenge naming the token endpoint; basic still accepted', async () => {
  const r = await fetch(`${s.url}/v2/`);
  assert.is(r.status, 401);
  assert.is(r.headers.get('www-authenticate'), `Bearer realm="${s.url}/token",service="skiff-repo-serve"`);
  assert.is(((await r.json()) as { errors: { code: string }[] }).errors[0]!.code, 'UNAUTHORIZED');
  assert.is((await fetch(`${s.url}/v2/`, { headers: basic('u', 'p') })).status, 200);
  const wrong = await fetch(`${s.url}/v2/`, { headers: basic('u', 'nope') });
  assert.is(wrong.status, 401);
  assert.match(wrong.headers.get('www-authenticate')!, /^Bearer /);
  const upload = await fetch(`${s.url}/v2/ns/web/blobs/uploads/?mount=sha256:${'a'.repeat(64)}&from=other/web`, { method: 'POST' });
  assert.match(upload.headers.get('www-authenticate')!, /scope="repository:ns\/web:pull,push repository:other\/web:pull"$/);
});

test('a token from /token opens what its scope names, and nothing else', async () => {
  const t = await token(s, 'repository:ns/web:pull', basic('u', 'p'));
  assert.is(t.status, 200);
  assert.is(t.body.token, t.body.access_token);
  assert.is(t.body.expires_in, 300);
  assert.ok(!Number.isNaN(Date.parse(t.body.issued_at!)));
  assert.is((await fetch(`${s.url}/v2/`, { headers: bearer(t.body.token!) })).status, 200);
  assert.is((await fetch(`${s.url}/v2/ns/web/tags/list`, { headers: bearer(t.body.token!) })).status, 404, 'authorised; the repository is just empty');
  const other = await fetch(`${s.url}/v2/ns/other/tags/list`, { headers: bearer(t.body.token!) });
  assert.is(other.status, 401, 'another repository is not covered');
  assert.match(other.headers.get('www-authenticate')!, 'error="insufficient_scope"');
  const push = await fetch(`${s.url}/v2/ns/web/blobs/uploads/`, { method: 'POST', headers: bearer(t.body.token!) });
  assert.is(push.status, 401, 'a pull token cannot push');
  assert.match(push.headers.get('www-authenticate')!, 'scope="repository:ns/web:pull,push",error="insufficient_scope"');
  const pushToken = await token(s, 'repository:ns/web:pull,push,delete', basic('u', 'p'));
  assert.is((await fetch(`${s.url}/v2/ns/web/blobs/uploads/`, { method: 'POST', headers: bearer(pushToken.body.token!) })).status, 202);
  const tampered = pushToken.body.token!.slice(0, -2) + (pushToken.body.token!.endsWith('AA') ? 'BB' : 'AA');
  const bad = await fetch(`${s.url}/v2/`, { headers: bearer(tampered) });
  assert.is(bad.status, 401);
  assert.match(bad.headers.get('www-authenticate')!, 'error="invalid_token"');
});

test('the OAuth2 password grant (POST) issues tokens; wrong passwords, other grants and anonymous callers are refused', async () => {
  const post = (form: Record<string, string>) => fetch(`${s.url}/token`, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const ok = await post({ grant_type: 'password', username: 'u', password: 'p', service: 'skiff-repo-serve', scope: 'repository:ns/web:pull,push' });
  assert.is(ok.status, 200);
  const t = ((await ok.json()) as { access_token: string }).access_token;
  assert.is((await fetch(`${s.url}/v2/ns/web/blobs/uploads/`, { method: 'POST', headers: bearer(t) })).status, 202);
  const wrong = await post({ grant_type: 'password', username: 'u', password: 'x', scope: 'repository:ns/web:pull' });
  assert.is(wrong.status, 401);
  assert.match(await wrong.text(), 'incorrect username or password');
  const refresh = await post({ grant_type: 'refresh_token', refresh_token: 'abc' });
  assert.is(refresh.status, 400);
  assert.is(((await refresh.json()) as { error: string }).error, 'unsupported_grant_type');
  const nobody = await token(s, 'repository:ns/web:pull');
  assert.is(nobody.status, 401);
  assert.match(nobody.body.details!, 'does not allow anonymous access');
  assert.is((await token(s, 'repository:ns/web:pull', basic('u', 'x'))).status, 401);
});

test('with anonymousGet: anonymous pull tokens (never push), and the classic index readable without credentials', async () => {
  const t = await token(anon, 'repository:ns/web:pull,push');
  assert.is(t.status, 200);
  assert.is((await fetch(`${anon.url}/v2/ns/web/tags/list`, { headers: bearer(t.body.token!) })).status, 404);
  const push = await fetch(`${anon.url}/v2/ns/web/blobs/uploads/`, { method: 'POST', headers: bearer(t.body.token!) });
  assert.is(push.status, 401);
  assert.match(await push.text(), 'anonymous access is read-only');
  assert.is((await fetch(`${anon.url}/v2/ns/web/tags/list`)).status, 401, 'a bare request still gets the challenge');
  assert.is((await fetch(`${anon.url}/index.yaml`)).status, 200);
  assert.is((await fetch(`${anon.url}/api/charts`, { method: 'POST', body: 'x' })).status, 401);
  const err = await serveRepository({ dir: join(work, 'b'), address: '127.0.0.1:0', anonymousGet: true }).then(() => undefined, (e: Error) => e);
  assert.match(err?.message ?? '', '--auth-anonymous-get only makes sense with --basic-auth');
});

test('tokens: scopes parsed as the spec writes them, grants by principal, expiry and audience checked', () => {
  assert.equal(parseScopes(['repository:ns/web:pull,push repository:host:5000/x:pull', 'bad', 'registry:catalog:*']), [
    { type: 'repository', name: 'ns/web', actions: ['pull', 'push'] },
    { type: 'repository', name: 'host:5000/x', actions: ['pull'] },
    { type: 'registry', name: 'catalog', actions: ['*'] },
  ]);
  const asked = parseScopes(['repository:a:*', 'registry:catalog:*']);
  assert.equal(grant(asked, { kind: 'anonymous' }, true), [{ type: 'repository', name: 'a', actions: ['pull'] }]);
  assert.equal(grant(asked, { kind: 'user', name: 'u' }, false), [{ type: 'repository', name: 'a', actions: ['pull', 'push'] }]);
  assert.equal(grant(asked, { kind: 'user', name: 'u' }, true), [{ type: 'repository', name: 'a', actions: ['pull', 'push', 'delete'] }]);
  assert.equal(accessNeeded('DELETE', new URL('http://x/v2/a/b/manifests/1.0.0')), [{ type: 'repository', name: 'a/b', actions: ['delete'] }]);
  assert.equal(accessNeeded('GET', new URL('http://x/v2/')), []);
  const auth = new TokenAuthority('svc', 300);
  const now = Date.now();
  const t = auth.issue('u', [{ type: 'repository', name: 'a', actions: ['pull'] }], now).token;
  const claims = auth.verify(t, now + 10_000)!;
  assert.ok(covers(claims, [{ type: 'repository', name: 'a', actions: ['pull'] }]));
  assert.not.ok(covers(claims, [{ type: 'repository', name: 'a', actions: ['push'] }]));
  assert.is(auth.verify(t, now + 301_000), undefined, 'expired');
  assert.is(new TokenAuthority('svc').verify(t, now), undefined, 'signed by another server');
  assert.is(auth.verify('a.b', now), undefined);
});

test.run();
