// `skiff dashboard` beyond loopback: refused without TLS; with a certificate
// it serves HTTPS on every address and takes, besides its printed token, the
// cluster's own credentials — a service-account token (made with the real
// kubectl) whose user may list Secrets reads, one that may also create them
// writes, anyone else gets 401/403. Also the values editor's API: edited
// values checked against the recorded chart's schema, redactions kept, and an
// upgrade that shows in `skiff history`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { createCertificate, ExtKeyUsage, KeyUsage } from '../../src/x509.js';
import { CLI, run, skiff, tempDir } from '../support/cli.js';
import { kubectlBinary } from '../support/helm.js';

let rt: Runtime;
let K: string[];
let port: number;
let token: string;
let ca: string;
const children: ChildProcess[] = [];
const dir = tempDir('skiff-dash-tls-');

function selfSigned(): { cert: string; key: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = Date.now();
  const cert = createCertificate({
    subject: { cn: 'dashboard' },
    key: privateKey,
    serial: randomBytes(16),
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    isCA: true,
    keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyCertSign],
    extKeyUsage: [ExtKeyUsage.serverAuth],
    dnsNames: ['localhost'],
    ips: ['127.0.0.1'],
  });
  new X509Certificate(cert);
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

/** An HTTPS request to the dashboard on 127.0.0.1, trusting only its certificate. */
function call(path: string, opts: { method?: string; bearer?: string; body?: unknown; cookie?: string } = {}): Promise<{ status: number; json: any; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        ca,
        headers: {
          ...(opts.bearer ? { Authorization: `Bearer ${opts.bearer}` } : {}),
          ...(opts.cookie ? { Cookie: opts.cookie } : {}),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const kubectl = async (args: string[], input?: string) => {
  const r = await run(kubectlBinary(), ['--kubeconfig', rt.kubeconfigPath, ...args], { input, timeoutMs: 40_000 });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

/** A service account bound to a ClusterRole with these verbs on Secrets; resolves with a token for it. */
async function account(name: string, verbs: string[]): Promise<string> {
  await kubectl(['create', 'serviceaccount', name, '-n', 'default']);
  if (verbs.length) {
    await kubectl(['create', 'clusterrole', `${name}-secrets`, `--verb=${verbs.join(',')}`, '--resource=secrets']);
    await kubectl(['create', 'clusterrolebinding', `${name}-secrets`, `--clusterrole=${name}-secrets`, `--serviceaccount=default:${name}`]);
  }
  return kubectl(['create', 'token', name, '-n', 'default']);
}

function chart(): string {
  const c = join(dir, 'web');
  mkdirSync(join(c, 'templates'), { recursive: true });
  writeFileSync(join(c, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\nannotations:\n  skiff.dev/template-engine: go\n');
  writeFileSync(join(c, 'values.yaml'), 'replicas: 1\ndb:\n  password: changeme\n');
  writeFileSync(
    join(c, 'values.schema.json'),
    JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer', minimum: 0, maximum: 10 }, db: { type: 'object', properties: { password: { type: 'string' } } } }, required: ['replicas'] }),
  );
  writeFileSync(join(c, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: {{ .Values.replicas | quote }}\n  pw: {{ .Values.db.password | quote }}\n');
  return c;
}

test.before(async () => {
  rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  K = ['--kubeconfig', rt.kubeconfigPath];
  const tls = selfSigned();
  ca = tls.cert;
  writeFileSync(join(dir, 'tls.crt'), tls.cert);
  writeFileSync(join(dir, 'tls.key'), tls.key);
  const child = spawn(process.execPath, [CLI, 'dashboard', '--address', '0.0.0.0:0', '--tls-cert-file', join(dir, 'tls.crt'), '--tls-private-key-file', join(dir, 'tls.key'), '--allow-writes', ...K], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(https:\/\/[^\s/]+:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`skiff dashboard exited ${code}: ${out}`)));
  });
  const u = new URL(url);
  port = Number(u.port);
  token = u.searchParams.get('token')!;
  const r = await skiff(['install', 'web', chart(), '--set', 'db.password=s3cret', ...K]);
  assert.is(r.code, 0, r.stderr);
});

test.after(async () => {
  for (const c of children) c.kill('SIGTERM');
  await rt?.stop();
});

test('a non-loopback address without TLS is refused, naming the flags that allow it', async () => {
  const r = await skiff(['dashboard', '--address', '0.0.0.0:0', ...K]);
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /--address 0\.0\.0\.0:0: without TLS the dashboard listens on a loopback address only/);
  assert.match(r.stderr, /--tls-cert-file and --tls-private-key-file/);
  const half = await skiff(['dashboard', '--address', '0.0.0.0:0', '--tls-cert-file', join(dir, 'tls.crt'), ...K]);
  assert.is.not(half.code, 0);
  assert.match(half.stderr, /--tls-cert-file and --tls-private-key-file go together/);
});

test('exposed with TLS: the printed token, or a cluster token whose user may read release records', async () => {
  assert.is((await call('/api/releases')).status, 401);
  assert.is((await call('/api/releases', { bearer: 'not-a-token' })).status, 401);
  const mine = await call('/api/releases', { bearer: token });
  assert.is(mine.status, 200);
  assert.equal(mine.json.map((r: { name: string }) => r.name), ['web']);

  const [reader, writer, nobody] = await Promise.all([account('reader', ['get', 'list']), account('writer', ['get', 'list', 'create', 'update', 'patch', 'delete']), account('nobody', [])]);
  assert.is((await call('/api/releases', { bearer: nobody })).status, 401, 'a user the cluster does not let list Secrets cannot read releases');
  const read = await call('/api/releases', { bearer: reader });
  assert.is(read.status, 200);
  assert.is(read.json[0].name, 'web');
  const info = await call('/api/info', { bearer: reader });
  assert.is(info.json.allowWrites, false);
  assert.is(info.json.user, 'system:serviceaccount:default:reader');
  const refused = await call('/api/releases/default/web/rollback', { method: 'POST', bearer: reader, body: { revision: 1 } });
  assert.is(refused.status, 403);
  assert.match(refused.json.error, /user "system:serviceaccount:default:reader" may not change release records/);
  assert.is((await call('/api/info', { bearer: writer })).json.allowWrites, true);

  // A browser opens the URL with its cluster token and gets a Secure session cookie, not the token.
  const login = await call(`/?token=${encodeURIComponent(reader)}`);
  assert.is(login.status, 303);
  const cookie = String(login.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /Secure/);
  assert.not.ok(cookie.includes(reader));
  assert.is((await call('/api/releases', { cookie: cookie.split(';')[0]! })).status, 200);
});

test('values editor: schema errors and YAML errors are reported, redactions keep their value, the upgrade lands in history', async () => {
  const shown = await call('/api/releases/default/web/values', { bearer: token });
  assert.match(shown.json.text, /password: "?\(redacted: 6 bytes, sha256 [0-9a-f]{12}\)/);
  assert.not.ok(shown.json.text.includes('s3cret'));

  const bad = await call('/api/releases/default/web/values/check', { method: 'POST', bearer: token, body: { values: `${shown.json.text}replicas: 50\n` } });
  assert.is(bad.status, 200);
  assert.ok(bad.json.errors.some((e: string) => /replicas/.test(e) && /10/.test(e)), JSON.stringify(bad.json));
  const syntax = await call('/api/releases/default/web/values/check', { method: 'POST', bearer: token, body: { values: 'replicas: [1\n' } });
  assert.match(syntax.json.errors[0], /failed to parse the edited values: line \d+/);
  const forged = await call('/api/releases/default/web/values/check', { method: 'POST', bearer: token, body: { values: `replicas: 1\nother: "(redacted: 6 bytes, sha256 000000000000)"\n` } });
  assert.match(forged.json.errors[0], /^other: .* stands for a redacted value that is not at this path/);

  const refusedUpgrade = await call('/api/releases/default/web/upgrade', { method: 'POST', bearer: token, body: { values: 'replicas: 50\n' } });
  assert.is(refusedUpgrade.status, 422);
  assert.is((await skiff(['history', 'web', '-o', 'json', ...K])).stdout.match(/"revision"/g)?.length, 1, 'a refused upgrade writes no revision');

  const good = await call('/api/releases/default/web/upgrade', { method: 'POST', bearer: token, body: { values: shown.json.text.replace(/^(db:)/m, 'replicas: 3\n$1') } });
  assert.is(good.status, 200, JSON.stringify(good.json));
  assert.is(good.json.revision, 2);
  const values = await skiff(['get', 'values', 'web', '-o', 'json', ...K]);
  assert.equal(JSON.parse(values.stdout), { replicas: 3, db: { password: 's3cret' } }, 'the redacted password kept its value');
  const cm = JSON.parse(await kubectl(['get', 'configmap', 'web', '-o', 'json']));
  assert.equal(cm.data, { replicas: '3', pw: 's3cret' });
  const hist = await skiff(['history', 'web', ...K]);
  assert.match(hist.stdout, /Upgrade with values edited in the dashboard/);
});

test.run();
