// The connection flags of a chart source (classic repository or OCI
// registry): credentials, TLS files and --plain-http, as Helm names them.
import type { Argv } from 'yargs';
import { registryCredentialFilesFromEnv, skiffHomeFromEnv } from './environment.js';
import { writeErr } from './sink.js';

export interface RegistryArgs {
  username?: string;
  password?: string;
  'ca-file'?: string;
  'cert-file'?: string;
  'key-file'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'plain-http'?: boolean;
}

/** Adds the flags of RegistryArgs, except those `skip` names (already defined by the command). */
export function addRegistryFlags<T>(y: Argv<T>, skip: readonly string[] = []): Argv<T> {
  const all: [string, { type: 'string' | 'boolean'; describe: string }][] = [
    ['username', { type: 'string', describe: 'chart repository or registry username' }],
    ['password', { type: 'string', describe: 'chart repository or registry password' }],
    ['ca-file', { type: 'string', describe: 'verify certificates of HTTPS-enabled servers using this CA bundle' }],
    ['cert-file', { type: 'string', describe: 'identify HTTPS client using this SSL certificate file' }],
    ['key-file', { type: 'string', describe: 'identify HTTPS client using this SSL key file' }],
    ['insecure-skip-tls-verify', { type: 'boolean', describe: 'skip tls certificate checks for the chart download' }],
    ['plain-http', { type: 'boolean', describe: 'use insecure HTTP connections for the chart download (oci://)' }],
  ];
  let out = y;
  for (const [name, o] of all) if (!skip.includes(name)) out = out.option(name, o) as Argv<T>;
  return out;
}

/** The chart-source options of `args`, for locateChart / fetchChartRef, with the skiff home whose repositories and caches they use. */
export function registryOptionsFromArgs(args: RegistryArgs) {
  return {
    home: skiffHomeFromEnv(),
    username: args.username,
    password: args.password,
    caFile: args['ca-file'],
    certFile: args['cert-file'],
    keyFile: args['key-file'],
    insecureSkipTlsVerify: args['insecure-skip-tls-verify'],
    plainHttp: args['plain-http'],
    credentialFiles: registryCredentialFilesFromEnv(),
    warn: (m: string) => writeErr(`WARNING: ${m}\n`),
  };
}
