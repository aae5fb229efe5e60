// The edge where the environment becomes options. Library code never reads
// process.env (test/layout/imports.test.ts checks it); the CLI reads the
// variables skiff honours here and passes the values down as options.
import { delimiter, join } from 'node:path';
import { homedir } from 'node:os';
import { resolveSkiffHome } from '../repo/home.js';
import { credentialFilesFor, type CredentialFiles } from '../oci/credential-files.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The skiff home: `home` when given, else a non-empty $SKIFF_HOME, else ~/.skiff. */
export function skiffHomeFromEnv(home?: string, env: Env = process.env): string {
  return resolveSkiffHome(home, env);
}

/**
 * SKIFF_RENDER_PROCESSES: how many render processes a large chart is split
 * across (1 keeps rendering in one process, for less memory); undefined when
 * unset, leaving the renderer's default.
 */
export function renderProcessesFromEnv(env: Env = process.env): number | undefined {
  const v = env.SKIFF_RENDER_PROCESSES;
  return v === undefined ? undefined : Number(v);
}

/** --keyring, else Helm's default keyring for `env`: $GNUPGHOME/pubring.gpg, else ~/.gnupg/pubring.gpg. */
export async function keyringFromEnv(flag: string | undefined, env: Env = process.env): Promise<string> {
  return flag ?? (await import('../repo/provenance.js')).defaultKeyring(env);
}

/** SOURCE_DATE_EPOCH (whole seconds): the fixed creation time of a reproducible push; undefined when unset or not a number. */
export function sourceDateEpochFromEnv(env: Env = process.env): Date | undefined {
  const v = env.SOURCE_DATE_EPOCH;
  return v && /^\d+$/.test(v) ? new Date(Number(v) * 1000) : undefined;
}

/**
 * Where Helm 4 keeps plugins (post-renderer plugins are looked for there):
 * $HELM_PLUGINS (a path list), else $HELM_DATA_HOME/plugins, else Helm's
 * default data home ($XDG_DATA_HOME/helm, ~/.local/share/helm; ~/Library/helm
 * on macOS) + /plugins.
 */
export function helmPluginDirsFromEnv(env: Env = process.env): string[] {
  if (env.HELM_PLUGINS) return env.HELM_PLUGINS.split(delimiter).filter(Boolean);
  const home = env.HOME || homedir();
  const data = env.HELM_DATA_HOME || (env.XDG_DATA_HOME ? join(env.XDG_DATA_HOME, 'helm') : process.platform === 'darwin' ? join(home, 'Library', 'helm') : join(home, '.local', 'share', 'helm'));
  return [join(data, 'plugins')];
}

/**
 * Where registry logins are kept: $HELM_REGISTRY_CONFIG (else
 * $HELM_CONFIG_HOME/registry/config.json, else under $XDG_CONFIG_HOME/helm or
 * ~/.config/helm), read first and written by login/logout, and
 * $DOCKER_CONFIG/config.json (else ~/.docker/config.json) as a fallback.
 */
export function registryCredentialFilesFromEnv(env: Env = process.env): Required<CredentialFiles> {
  return credentialFilesFor(env);
}
