// The kubeconfig fast reader (src/kube/kubeconfig-text.ts) answers exactly as
// the YAML library on what kubeconfig writers emit, and declines the rest.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseSimpleKubeconfig } from '../../src/kube/kubeconfig-text.js';
import { renderKubeconfig } from '../../src/kube/kubeconfig-render.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { tempDir } from '../support/cli.js';
import { createPki } from './tls-fixture.js';
import { kubectlBinary } from '../support/helm.js';

const dir = tempDir('skiff-kctext-');
const CA = '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\n-----END CERTIFICATE-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Read by the fast reader (not declined) and equal to the library's reading. */
function same(text: string, what: string): void {
  const fast = parseSimpleKubeconfig(text);
  assert.ok(fast !== undefined, `${what}: declined`);
  assert.equal(fast, parse(text), what);
}

/** Declined, or equal to the library's reading; where the library fails, declined. */
function neverDifferent(text: string): void {
  let lib: unknown;
  let libFailed = false;
  try {
    lib = parse(text);
  } catch {
    libFailed = true;
  }
  const fast = parseSimpleKubeconfig(text);
  if (fast === undefined) return;
  assert.not.ok(libFailed, `read what the library refuses:\n${text}`);
  assert.equal(fast, lib, `differs from the library on:\n${text}`);
}

test("skiff's own kubeconfigs (token and client certificate) are read as the library reads them", () => {
  same(renderKubeconfig({ clusterName: 'skiff', contextName: 'skiff', userName: 'skiff-admin', url: 'https://127.0.0.1:36553', caPem: CA, credentials: { token: 'eoJw8IX5DsGKndz_IjNrcKbTU08j-svzc' } }), 'token');
  same(renderKubeconfig({ clusterName: 'skiff', contextName: 'jane', userName: 'jane', url: 'https://[::1]:6443', caPem: CA, namespace: 'team-a', credentials: { certPem: CA, keyPem: CA } }), 'certificate');
});

test('kind, k3s and cloud-CLI kubeconfigs (compact sequences, exec plugins with flags, numbers, booleans) are read as the library reads them', () => {
  same(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(CA)}
    server: https://127.0.0.1:35497
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: ${b64(CA)}
    client-key-data: ${b64(CA)}
`, 'kind');
  same(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(CA)}
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: false
    proxy-url: socks5://localhost:1080
  name: default
contexts:
- context:
    cluster: default
    namespace: kube-system
    user: default
  name: default
current-context: default
kind: Config
preferences: {}
users:
- name: default
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --region
      - us-west-2
      - eks
      - get-token
      - --cluster-name
      - my-cluster
      - --output=json
      command: aws
      env:
      - name: AWS_PROFILE
        value: prod
      - name: RETRIES
        value: '3'
      - name: EMPTY
        value: ""
      interactiveMode: IfAvailable
      provideClusterInfo: false
- name: gke
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      installHint: Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl
      provideClusterInfo: true
    token: null
    extensions:
    - extension:
        last-update: 2026-12-07T10:00:00Z
        version: 1
      name: context_info
`, 'k3s/eks/gke');
});

test('a kubeconfig written by the real kubectl is read as the library reads it', async () => {
  const file = join(dir, 'kubectl-written');
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, (await createPki()).ca.cert);
  const run = (...args: string[]) => {
    const r = spawnSync(kubectlBinary(), [...args, `--kubeconfig=${file}`], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
  };
  run('config', 'set-cluster', 'prod', '--server=https://kube.example.com:443', `--certificate-authority=${caFile}`, '--embed-certs=true');
  run('config', 'set-cluster', 'dev', '--server=http://localhost:8080', '--insecure-skip-tls-verify=true');
  run('config', 'set-credentials', 'admin', '--token=abc.def-ghi');
  run('config', 'set-credentials', 'oidc', '--exec-command=kubectl', '--exec-api-version=client.authentication.k8s.io/v1', '--exec-arg=oidc-login', '--exec-arg=get-token', '--exec-env=A=b');
  run('config', 'set-context', 'prod', '--cluster=prod', '--user=admin', '--namespace=web');
  run('config', 'set-context', 'dev', '--cluster=dev', '--user=oidc');
  run('config', 'use-context', 'prod');
  const text = readFileSync(file, 'utf8');
  same(text, 'kubectl');
  // And the loaded configuration is the one the library's reading gives.
  const cfg = loadKubeConfig({ kubeconfig: file, env: {} });
  assert.is(cfg.server, 'https://kube.example.com:443');
  assert.is(cfg.auth.token, 'abc.def-ghi');
  assert.is(cfg.namespace, 'web');
});

test('declines what it does not read (the library reads it instead), and never reads anything differently', () => {
  const declined = [
    '# a comment\napiVersion: v1\n',
    'apiVersion: v1 # trailing\n',
    '---\napiVersion: v1\n',
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: [1, 2]\n',
    'a: {b: 1}\n',
    'a: |\n  text\n',
    'a: >\n  text\n',
    'a: "esc\\n"\n',
    "a: 'it''s'\n",
    'a: plain\n  continued\n',
    'a: 1.5\n',
    'a: 0x1F\n',
    'a: 1e3\n',
    'a: .inf\n',
    'a: 0123\n',
    'a: 12345678901234567890\n',
    'a: 1\na: 2\n',
    '__proto__: {}\n',
    'null: 1\n',
    'True: 1\n',
    '"quoted": 1\n',
    'a:\n\tb: 1\n',
    'a: 1\r\nb: 2\r\n',
    '- a\n- b\n',
    'a:\n- - x\n',
    'a: b: c\n',
    'a: x:\n',
    'a: ? x\n',
    'a: -\n',
    'a:b\n',
    ' a: 1\n',
    'a: 1\n b: 2\n',
    'a:\n  - x\n   - y\n',
    '\uFEFFa: 1\n',
  ];
  for (const t of declined) {
    assert.is(parseSimpleKubeconfig(t), undefined, JSON.stringify(t));
    neverDifferent(t);
  }
  // Read, and as the library reads them.
  for (const t of [
    'a: ~\nb: null\nc: NULL\nd: true\ne: False\nf: 42\ng: -7\nh: +3\ni: 0\nj: yes\nk: off\nl: 1.2.3\nm: -foo\nn: "x: y"\no: \'x # y\'\np: ""\nq:\nr: []\ns: {}\n'.replace("'x # y'", "'x y'"),
    'a:\n-\n- b\n-   c\nd:\n  - e: 1\n    f:\n    - g\n  - h\n',
    'a:\n  b:\n    c: d\n  e: f\ng: h\n',
    'list:\n- name: x\n  value: "1"\n- name: y\n',
  ])
    same(t, JSON.stringify(t));
});

test('random documents built from kubeconfig-like pieces: read as the library reads them, or declined', () => {
  const keys = ['name', 'server', 'user', 'a-b', 'x.y', 'z_1', 'cluster', 'args'];
  const oddKeys = ['True', 'null', 'on', '__proto__', 'a b'];
  const scalars = ['v', 'https://h:1/p?q=1', 'https://[::1]:6443', '"q"', "'s'", '1', '-1', 'true', 'Yes', '~', '', '{}', '[]', '-x', '--flag=1', 'a b', 'a:b', 'a,b'];
  const oddScalars = ['007', '1.0', '@x', '*x', '%x', '"a\\"b"', '.nan', '0o17', '+', '-', ':', '?', '[1]', '{a: 1}', 'x: y', "'it''s'", '!t x', '&a x', 'x #c'];
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const pick = <T>(a: readonly T[]) => a[rnd(a.length)]!;
  function block(indent: number, depth: number): string[] {
    const pad = ' '.repeat(indent);
    const out: string[] = [];
    const n = 1 + rnd(3);
    const seq = depth > 0 && rnd(3) === 0;
    const names = [...keys].sort(() => rnd(3) - 1);
    for (let i = 0; i < n; i++) {
      const key = rnd(20) === 0 ? pick(oddKeys) : names[i]!;
      const head = seq ? `${pad}-${' '.repeat(1 + rnd(2))}` : `${pad}${key}:`;
      const r = rnd(5);
      if (depth < 3 && r === 0) out.push(head.trimEnd(), ...block(indent + 1 + rnd(3), depth + 1));
      else if (depth < 3 && r === 1 && !seq) {
        // A sequence at the key's own column (kubectl's style).
        const items = block(indent, depth + 1).filter((l) => l.startsWith(pad + '-'));
        out.push(head, ...(items.length ? items : [`${pad}- x`]));
      } else if (seq && r === 2) {
        const inner = block(head.length, depth + 1);
        out.push(head + inner[0]!.trimStart(), ...inner.slice(1));
      } else out.push(`${head} ${rnd(10) === 0 ? pick(oddScalars) : pick(scalars)}`.trimEnd());
    }
    return out;
  }
  let read = 0;
  for (let i = 0; i < 3000; i++) {
    const text = block(0, 0).join('\n') + '\n';
    neverDifferent(text);
    if (parseSimpleKubeconfig(text) !== undefined) read++;
  }
  assert.ok(read > 300, `only ${read} of 3000 read: the generator no longer exercises the reader`);
});

test.run();
