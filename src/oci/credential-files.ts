// Where Helm and Docker keep registry logins, as a function of an environment
// the caller passes (the CLI passes its own; see src/cli/environment.ts).
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where credentials are read and written. */
export interface CredentialFiles {
  /** Written by login/logout and read first (default: Helm's path). */
  readonly registryConfig?: string;
  /** Read as a fallback (default: Docker's config.json). */
  readonly dockerConfig?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Helm's registry credentials file for `env`: $HELM_REGISTRY_CONFIG, else $HELM_CONFIG_HOME/registry/config.json, else under $XDG_CONFIG_HOME/helm or ~/.config/helm. */
export function helmRegistryConfigPath(env: Env): string {
  if (env.HELM_REGISTRY_CONFIG) return env.HELM_REGISTRY_CONFIG;
  const configHome = env.HELM_CONFIG_HOME || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'helm');
  return join(configHome, 'registry', 'config.json');
}

/** Docker's config.json for `env`: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export function dockerConfigPath(env: Env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
}

/** Both files for `env`; with `{}`, Helm's and Docker's default paths under the home directory. */
export function credentialFilesFor(env: Env): Required<CredentialFiles> {
  return { registryConfig: helmRegistryConfigPath(env), dockerConfig: dockerConfigPath(env) };
}
