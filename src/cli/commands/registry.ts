import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { writeErr, writeOut } from '../sink.js';
import { promptLine } from '../prompt.js';
import { registryCredentialFilesFromEnv } from '../environment.js';

/**
 * The username and password to log in with, as Helm asks for them: from the
 * flags or stdin, else prompted on the terminal (`Username: ` when none was
 * given, then `Password: `, or `Token: ` for an empty username, not echoed).
 */
async function credentials(host: string, username: string | undefined, password: string | undefined, fromStdin: boolean): Promise<{ username: string; password: string }> {
  if (fromStdin) return { username: username ?? '', password: await readStdin() };
  if (password !== undefined && password !== '') return { username: username ?? '', password };
  if (!process.stdin.isTTY) {
    throw new UsageError(`no password given for ${host}, and standard input is not a terminal to ask for one`, {
      hint: `pass it on standard input: echo "$TOKEN" | skiff registry login ${host} --username USER --password-stdin`,
    });
  }
  let user = username ?? '';
  if (user === '') user = (await promptLine('Username: ', false)).trim();
  const secret = await promptLine(user === '' ? 'Token: ' : 'Password: ', true);
  if (secret === '') throw new UsageError(user === '' ? 'token required' : 'password required');
  return { username: user, password: secret };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const login: CommandModule<object, any> = {
  command: 'login <host>',
  describe: 'log in to a registry (credentials shared with helm registry login)',
  builder: (y: Argv) =>
    y
      .positional('host', { type: 'string', demandOption: true, describe: 'registry host[:port]' })
      .option('username', { alias: 'u', type: 'string', describe: 'registry username' })
      .option('password', { alias: 'p', type: 'string', describe: 'registry password or identity token' })
      .option('password-stdin', { type: 'boolean', describe: 'read password or identity token from stdin' })
      .option('insecure', { type: 'boolean', describe: 'allow connections to TLS registry without certs' })
      .option('plain-http', { type: 'boolean', describe: 'use insecure HTTP connections' })
      .option('ca-file', { type: 'string', describe: 'verify certificates of HTTPS-enabled servers using this CA bundle' })
      .option('cert-file', { type: 'string', describe: 'identify registry client using this SSL certificate file' })
      .option('key-file', { type: 'string', describe: 'identify registry client using this SSL key file' })
      .option('registry-config', { type: 'string', describe: 'path to the registry config file (default: $HELM_REGISTRY_CONFIG or ~/.config/helm/registry/config.json)' }),
  handler: async (args) => {
    const { registryLogin } = await import('../../action/registry.js');
    if (args['password-stdin'] && args.password !== undefined) throw new UsageError('--password and --password-stdin are mutually exclusive');
    if (args.password !== undefined && !args['password-stdin']) writeErr('WARNING: Using --password via the CLI is insecure. Use --password-stdin.\n');
    const { username, password } = await credentials(args.host, args.username, args.password, !!args['password-stdin']);
    await registryLogin({
      host: args.host,
      username,
      password,
      plainHttp: args['plain-http'],
      insecureSkipTlsVerify: args.insecure,
      caFile: args['ca-file'],
      certFile: args['cert-file'],
      keyFile: args['key-file'],
      registryConfig: args['registry-config'] ?? registryCredentialFilesFromEnv().registryConfig,
    });
    writeOut('Login Succeeded\n');
  },
};

const logout: CommandModule<object, any> = {
  command: 'logout <host>',
  describe: 'log out from a registry',
  builder: (y: Argv) =>
    y
      .positional('host', { type: 'string', demandOption: true, describe: 'registry host[:port]' })
      .option('registry-config', { type: 'string', describe: 'path to the registry config file' }),
  handler: async (args) => {
    const { registryLogout } = await import('../../action/registry.js');
    const r = await registryLogout({ host: args.host, registryConfig: args['registry-config'] ?? registryCredentialFilesFromEnv().registryConfig });
    writeErr(`Removing login credentials for ${r.host}\n`);
  },
};

export const command: CommandModule<object, any> = {
  command: 'registry <command>',
  describe: 'login to or logout from a registry',
  builder: (y: Argv) => y.command(login).command(logout).demandCommand(1, 'give a subcommand: login or logout'),
  handler: () => undefined,
};
