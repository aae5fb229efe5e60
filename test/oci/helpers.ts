// Shared by the OCI tests: small charts packaged by skiff, and an
// environment whose registry credentials live in a temp dir.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skiff, tempDir } from '../support/cli.js';

/** Writes chart NAME VERSION into `dir`/NAME (a ConfigMap template) and packages it; returns the .tgz path. */
export async function packagedChart(dir: string, name: string, version: string, extra: { padBytes?: number; dependencies?: string; appVersion?: string } = {}): Promise<string> {
  const src = join(dir, 'src', `${name}-${version}`, name);
  mkdirSync(join(src, 'templates'), { recursive: true });
  writeFileSync(
    join(src, 'Chart.yaml'),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "${extra.appVersion ?? '1.0'}"\ndescription: test chart ${name}\nhome: https://example.com/${name}\nmaintainers:\n  - name: Ops\n    email: ops@example.com\n${extra.dependencies ?? ''}`,
  );
  writeFileSync(join(src, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(join(src, 'templates', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${name}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  version: {{ .Chart.Version | quote }}\n`);
  if (extra.padBytes) {
    // Incompressible content, so the archive really is about this big.
    const { randomBytes } = await import('node:crypto');
    writeFileSync(join(src, 'pad.bin'), randomBytes(extra.padBytes).toString('base64'));
  }
  const out = join(dir, 'pkg');
  const r = await skiff(['package', src, '-d', out]);
  if (r.code !== 0) throw new Error(`package failed: ${r.stderr}`);
  return join(out, `${name}-${version}.tgz`);
}

/** An environment with its own SKIFF_HOME, Helm dirs and Docker config, so no test touches real credentials. */
export function isolatedEnv(): Record<string, string> {
  const d = tempDir('skiff-oci-env-');
  const env = {
    SKIFF_HOME: join(d, 'skiff'),
    HELM_REGISTRY_CONFIG: join(d, 'helm-registry.json'),
    HELM_CONFIG_HOME: join(d, 'helm-config'),
    HELM_CACHE_HOME: join(d, 'helm-cache'),
    HELM_DATA_HOME: join(d, 'helm-data'),
    DOCKER_CONFIG: join(d, 'docker'),
    HOME: d,
  };
  mkdirSync(env.DOCKER_CONFIG, { recursive: true });
  return env;
}
