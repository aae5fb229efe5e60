// Starts Debian's docker-registry (distribution 2.8) on 127.0.0.1 for OCI
// tests: filesystem storage in a temp dir, htpasswd basic auth, and
// optionally TLS with a CA made here.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request, Agent } from 'undici';
import { createCertificate, ExtKeyUsage, KeyUsage } from '../../src/x509.js';
import { tempDir } from './cli.js';

export interface TestRegistry {
  /** 127.0.0.1:PORT */
  readonly host: string;
  readonly dir: string;
  /** The CA that signed the server certificate (TLS registries only). */
  readonly caFile?: string;
  readonly users: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function makeTls(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const notBefore = new Date(Date.now() - 3600_000);
  const notAfter = new Date(Date.now() + 24 * 3600_000);
  const caKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const caPem = createCertificate({ subject: { cn: 'skiff-test-registry-ca' }, key: caKey, serial: randomBytes(8), notBefore, notAfter, isCA: true, keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyCertSign, KeyUsage.cRLSign] });
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const certPem = createCertificate({
    subject: { cn: '127.0.0.1' },
    key,
    issuer: { cert: new X509Certificate(caPem), key: caKey },
    serial: randomBytes(8),
    notBefore,
    notAfter,
    isCA: false,
    keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyEncipherment],
    extKeyUsage: [ExtKeyUsage.serverAuth],
    ips: ['127.0.0.1'],
    dnsNames: ['localhost'],
  });
  const files = { caFile: join(dir, 'ca.crt'), certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key') };
  writeFileSync(files.caFile, caPem);
  writeFileSync(files.certFile, certPem);
  writeFileSync(files.keyFile, key.export({ type: 'pkcs8', format: 'pem' }) as string);
  return files;
}

/** Starts a registry and waits until it answers /v2/. `users` default to { skiff: 'secret-pw' }; pass {} for no auth. */
export async function startRegistry(opts: { tls?: boolean; users?: Record<string, string> } = {}): Promise<TestRegistry> {
  for (const [bin, pkg] of [['/usr/bin/docker-registry', 'docker-registry'], ['/usr/bin/htpasswd', 'apache2-utils']] as const) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: the OCI tests need Debian's ${pkg} package (apt-get install ${pkg}; .ci/run installs it)`);
  }
  const dir = tempDir('skiff-registry-');
  const users = opts.users ?? { skiff: 'secret-pw' };
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const lines = ['version: 0.1', 'log:', '  level: error', '  accesslog:', '    disabled: true', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`, '  delete:', '    enabled: true', 'http:', `  addr: ${host}`, '  secret: skiff-test-secret'];
  let tls: ReturnType<typeof makeTls> | undefined;
  if (opts.tls) {
    tls = makeTls(dir);
    lines.push('  tls:', `    certificate: ${tls.certFile}`, `    key: ${tls.keyFile}`);
  }
  if (Object.keys(users).length > 0) {
    const htpasswd = Object.entries(users)
      .map(([u, p]) => execFileSync('htpasswd', ['-Bbn', u, p], { encoding: 'utf8' }).trim())
      .join('\n');
    writeFileSync(join(dir, 'htpasswd'), htpasswd + '\n');
    lines.push('auth:', '  htpasswd:', '    realm: skiff-test', `    path: ${join(dir, 'htpasswd')}`);
  }
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${err}`);
    try {
      const r = await request(`${tls ? 'https' : 'http'}://${host}/v2/`, { dispatcher: agent });
      await r.body.dump();
      if (r.statusCode === 200 || r.statusCode === 401) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`docker-registry did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await agent.close();
  return {
    host,
    dir,
    ...(tls ? { caFile: tls.caFile } : {}),
    users,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
