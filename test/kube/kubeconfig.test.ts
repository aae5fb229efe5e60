import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { stringify } from 'yaml';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { ExecCredentialProvider } from '../../src/kube/exec-credential.js';
import { KubeConfigError, ClusterError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';
import { createPki, type TestPki } from './tls-fixture.js';

let pki: TestPki;
const dir = tempDir('skiff-kubeconfig-');

test.before(async () => {
  pki = await createPki();
});

function write(name: string, doc: unknown): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof doc === 'string' ? doc : stringify(doc));
  return p;
}

function kc(o: { clusters?: unknown[]; users?: unknown[]; contexts?: unknown[]; current?: string }): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Config', clusters: o.clusters ?? [], users: o.users ?? [], contexts: o.contexts ?? [], 'current-context': o.current };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

test('KUBECONFIG files merge with the first file winning per name and for current-context', () => {
  const a = write('merge/a.yaml', kc({
    clusters: [{ name: 'c1', cluster: { server: 'https://a.example:6443' } }],
    users: [{ name: 'u1', user: { token: 'token-a' } }],
    contexts: [{ name: 'shared', context: { cluster: 'c1', user: 'u1', namespace: 'team-a' } }],
    current: 'shared',
  }));
  const b = write('merge/b.yaml', kc({
    clusters: [{ name: 'c1', cluster: { server: 'https://b-should-lose.example' } }, { name: 'c2', cluster: { server: 'https://b.example' } }],
    users: [{ name: 'u2', user: { username: 'admin', password: 'secret' } }],
    contexts: [
      { name: 'shared', context: { cluster: 'c2', user: 'u2' } },
      { name: 'other', context: { cluster: 'c2', user: 'u2', namespace: 'team-b' } },
    ],
    current: 'other',
  }));
  const env = { KUBECONFIG: [a, join(dir, 'merge/missing.yaml'), b].join(delimiter), HOME: dir };
  const cfg = loadKubeConfig({ env });
  assert.is(cfg.contextName, 'shared');
  assert.is(cfg.server, 'https://a.example:6443');
  assert.is(cfg.auth.token, 'token-a');
  assert.is(cfg.namespace, 'team-a');
  assert.equal(cfg.files, [a, b]);

  const other = loadKubeConfig({ env, context: 'other' });
  assert.is(other.server, 'https://b.example');
  assert.is(other.auth.username, 'admin');
  assert.is(other.auth.password, 'secret');
  assert.is(other.namespace, 'team-b');

  // -n beats the context's namespace; an explicit --kubeconfig ignores KUBECONFIG.
  assert.is(loadKubeConfig({ env, context: 'other', namespace: 'ns1' }).namespace, 'ns1');
  assert.is(loadKubeConfig({ env, kubeconfig: b }).contextName, 'other');
});

test('~/.kube/config is the default and a context without namespace uses "default"', () => {
  const home = join(dir, 'home');
  write('home/.kube/config', kc({
    clusters: [{ name: 'c', cluster: { server: 'kube.internal:6443' } }],
    users: [{ name: 'u', user: {} }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    current: 'ctx',
  }));
  const cfg = loadKubeConfig({ env: { HOME: home } });
  assert.is(cfg.server, 'https://kube.internal:6443');
  assert.is(cfg.namespace, 'default');
});

test('unknown context, missing file and no kubeconfig at all are clear errors', () => {
  const f = write('errs/config', kc({
    clusters: [{ name: 'c', cluster: { server: 'https://x' } }],
    contexts: [{ name: 'dev', context: { cluster: 'c' } }, { name: 'prod', context: { cluster: 'c' } }],
    current: 'dev',
  }));
  assert.throws(() => loadKubeConfig({ kubeconfig: f, context: 'staging' }), (e: Error) =>
    e instanceof KubeConfigError && /context "staging" does not exist/.test(e.message) && /known contexts: dev, prod/.test(e.message));
  assert.throws(() => loadKubeConfig({ kubeconfig: join(dir, 'nope.yaml') }), (e: Error) =>
    e instanceof KubeConfigError && e.message.includes(join(dir, 'nope.yaml')));
  assert.throws(() => loadKubeConfig({ env: { HOME: join(dir, 'empty-home') } }), (e: Error) =>
    e instanceof KubeConfigError && /no kubeconfig found/.test(e.message));
  const broken = write('errs/broken', 'clusters: [\n');
  assert.throws(() => loadKubeConfig({ kubeconfig: broken }), (e: Error) => e instanceof KubeConfigError && e.message.includes(broken));
  const dangling = write('errs/dangling', kc({ contexts: [{ name: 'x', context: { cluster: 'ghost' } }], current: 'x' }));
  assert.throws(() => loadKubeConfig({ kubeconfig: dangling }), /cluster "ghost", which is not defined/);
});

test('relative certificate, key and token paths resolve against the kubeconfig directory', () => {
  write('rel/pki/ca.crt', pki.ca.cert);
  write('rel/pki/client.crt', pki.client.cert);
  write('rel/pki/client.key', pki.client.key);
  write('rel/token', 'file-token\n');
  const f = write('rel/config', kc({
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority': 'pki/ca.crt', 'tls-server-name': 'kube.test' } }],
    users: [{ name: 'u', user: { 'client-certificate': 'pki/client.crt', 'client-key': 'pki/client.key', tokenFile: 'token', as: 'jane', 'as-groups': ['dev', 'ops'] } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    current: 'c',
  }));
  const cfg = loadKubeConfig({ kubeconfig: f });
  assert.is(cfg.tls.ca, pki.ca.cert);
  assert.is(cfg.tls.cert, pki.client.cert);
  assert.is(cfg.tls.key, pki.client.key);
  assert.is(cfg.tls.serverName, 'kube.test');
  assert.is(cfg.auth.tokenFile, join(dir, 'rel/token'));
  assert.equal(cfg.impersonate, { user: 'jane', uid: undefined, groups: ['dev', 'ops'], extra: undefined });
});

test('a bad or missing CA and an unreadable client certificate name the file', () => {
  write('bad/ca.crt', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n');
  const mk = (cluster: Record<string, unknown>, user: Record<string, unknown> = {}): string =>
    write(`bad/config-${Math.random().toString(36).slice(2)}`, kc({
      clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1', ...cluster } }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
      current: 'c',
    }));
  assert.throws(() => loadKubeConfig({ kubeconfig: mk({ 'certificate-authority': 'ca.crt' }) }), (e: Error) =>
    e instanceof KubeConfigError && e.message.includes(join(dir, 'bad/ca.crt')) && /invalid certificate/.test(e.message));
  assert.throws(() => loadKubeConfig({ kubeconfig: mk({ 'certificate-authority': 'missing-ca.crt' }) }), (e: Error) =>
    e instanceof KubeConfigError && e.message.includes(join(dir, 'bad/missing-ca.crt')) && /no such file/.test(e.message));
  assert.throws(() => loadKubeConfig({ kubeconfig: mk({ 'certificate-authority-data': b64('hello') }) }), /certificate-authority-data is not base64-encoded PEM/);
  // A directory where the certificate should be: unreadable even for root.
  mkdirSync(join(dir, 'bad/client-dir.crt'), { recursive: true });
  write('bad/client.key', pki.client.key);
  assert.throws(() => loadKubeConfig({ kubeconfig: mk({}, { 'client-certificate': 'client-dir.crt', 'client-key': 'client.key' }) }), (e: Error) =>
    e instanceof KubeConfigError && e.message.includes(join(dir, 'bad/client-dir.crt')) && /cannot read client certificate/.test(e.message));
  assert.throws(() => loadKubeConfig({ kubeconfig: mk({}, { 'client-certificate': 'gone.crt', 'client-key': 'client.key' }) }), (e: Error) =>
    e.message.includes(join(dir, 'bad/gone.crt')));
  // --kube-ca-file names itself too.
  assert.throws(() => loadKubeConfig({ kubeconfig: mk({}), caFile: join(dir, 'bad/ca.crt') }), /--kube-ca-file/);
});

test('Helm-style overrides replace server, credentials and CA settings', () => {
  write('ovr/ca.crt', pki.ca.cert);
  const f = write('ovr/config', kc({
    clusters: [{ name: 'c', cluster: { server: 'https://old:6443', 'certificate-authority-data': b64(pki.ca.cert) } }],
    users: [{ name: 'u', user: { username: 'a', password: 'b' } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u', namespace: 'n1' } }],
    current: 'c',
  }));
  const cfg = loadKubeConfig({ kubeconfig: f, apiServer: 'https://new:443/', token: 'tok', insecureSkipTLSVerify: true });
  assert.is(cfg.server, 'https://new:443');
  assert.equal(cfg.auth, { token: 'tok' });
  assert.is(cfg.tls.insecureSkipTLSVerify, true);
  assert.is(cfg.tls.ca, undefined, 'insecure override clears the kubeconfig CA as client-go does');
  assert.is(loadKubeConfig({ kubeconfig: f, caFile: join(dir, 'ovr/ca.crt') }).tls.ca, pki.ca.cert);

  const flagsOnly = loadKubeConfig({ env: { HOME: join(dir, 'nobody') }, apiServer: 'https://10.0.0.1:6443', token: 't', namespace: 'x' });
  assert.is(flagsOnly.server, 'https://10.0.0.1:6443');
  assert.is(flagsOnly.auth.token, 't');
  assert.is(flagsOnly.namespace, 'x');
});

test('exec plugins are configured with resolved paths and validated apiVersion', () => {
  const f = write('exec/config', kc({
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
    users: [{ name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './bin/plugin', args: ['--x'], env: [{ name: 'A', value: '1' }], provideClusterInfo: true } } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    current: 'c',
  }));
  const exec = loadKubeConfig({ kubeconfig: f }).auth.exec!;
  assert.is(exec.command, join(dir, 'exec/bin/plugin'));
  assert.equal(exec.args, ['--x']);
  assert.equal(exec.env, [{ name: 'A', value: '1' }]);
  assert.is(exec.provideClusterInfo, true);
  const old = write('exec/old', kc({
    clusters: [{ name: 'c', cluster: { server: 'https://x' } }],
    users: [{ name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'x' } } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    current: 'c',
  }));
  assert.throws(() => loadKubeConfig({ kubeconfig: old }), /v1alpha1" is not supported/);
});

function pluginScript(name: string, body: string): string {
  return write(`plugins/${name}.mjs`, body);
}

test('an exec plugin gets KUBERNETES_EXEC_INFO and its env, and its credential is cached until it expires', async () => {
  const counter = join(dir, 'plugins/count');
  const script = pluginScript('token', `
import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(counter)}, 'x');
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
process.stdout.write(JSON.stringify({
  apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
  status: { token: 'tok-' + process.env.PLUGIN_SUFFIX + '-' + info.spec.cluster.server + '-' + process.argv[2], expirationTimestamp: '2030-01-01T00:00:00Z' },
}));
`);
  let now = Date.parse('2029-12-31T00:00:00Z');
  const provider = new ExecCredentialProvider(
    { command: process.execPath, args: [script, 'arg1'], env: [{ name: 'PLUGIN_SUFFIX', value: 'S' }], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: true },
    { server: 'https://srv' },
    () => now,
  );
  const a = await provider.get();
  assert.is(a.token, 'tok-S-https://srv-arg1');
  await provider.get();
  const { readFileSync } = await import('node:fs');
  assert.is(readFileSync(counter, 'utf8'), 'x', 'second call served from the cache');
  now = Date.parse('2030-01-01T00:00:00Z');
  await provider.get();
  assert.is(readFileSync(counter, 'utf8'), 'xx', 'expired credential re-runs the plugin');
  provider.invalidate();
  await provider.get();
  assert.is(readFileSync(counter, 'utf8'), 'xxx');
});

test('exec plugin failures carry the exit code, stderr and install hint', async () => {
  const failing = pluginScript('fail', `process.stderr.write('login required\\n'); process.exit(3);`);
  const p = new ExecCredentialProvider({ command: process.execPath, args: [failing], env: [], apiVersion: 'client.authentication.k8s.io/v1beta1', provideClusterInfo: false, installHint: 'install the cloud CLI' });
  try {
    await p.get();
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ClusterError);
    assert.match((e as Error).message, /exit code 3: login required/);
    assert.is((e as ClusterError).hint, 'install the cloud CLI');
  }
  const wrong = pluginScript('wrong', `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 't' } }));`);
  const q = new ExecCredentialProvider({ command: process.execPath, args: [wrong], env: [], apiVersion: 'client.authentication.k8s.io/v1beta1', provideClusterInfo: false });
  await q.get().then(() => assert.unreachable(), (e: Error) => assert.match(e.message, /does not match the configured client.authentication.k8s.io\/v1beta1/));
  const missing = new ExecCredentialProvider({ command: join(dir, 'no-such-plugin'), args: [], env: [], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: false });
  await missing.get().then(() => assert.unreachable(), (e: Error) => assert.match(e.message, /not found/));
});

test.run();
