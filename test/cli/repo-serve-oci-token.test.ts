// Real Helm 3.17 and 4.1 (and skiff) doing the bearer-token dance against
// `skiff repo serve`: the /v2 API answers with a Bearer challenge, the
// clients fetch tokens from /token with their login and use them for push
// and pull; with --auth-anonymous-get, pulls work without any login (with
// anonymous pull tokens) while pushes are still refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageChart } from '../../src/chart/index.js';
import { serveRepository, type RepoServer } from '../../src/repo/server.js';
import { helm4Binary, helmBinary, helmHomeEnv } from '../support/helm.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { writeChart } from '../repo/helpers.js';

const work = tempDir('skiff-serve-token-');
const h3env = helmHomeEnv(join(work, 'helm3'));
const h4env = helmHomeEnv(join(work, 'helm4'));
const env = { SKIFF_HOME: join(work, 'home'), HELM_REGISTRY_CONFIG: join(work, 'skiff-registry.json') };
const helm3 = (args: string[], input?: string) => run(helmBinary(), args, { env: h3env, cwd: work, input });
const helm4 = (args: string[], input?: string) => run(helm4Binary(), args, { env: h4env, cwd: work, input });
const log: string[] = [];
let closed: RepoServer;
let open: RepoServer;
let host: string;
let openHost: string;

async function pkg(name: string, version: string): Promise<string> {
  writeChart(join(work, 'src', `${name}-${version}`), name, version);
  return (await packageChart(join(work, 'src', `${name}-${version}`, name), { destination: join(work, 'pkg') })).path;
}

/** What the token endpoint issued (`token for ci: SCOPES`) or refused since MARK. */
const tokenRequests = (mark: number) => log.slice(mark).filter((l) => l.startsWith('token '));

test.before(async () => {
  for (const d of ['closed', 'open']) mkdirSync(join(work, d));
  closed = await serveRepository({ dir: join(work, 'closed'), address: '127.0.0.1:0', basicAuth: 'ci:t0ken', log: (l) => log.push(l) });
  open = await serveRepository({ dir: join(work, 'open'), address: '127.0.0.1:0', basicAuth: 'ci:t0ken', anonymousGet: true, log: (l) => log.push(l) });
  host = new URL(closed.url).host;
  openHost = new URL(open.url).host;
});

test.after(async () => {
  await closed?.close();
  await open?.close();
});

test('Helm 3 logs in through a token, a wrong password is refused at the token endpoint', async () => {
  const mark = log.length;
  const bad = await helm3(['registry', 'login', host, '--username', 'ci', '--password', 'wrong', '--insecure']);
  assert.is.not(bad.code, 0, 'a wrong password is refused');
  assert.equal(tokenRequests(mark), ['token refused: incorrect username or password'], log.slice(mark).join('\n'));
  const good = await helm3(['registry', 'login', host, '--username', 'ci', '--password-stdin', '--insecure'], 't0ken');
  assert.is(good.code, 0, good.stderr);
  assert.match(good.stdout + good.stderr, 'Login Succeeded');
});

test('Helm 3 pushes and Helm 4 pulls with tokens scoped to the repository', async () => {
  const archive = await pkg('hello', '1.0.0');
  let mark = log.length;
  const push = await helm3(['push', archive, `oci://${host}/charts`, '--plain-http']);
  assert.is(push.code, 0, push.stderr);
  const pushTokens = tokenRequests(mark);
  // Helm 3 asks for pull and pull,push at once (Helm 4 for pull first, then pull,push).
  assert.ok(pushTokens.some((l) => /^token for ci: .*repository:charts\/hello:pull,push /.test(l)), log.slice(mark).join('\n'));
  // Once the push token was issued, the uploads carried it: no upload was refused (Helm's first HEADs run side by side and may still be answered 401 after it).
  const after = log.slice(log.lastIndexOf(pushTokens.at(-1)!) + 1).filter((l) => !l.includes('/token'));
  assert.ok(after.some((l) => l.startsWith('PUT /v2/charts/hello/manifests/1.0.0 201')), after.join('\n'));
  assert.ok(after.filter((l) => !l.startsWith('HEAD ')).every((l) => !l.endsWith(' 401')), after.join('\n'));

  const login4 = await helm4(['registry', 'login', host, '--username', 'ci', '--password-stdin', '--plain-http'], 't0ken');
  assert.is(login4.code, 0, login4.stderr);
  mark = log.length;
  const dest = join(work, 'pulled4');
  mkdirSync(dest);
  const pull = await helm4(['pull', `oci://${host}/charts/hello`, '--version', '^1.0', '--plain-http', '-d', dest]);
  assert.is(pull.code, 0, pull.stderr);
  assert.ok(readFileSync(join(dest, 'hello-1.0.0.tgz')).equals(readFileSync(archive)));
  assert.ok(tokenRequests(mark).includes('token for ci: repository:charts/hello:pull (asked: repository:charts/hello:pull)'), log.slice(mark).join('\n'));
});

test('Helm 4 pushes and Helm 3 pulls; skiff logs in, pushes and pulls through tokens too', async () => {
  const archive = await pkg('hello', '1.1.0');
  const push = await helm4(['push', archive, `oci://${host}/charts`, '--plain-http']);
  assert.is(push.code, 0, push.stderr);
  const dest = join(work, 'pulled3');
  mkdirSync(dest);
  const pull = await helm3(['pull', `oci://${host}/charts/hello`, '--version', '1.1.0', '--plain-http', '-d', dest]);
  assert.is(pull.code, 0, pull.stderr);
  assert.ok(readFileSync(join(dest, 'hello-1.1.0.tgz')).equals(readFileSync(archive)));

  const login = await skiff(['registry', 'login', host, '-u', 'ci', '--password-stdin', '--plain-http'], { env, input: 't0ken' });
  assert.is(login.code, 0, login.stderr);
  const mark = log.length;
  const mine = await pkg('other', '0.1.0');
  const spush = await skiff(['push', mine, `oci://${host}/team`, '--plain-http'], { env });
  assert.is(spush.code, 0, spush.stderr);
  const pushTokens = tokenRequests(mark);
  assert.is(pushTokens.length, 1, `one token for the whole push:\n${log.slice(mark).join('\n')}`);
  assert.match(pushTokens[0]!, /^token for ci: repository:team\/other:pull,push /);
  const spull = await skiff(['pull', `oci://${host}/charts/hello`, '--version', '^1.1', '--plain-http', '-d', join(work, 'spulled')], { env });
  assert.is(spull.code, 0, spull.stderr);
  assert.ok(readFileSync(join(work, 'spulled', 'hello-1.1.0.tgz')).equals(readFileSync(archive)));
});

test('basic credentials sent directly still work; no credentials get the Bearer challenge', async () => {
  const basic = await fetch(`${closed.url}/v2/charts/hello/tags/list`, { headers: { authorization: 'Basic ' + Buffer.from('ci:t0ken').toString('base64') } });
  assert.is(basic.status, 200);
  assert.equal(((await basic.json()) as { tags: string[] }).tags, ['1.0.0', '1.1.0']);
  const none = await fetch(`${closed.url}/v2/charts/hello/tags/list`);
  assert.is(none.status, 401);
  assert.is(none.headers.get('www-authenticate'), `Bearer realm="http://${host}/token",service="skiff-repo-serve",scope="repository:charts/hello:pull"`);
  const anon = await fetch(`${closed.url}/token?service=skiff-repo-serve&scope=repository:charts/hello:pull`);
  assert.is(anon.status, 401, 'no anonymous tokens unless --auth-anonymous-get');
  const pull = await helm4(['show', 'chart', `oci://${host}/charts/hello`, '--version', '1.0.0', '--plain-http']);
  assert.is(pull.code, 0, pull.stderr);
});

test('with --auth-anonymous-get: Helm and skiff pull without logging in, pushes still need the login', async () => {
  const archive = await pkg('pub', '2.0.0');
  const up = await skiff(['push', archive, `oci://${openHost}/pub`, '--plain-http'], { env: { ...env, HELM_REGISTRY_CONFIG: join(work, 'nobody.json') } });
  assert.is.not(up.code, 0, 'an anonymous push is refused');
  assert.match(up.stderr, 'anonymous access is read-only');
  const h3push = await helm3(['push', archive, `oci://${openHost}`, '--plain-http', '--username', 'ci', '--password', 't0ken']);
  assert.is(h3push.code, 0, h3push.stderr);

  const fresh = helmHomeEnv(join(work, 'helm-anon'));
  const dest = join(work, 'anon');
  mkdirSync(dest);
  for (const bin of [helmBinary(), helm4Binary()]) {
    const mark = log.length;
    const pull = await run(bin, ['pull', `oci://${openHost}/pub`, '--version', '2.0.0', '--plain-http', '-d', dest], { env: fresh, cwd: work });
    assert.is(pull.code, 0, pull.stderr);
    assert.ok(tokenRequests(mark).includes('token for anonymous: repository:pub:pull (asked: repository:pub:pull)'), log.slice(mark).join('\n'));
  }
  assert.ok(readFileSync(join(dest, 'pub-2.0.0.tgz')).equals(readFileSync(archive)));
  const spull = await skiff(['pull', `oci://${openHost}/pub`, '--plain-http', '-d', join(work, 'anon-skiff')], { env: { ...env, HELM_REGISTRY_CONFIG: join(work, 'nobody.json') } });
  assert.is(spull.code, 0, spull.stderr);
  const h4push = await run(helm4Binary(), ['push', archive, `oci://${openHost}`, '--plain-http'], { env: fresh, cwd: work });
  assert.is.not(h4push.code, 0, 'Helm without a login cannot push');
  const index = await fetch(`${open.url}/index.yaml`);
  assert.is(index.status, 200, 'the classic index is readable anonymously too');
  const upload = await fetch(`${open.url}/api/charts`, { method: 'POST', body: readFileSync(archive) });
  assert.is(upload.status, 401, 'classic uploads still need the credentials');
});

test.run();
