// repositories.yaml in Helm's format (pkg/repo/repo.go, chartrepo.go Entry).
import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { RepoError } from '../errors.js';
import { parseYamlWithPositions } from '../chart/metadata.js';
import { writeFileAtomic } from './fs-util.js';
import { quoteTimestamps } from './index-file.js';
import type { RepoCredentials } from './http-common.js';

/** One configured repository, with Helm's field names. */
export interface RepoEntry {
  name: string;
  url: string;
  username?: string;
  password?: string;
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  insecure_skip_tls_verify?: boolean;
  pass_credentials_all?: boolean;
}

/** The fields of an entry that credential flags (--username, --ca-file, ...) set; absent flags leave the entry's own. */
export function flagCredentials(opts: RepoCredentials): Partial<RepoEntry> {
  const e: Partial<RepoEntry> = {};
  if (opts.username !== undefined) e.username = opts.username;
  if (opts.password !== undefined) e.password = opts.password;
  if (opts.caFile) e.caFile = opts.caFile;
  if (opts.certFile) e.certFile = opts.certFile;
  if (opts.keyFile) e.keyFile = opts.keyFile;
  if (opts.insecureSkipTlsVerify) e.insecure_skip_tls_verify = true;
  return e;
}

/** The repositories file. */
export interface RepoFile {
  apiVersion: string;
  generated: string;
  repositories: RepoEntry[];
}

/** Reads repositories.yaml; a missing file is an empty list. Throws RepoError naming the file and line when malformed. */
export async function loadRepoFile(file: string): Promise<RepoFile> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new RepoError(`cannot read ${file}: ${err.message}`);
  });
  if (text === undefined || text.trim() === '') return { apiVersion: '', generated: '0001-01-01T00:00:00Z', repositories: [] };
  let y;
  try {
    y = parseYamlWithPositions(text, file);
  } catch (err) {
    throw new RepoError((err as Error).message);
  }
  const doc = y.value as Record<string, unknown> | null;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new RepoError(`${file}: expected a map with a "repositories" list`);
  const list = doc.repositories ?? [];
  if (!Array.isArray(list)) throw new RepoError(`${file}:${y.lineOf(['repositories']) ?? 1}: "repositories" must be a list`);
  const repositories = list.map((r, i): RepoEntry => {
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.url !== 'string') {
      throw new RepoError(`${file}:${y.lineOf(['repositories', i]) ?? 1}: each repository needs a name and a url`);
    }
    const e: RepoEntry = { name: r.name, url: r.url };
    for (const k of ['username', 'password', 'certFile', 'keyFile', 'caFile'] as const) if (typeof r[k] === 'string' && r[k] !== '') e[k] = r[k];
    if (r.insecure_skip_tls_verify === true) e.insecure_skip_tls_verify = true;
    if (r.pass_credentials_all === true) e.pass_credentials_all = true;
    return e;
  });
  const generated = doc.generated instanceof Date ? doc.generated.toISOString() : String(doc.generated ?? '0001-01-01T00:00:00Z');
  return { apiVersion: String(doc.apiVersion ?? ''), generated, repositories };
}

/** Writes repositories.yaml as Helm does (every field present, keys sorted), mode 0600. */
export async function saveRepoFile(file: string, rf: RepoFile): Promise<void> {
  const out = {
    apiVersion: rf.apiVersion,
    generated: rf.generated,
    repositories: rf.repositories.map((r) => ({
      caFile: r.caFile ?? '',
      certFile: r.certFile ?? '',
      insecure_skip_tls_verify: r.insecure_skip_tls_verify ?? false,
      keyFile: r.keyFile ?? '',
      name: r.name,
      pass_credentials_all: r.pass_credentials_all ?? false,
      password: r.password ?? '',
      url: r.url,
      username: r.username ?? '',
    })),
  };
  await writeFileAtomic(file, quoteTimestamps(stringify(out, { lineWidth: 0, indentSeq: false })), 0o600);
}

/** The entry named `name`; throws RepoError (Helm's wording) when there is none. */
export function getRepo(rf: RepoFile, name: string): RepoEntry {
  const e = rf.repositories.find((r) => r.name === name);
  if (!e) throw new RepoError(`repo ${name} not found`, { hint: 'list repositories with "skiff repo list"; add one with "skiff repo add NAME URL"' });
  return e;
}
