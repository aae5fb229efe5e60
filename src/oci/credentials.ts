// Registry credentials in Docker's config.json format, at Helm's path
// ($HELM_REGISTRY_CONFIG, else $HELM_CONFIG_HOME/registry/config.json, else
// ~/.config/helm/registry/config.json: credential-files.ts, for the
// environment the CLI passes) so `helm registry login` and `skiff registry
// login` share them; Docker's config.json is read as a fallback. Credential helpers (`credHelpers` per host, `credsStore` for
// all) are run as docker-credential-<name> get/store/erase, as Docker does.
import { readFile } from 'node:fs/promises';
import { RepoError } from '../errors.js';
import { writeFileAtomic } from '../repo/fs-util.js';
import type { RegistryCredential } from './transport.js';
import { credentialFilesFor, type CredentialFiles } from './credential-files.js';

export type { CredentialFiles } from './credential-files.js';

/** The files that `files` leaves unnamed default to Helm's and Docker's paths under the home directory (the CLI names both, from its environment). */
function withDefaults(files: CredentialFiles): Required<CredentialFiles> {
  const d = credentialFilesFor({});
  return { registryConfig: files.registryConfig ?? d.registryConfig, dockerConfig: files.dockerConfig ?? d.dockerConfig };
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

/** The key a registry is stored under: Docker Hub's names share Docker's legacy key, others are host[:port]. */
export function credentialKey(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? 'https://index.docker.io/v1/' : registry;
}

function own<T>(o: Record<string, T> | undefined, k: string): T | undefined {
  return o && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** Strips a scheme and path from an auths key, as Docker does when matching ("https://host/v1/" -> "host"). */
function hostOfKey(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}

async function readConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RepoError(`cannot read registry credentials ${file}: ${(err as Error).message}`);
  }
  if (text.trim() === '') return {};
  try {
    const j = JSON.parse(text) as unknown;
    if (!j || typeof j !== 'object' || Array.isArray(j)) throw new Error('not a JSON object');
    return j as DockerConfig;
  } catch (err) {
    throw new RepoError(`registry credentials file ${file} is not valid JSON: ${(err as Error).message}`, { hint: 'fix or remove the file, then log in again' });
  }
}

function helperName(name: unknown, file: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new RepoError(`${file}: invalid credential helper name ${JSON.stringify(name)}`);
  return name;
}

/** Runs docker-credential-<helper> <action> with `input` on stdin; resolves its stdout, rejects with its stderr. */
function runHelper(helper: string, action: 'get' | 'store' | 'erase', input: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const bin = `docker-credential-${helper}`;
    // node:child_process is loaded only here: a registry without a credential helper never needs it.
    const child = process.getBuiltinModule('node:child_process').spawn(bin, [action], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new RepoError(`cannot run credential helper ${bin}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found on PATH' : e.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, out: out || err }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

async function helperGet(helper: string, registry: string): Promise<RegistryCredential | undefined> {
  const key = credentialKey(registry);
  const r = await runHelper(helper, 'get', key);
  if (r.code !== 0) {
    if (/credentials not found/i.test(r.out)) return undefined;
    throw new RepoError(`credential helper docker-credential-${helper} failed for ${registry}: ${r.out.trim()}`);
  }
  let j: { Username?: string; Secret?: string };
  try {
    j = JSON.parse(r.out) as typeof j;
  } catch {
    throw new RepoError(`credential helper docker-credential-${helper} answered with invalid JSON for ${registry}`);
  }
  if (!j.Secret) return undefined;
  return j.Username === '<token>' ? { identityToken: j.Secret } : { username: j.Username ?? '', password: j.Secret };
}

function fromEntry(e: AuthEntry | undefined): RegistryCredential | undefined {
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.identitytoken === 'string' && e.identitytoken) return { identityToken: e.identitytoken };
  if (typeof e.auth === 'string' && e.auth) {
    const dec = Buffer.from(e.auth, 'base64').toString('utf8');
    const i = dec.indexOf(':');
    if (i < 0) return undefined;
    return { username: dec.slice(0, i), password: dec.slice(i + 1) };
  }
  if (typeof e.username === 'string' || typeof e.password === 'string') return { username: e.username ?? '', password: e.password ?? '' };
  return undefined;
}

async function lookupIn(file: string, registry: string): Promise<RegistryCredential | undefined> {
  const cfg = await readConfig(file);
  if (!cfg) return undefined;
  const key = credentialKey(registry);
  const helper = own(cfg.credHelpers, key) ?? own(cfg.credHelpers, registry);
  if (helper !== undefined) return helperGet(helperName(helper, file), registry);
  if (cfg.credsStore) return helperGet(helperName(cfg.credsStore, file), registry);
  const auths = cfg.auths;
  const direct = fromEntry(own(auths, key));
  if (direct) return direct;
  for (const k of Object.keys(auths ?? {})) {
    if (hostOfKey(k) === hostOfKey(key)) {
      const c = fromEntry(own(auths, k));
      if (c) return c;
    }
  }
  return undefined;
}

/** Finds stored credentials for `registry`: Helm's file (helpers included), then Docker's. */
export async function lookupCredential(registry: string, files: CredentialFiles = {}): Promise<RegistryCredential | undefined> {
  const { registryConfig, dockerConfig } = withDefaults(files);
  return (await lookupIn(registryConfig, registry)) ?? (await lookupIn(dockerConfig, registry));
}

/** Where login and logout write for `registry`: Helm's file, its content, the registry's key, and the credential helper configured for it (if any). */
async function credentialStore(registry: string, files: CredentialFiles) {
  const file = withDefaults(files).registryConfig;
  const cfg = (await readConfig(file)) ?? {};
  const key = credentialKey(registry);
  const configured = own(cfg.credHelpers, key) ?? cfg.credsStore;
  return { file, cfg, key, helper: configured === undefined ? undefined : helperName(configured, file) };
}

/** Stores credentials for `registry` in Helm's file, or in its configured credential helper. Other content of the file is kept. */
export async function storeCredential(registry: string, cred: { username: string; password: string }, files: CredentialFiles = {}): Promise<void> {
  const { file, cfg, key, helper } = await credentialStore(registry, files);
  if (helper !== undefined) {
    const r = await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: cred.username, Secret: cred.password }));
    if (r.code !== 0) throw new RepoError(`credential helper docker-credential-${helper} could not store the credentials for ${registry}: ${r.out.trim()}`);
    return;
  }
  const auths: Record<string, AuthEntry> = cfg.auths && typeof cfg.auths === 'object' ? cfg.auths : {};
  auths[key] = { auth: Buffer.from(`${cred.username}:${cred.password}`).toString('base64') };
  cfg.auths = auths;
  await writeFileAtomic(file, JSON.stringify(cfg, null, '\t') + '\n', 0o600);
}

/** Removes stored credentials for `registry` from Helm's file or its helper; throws RepoError when there were none. */
export async function eraseCredential(registry: string, files: CredentialFiles = {}): Promise<void> {
  const { file, cfg, key, helper } = await credentialStore(registry, files);
  if (helper !== undefined) {
    const r = await runHelper(helper, 'erase', key);
    if (r.code !== 0) throw new RepoError(`credential helper docker-credential-${helper} could not erase the credentials for ${registry}: ${r.out.trim()}`);
    return;
  }
  const auths = cfg.auths && typeof cfg.auths === 'object' ? cfg.auths : {};
  const keys = Object.keys(auths).filter((k) => k === key || hostOfKey(k) === hostOfKey(key));
  if (keys.length === 0) throw new RepoError(`not logged in to ${registry}`, { hint: `no credentials for ${registry} in ${file}` });
  for (const k of keys) delete auths[k];
  await writeFileAtomic(file, JSON.stringify(cfg, null, '\t') + '\n', 0o600);
}
