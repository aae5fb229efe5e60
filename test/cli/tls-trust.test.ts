// The deferred extra-CA hand-over between the skiff launcher and the CLI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rootCertificates } from 'node:tls';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adoptDeferredExtraCa, defaultTrust, runtimeProcessTls } from '../../src/tls-trust.js';
import { tempDir } from '../support/cli.js';

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

test('the runtime process trusts no public roots and gets no extra-CA file', () => {
  const r = runtimeProcessTls({ NODE_EXTRA_CA_CERTS: 'a', SKIFF_EXTRA_CA_CERTS: 'b', HOME: '/h' });
  assert.equal(r.nodeArgs, ['--use-openssl-ca']);
  assert.equal(r.env, { HOME: '/h', SSL_CERT_FILE: '/dev/null', SSL_CERT_DIR: '/dev/null' });
});

test.run();
