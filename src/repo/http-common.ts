// What every HTTP client of skiff's repository code shares and what needs no
// HTTP library: Helm's credential/TLS flag set, reading the PEM files those
// flags name, and wording network failures. Kept free of undici so the OCI
// client (plain node:http) does not load it.
import { readFileSync } from 'node:fs';
import { RepoError } from '../errors.js';

/** Credentials and TLS settings for a repository server (Helm's flag names). */
export interface RepoCredentials {
  readonly username?: string;
  readonly password?: string;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

/** Reads a PEM file named by a TLS flag; throws RepoError naming the flag's meaning and the file. */
export function readPem(file: string | undefined, what: string): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new RepoError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
}

/** Turns a connection, TLS or timeout failure into a RepoError naming `url` (with a hint for TLS problems). */
export function describeNetworkError(url: string, err: unknown): RepoError {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e.code ?? e.cause?.code ?? '';
  const msg = e.cause?.message ?? e.message;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/i.test(code + msg)) {
    return new RepoError(`TLS error talking to ${url}: ${msg}`, { hint: 'pass --ca-file with the server\'s CA, or --insecure-skip-tls-verify', cause: err });
  }
  if (/TIMEOUT/i.test(code) || e.name === 'AbortError' || e.name === 'TimeoutError' || /timeout/i.test(msg)) return new RepoError(`timed out talking to ${url}`, { cause: err });
  return new RepoError(`cannot reach ${url}: ${code ? code + ' ' : ''}${msg}`.trim(), { cause: err });
}
