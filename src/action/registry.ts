// registry login/logout: check credentials against the registry (GET /v2/
// with the token dance), then store them where Helm keeps its own, so one
// login serves both tools.
import { UsageError } from '../errors.js';
import type { RepoCredentials } from '../repo/http.js';
import { credentialFilesFor } from '../oci/credential-files.js';
import { eraseCredential, storeCredential } from '../oci/credentials.js';
import { RegistryClient } from '../oci/registry-client.js';

export interface RegistryLoginOptions extends RepoCredentials {
  readonly host: string;
  readonly username: string;
  readonly password: string;
  readonly plainHttp?: boolean;
  /** Credentials file (default: Helm's path under the home directory; the CLI passes --registry-config, else the file $HELM_REGISTRY_CONFIG etc. name). */
  readonly registryConfig?: string;
}

const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;

/** The registry host of what a user typed: `host[:port]`, an `oci://` prefix allowed; a path or another scheme is refused (as Helm 4 does). */
export function registryHost(typed: string): string {
  const h = typed.replace(/^oci:\/\//, '');
  if (!HOST.test(h)) {
    throw new UsageError(`invalid registry host ${JSON.stringify(typed)}: give only the host name (and port), e.g. "ghcr.io" or "localhost:5000"`);
  }
  return h.toLowerCase();
}

/** Verifies the credentials with the registry, then stores them. Throws RepoError with the registry's message when it refuses them. */
export async function registryLogin(opts: RegistryLoginOptions): Promise<{ host: string; file: string }> {
  const host = registryHost(opts.host);
  if (!opts.username) throw new UsageError('username is required: pass --username');
  if (!opts.password) throw new UsageError('password is required: pass --password or --password-stdin');
  const client = new RegistryClient(host, { ...opts, credentials: undefined, retries: 1 });
  try {
    await client.ping();
  } finally {
    await client.close();
  }
  const file = opts.registryConfig ?? credentialFilesFor({}).registryConfig;
  await storeCredential(host, { username: opts.username, password: opts.password }, { registryConfig: file });
  return { host, file };
}

/** Removes the stored credentials of `host`; throws RepoError when there are none. */
export async function registryLogout(opts: { host: string; registryConfig?: string }): Promise<{ host: string }> {
  const host = registryHost(opts.host);
  await eraseCredential(host, { registryConfig: opts.registryConfig });
  return { host };
}
