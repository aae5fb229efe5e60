// The deferred extra-CA hand-over between the skiff launcher and the CLI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rootCertificates } from 'node:tls';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adoptDeferredExtraCa, defaultTrust, runtimeProcessTls } from '../../src/tls-trust.js';
import { startRuntime } from '../../src/runtime/index.js';
import { CLI, run, tempDir } from '../support/cli.js';

const PEM = (n: number) => `-----BEGIN CERTIFICATE-----\nMIIB${n}AAAA\n-----END CERTIFICATE-----`;

test('without a deferred file Node keeps its own trust (no ca option)', () => {
  const env: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: '/x.pem' };
  adoptDeferredExtraCa(env);
  assert.equal(env, { NODE_EXTRA_CA_CERTS: '/x.pem' });
  assert.is(defaultTrust(), undefined);
});

test('a deferred file is restored for children and added to the built-in roots', () => {
  const file = join(tempDir(), 'extra.pem');
  writeFileSync(file, `comment\n${PEM(1)}\n${PEM(2)}\n`);
  const env: NodeJS.ProcessEnv = { SKIFF_EXTRA_CA_CERTS: file, PATH: '/bin' };
  adoptDeferredExtraCa(env);
  assert.equal(env, { NODE_EXTRA_CA_CERTS: file, PATH: '/bin' });
  const trust = defaultTrust()!;
  assert.is(trust.length, rootCertificates.length + 2);
  assert.is(trust[trust.length - 1], PEM(2));
});

test('a second copy of the module (a fast path bundled on its own) sees the file the entry point adopted', async () => {
  const file = join(tempDir(), 'extra.pem');
  writeFileSync(file, `${PEM(3)}\n`);
  adoptDeferredExtraCa({ SKIFF_EXTRA_CA_CERTS: file });
  const copy = '../../src/tls-trust.ts?second-copy';
  const other = (await import(copy)) as typeof import('../../src/tls-trust.js');
  const trust = other.defaultTrust()!;
  assert.is(trust[trust.length - 1], PEM(3));
});

test('skiff list through the launcher trusts the API server by NODE_EXTRA_CA_CERTS alone (the list fast path included)', async () => {
  const rt = await startRuntime({ dataDir: tempDir('skiff-rt-'), port: 0, store: 'memory' });
  try {
    const dir = tempDir();
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, rt.caPem);
    // A kubeconfig that names no CA: only the extra-CA file makes the server trusted.
    const kc = join(dir, 'kubeconfig');
    writeFileSync(kc, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${rt.url}\nusers:\n- name: u\n  user:\n    token: ${rt.token}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\n`);
    for (const args of [['list', '--kubeconfig', kc], ['list', '--kubeconfig', kc, '--debug'], ['status', 'none', '--kubeconfig', kc]]) {
      const r = await run(CLI, args, { env: { NODE_EXTRA_CA_CERTS: ca } });
      if (args[0] === 'status') assert.match(r.stderr, /release: not found/, r.stderr);
      else assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      const without = await run(CLI, args, { env: { NODE_EXTRA_CA_CERTS: undefined } });
      assert.is(without.code, 1, args.join(' '));
    }
  } finally {
    await rt.stop();
  }
});

test('the runtime process trusts no public roots and gets no extra-CA file', () => {
  const r = runtimeProcessTls({ NODE_EXTRA_CA_CERTS: 'a', SKIFF_EXTRA_CA_CERTS: 'b', HOME: '/h' });
  assert.equal(r.nodeArgs, ['--use-openssl-ca']);
  assert.equal(r.env, { HOME: '/h', SSL_CERT_FILE: '/dev/null', SSL_CERT_DIR: '/dev/null' });
});

test.run();
