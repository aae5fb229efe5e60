// The CAs an outgoing TLS connection trusts when nothing more specific (a
// kubeconfig's certificate-authority, --ca-file) is given: Node's built-in
// roots plus the file named by NODE_EXTRA_CA_CERTS.
//
// Node parses NODE_EXTRA_CA_CERTS (and with it all its built-in roots) while
// the process starts, before any JavaScript runs: with Debian's bundle that is
// about 70 ms on a 2-core machine, on every command, even `skiff version`.
// The `skiff` launcher (the shell preamble of dist/cli.js, see
// scripts/build.mjs) therefore moves the variable to SKIFF_EXTRA_CA_CERTS
// before it starts Node, and skiff reads the file here, once, only when a
// connection needs it. `node dist/cli.js` keeps Node's own behaviour.
import { readFileSync } from 'node:fs';

/**
 * The adopted file and the trust made from it, kept once per process rather
 * than per module instance: the CLI's fast paths are bundles of their own
 * (scripts/build.mjs), each with its own copy of this module, and the copy the
 * entry point adopted the file with is not the one a fast path connects with.
 */
const shared: { deferredFile?: string; trust?: string[] } = ((globalThis as Record<symbol, unknown>)[Symbol.for('skiff.tls-trust')] ??= {}) as never;

/**
 * Takes over an extra-CA file the launcher kept from Node's start-up, and
 * puts NODE_EXTRA_CA_CERTS back so processes skiff starts inherit it as the
 * user set it. Called once, first thing, by the CLI entry point.
 */
export function adoptDeferredExtraCa(env: NodeJS.ProcessEnv = process.env): void {
  const file = env.SKIFF_EXTRA_CA_CERTS;
  if (file === undefined) return;
  delete env.SKIFF_EXTRA_CA_CERTS;
  if (env.NODE_EXTRA_CA_CERTS !== undefined || file === '') return;
  env.NODE_EXTRA_CA_CERTS = file;
  shared.deferredFile = file;
  shared.trust = undefined;
}

/**
 * The `ca` option for a client with no CA of its own: undefined when Node
 * already trusts what it should (no deferred file), otherwise Node's roots
 * plus the certificates of the deferred file. An unreadable file is reported
 * once on stderr and skipped, as Node does at start-up.
 */
export function defaultTrust(): string[] | undefined {
  const { deferredFile } = shared;
  if (deferredFile === undefined) return undefined;
  if (shared.trust) return shared.trust;
  let extra: string[] = [];
  try {
    extra = readFileSync(deferredFile, 'latin1').match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  } catch (err) {
    process.stderr.write(`Warning: Ignoring extra certs from \`${deferredFile}\`, load failed: ${(err as Error).message}\n`);
  }
  // node:tls is loaded only here: importing it up front would cost every command its start-up.
  shared.trust = [...process.getBuiltinModule('node:tls').rootCertificates, ...extra];
  return shared.trust;
}

/**
 * How to start the bundled runtime process: it serves TLS, verifies client
 * certificates against its own cluster CA only, and makes no outgoing TLS
 * connections, so it trusts no public roots at all — OpenSSL's store
 * (`--use-openssl-ca`) pointed at nothing, and no NODE_EXTRA_CA_CERTS. That
 * also spares it Node's parse of ~140 bundled roots (and of the extra file)
 * when its first TLS context is made: ~45 ms (~115 ms) of its start.
 */
export function runtimeProcessTls(env: NodeJS.ProcessEnv = process.env): { nodeArgs: string[]; env: NodeJS.ProcessEnv } {
  const { NODE_EXTRA_CA_CERTS: _drop, SKIFF_EXTRA_CA_CERTS: _also, ...rest } = env;
  return { nodeArgs: ['--use-openssl-ca'], env: { ...rest, SSL_CERT_FILE: '/dev/null', SSL_CERT_DIR: '/dev/null' } };
}
