import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { writeErr, writeOut } from '../sink.js';
import { skiffHomeFromEnv } from '../environment.js';


async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Helm's warning for an index entry it skips (pkg/repo loadIndex). */
function skippedWarning(e: { name: string; version: string; reason: string }, url: string): string {
  return `WARNING: skipping loading invalid entry for chart ${JSON.stringify(e.name)} ${JSON.stringify(e.version)} from ${url}: validation: ${e.reason}\n`;
}

const add: CommandModule<object, any> = {
  command: 'add <name> <url>',
  describe: 'add a chart repository',
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true })
      .positional('url', { type: 'string', demandOption: true })
      .option('username', { type: 'string', describe: 'chart repository username' })
      .option('password', { type: 'string', describe: 'chart repository password' })
      .option('password-stdin', { type: 'boolean', describe: 'read chart repository password from stdin' })
      .option('ca-file', { type: 'string', describe: 'verify certificates of HTTPS-enabled servers using this CA bundle' })
      .option('cert-file', { type: 'string', describe: 'identify HTTPS client using this SSL certificate file' })
      .option('key-file', { type: 'string', describe: 'identify HTTPS client using this SSL key file' })
      .option('insecure-skip-tls-verify', { type: 'boolean', describe: 'skip tls certificate checks for the repository' })
      .option('force-update', { type: 'boolean', describe: 'replace (overwrite) the repo if it already exists' })
      .option('pass-credentials', { type: 'boolean', describe: 'pass credentials to all domains' })
      .option('no-update', { type: 'boolean', describe: 'ignored (kept for Helm compatibility)' })
      .option('timeout', { type: 'string', default: '2m0s', describe: 'time to wait for the index file download to complete' }),
  handler: async (args) => {
    const { repoAdd } = await import('../../action/repo-manage.js');
    const { parseDuration } = await import('../duration.js');
    let password = args.password as string | undefined;
    if (args['password-stdin']) {
      if (password !== undefined) throw new UsageError('--password and --password-stdin are mutually exclusive');
      password = await readStdin();
    }
    if (password !== undefined && args.username === undefined) throw new UsageError('--password requires --username');
    const r = await repoAdd({
      name: args.name,
      url: args.url,
      username: args.username,
      password,
      caFile: args['ca-file'],
      certFile: args['cert-file'],
      keyFile: args['key-file'],
      insecureSkipTlsVerify: args['insecure-skip-tls-verify'],
      forceUpdate: args['force-update'],
      passCredentials: args['pass-credentials'],
      timeoutMs: parseDuration(args.timeout, '--timeout'),
      home: skiffHomeFromEnv(),
    });
    for (const e of r.skipped ?? []) writeErr(skippedWarning(e, args.url));
    writeOut(r.status === 'unchanged' ? `"${args.name}" already exists with the same configuration, skipping\n` : `"${args.name}" has been added to your repositories\n`);
  },
};

const list: CommandModule<object, any> = {
  command: 'list',
  aliases: ['ls'],
  describe: 'list chart repositories',
  builder: (y) => y.option('output', { alias: 'o', type: 'string', default: 'table', describe: 'prints the output in the specified format (table, json, yaml)' }),
  handler: async (args) => {
    const { repoList } = await import('../../action/repo-manage.js');
    const { parseOutputFormat, printResult, formatTable } = await import('../output.js');
    const format = parseOutputFormat(args.output);
    const repos = await repoList({ home: skiffHomeFromEnv() });
    if (repos.length === 0 && format === 'table') {
      const { RepoError } = await import('../../errors.js');
      throw new RepoError('no repositories to show');
    }
    printResult(format, repos, () => formatTable(['NAME', 'URL'], repos.map((r) => [r.name, r.url])));
  },
};

const remove: CommandModule<object, any> = {
  command: 'remove <names..>',
  aliases: ['rm'],
  describe: 'remove one or more chart repositories',
  builder: (y) => y.positional('names', { type: 'string', array: true, demandOption: true }),
  handler: async (args) => {
    const { repoRemove } = await import('../../action/repo-manage.js');
    for (const n of await repoRemove(args.names, { home: skiffHomeFromEnv() })) writeOut(`"${n}" has been removed from your repositories\n`);
  },
};

const update: CommandModule<object, any> = {
  command: 'update [names..]',
  aliases: ['up'],
  describe: 'update information of available charts locally from chart repositories',
  builder: (y) =>
    y
      .positional('names', { type: 'string', array: true })
      .option('fail-on-repo-update-fail', { type: 'boolean', describe: 'update fails if any of the repository updates fail' })
      .option('timeout', { type: 'string', default: '2m0s', describe: 'time to wait for the index file download to complete' }),
  handler: async (args) => {
    const { repoUpdate } = await import('../../action/repo-manage.js');
    const { parseDuration } = await import('../duration.js');
    const { RepoError } = await import('../../errors.js');
    const timeoutMs = parseDuration(args.timeout, '--timeout');
    const results = await repoUpdate(args.names ?? [], { timeoutMs, home: skiffHomeFromEnv() });
    writeOut(`Updating the index of ${results.length} chart ${results.length === 1 ? 'repository' : 'repositories'}...\n`);
    for (const r of results) for (const e of r.skipped ?? []) writeErr(skippedWarning(e, r.url));
    for (const r of results) {
      if (r.ok) writeOut(`...updated "${r.name}" (${r.url})\n`);
      else writeOut(`...could not update "${r.name}" (${r.url}):\n\t${r.error}\n`);
    }
    const failed = results.filter((r) => !r.ok);
    if (failed.length && args['fail-on-repo-update-fail']) {
      throw new RepoError(`failed to update the following repositories: [${failed.map((r) => r.url).join(' ')}]`);
    }
    writeOut(`Update done: ${results.length - failed.length} of ${results.length} updated.\n`);
  },
};

const index: CommandModule<object, any> = {
  command: 'index <dir>',
  describe: 'generate an index file given a directory containing packaged charts',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true })
      .option('url', { type: 'string', describe: 'url of chart repository' })
      .option('merge', { type: 'string', describe: 'merge the generated index into the given index' })
      .option('json', { type: 'boolean', describe: 'output in JSON format' })
      .option('check', { type: 'boolean', describe: 'do not write: exit non-zero when DIR/index.yaml is not what would be generated' }),
  handler: async (args) => {
    const { repoIndex, repoIndexPreview } = await import('../../action/repo-index.js');
    const opts = { dir: args.dir, url: args.url, merge: args.merge, json: args.json };
    if (args.check) {
      const { readFile } = await import('node:fs/promises');
      const { join } = await import('node:path');
      const { RepoError } = await import('../../errors.js');
      const file = join(args.dir, 'index.yaml');
      const current = await readFile(file, 'utf8').catch(() => '');
      const r = await repoIndexPreview(opts);
      if (r.text !== current) throw new RepoError(`${file} is out of date with the chart archives in ${args.dir}`, { hint: `regenerate it with "skiff repo index ${args.dir}"` });
      writeOut(`${file} is up to date\n`);
      return;
    }
    const r = await repoIndex(opts);
    for (const s of r.skipped) writeErr(`WARNING: skipping ${s.file}: ${s.reason}\n`);
  },
};

const serve: CommandModule<object, any> = {
  command: 'serve <dir>',
  describe: 'serve a directory of chart archives as a chart repository (index.yaml, a ChartMuseum-compatible upload API) and as an OCI registry (/v2/) of the same charts',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true })
      .option('address', { type: 'string', default: '127.0.0.1:8879', describe: 'address to listen on (HOST:PORT; port 0 picks a free port)' })
      .option('basic-auth', { type: 'string', describe: 'require USER:PASS authentication (OCI clients log in and get bearer tokens from /token)' })
      .option('auth-anonymous-get', { type: 'boolean', describe: 'with --basic-auth: let anyone read (index.yaml, archives, OCI pulls with anonymous tokens) while uploads still need the credentials' })
      .option('tls-cert', { type: 'string', describe: 'serve HTTPS with this certificate (PEM)' })
      .option('tls-key', { type: 'string', describe: 'the private key of --tls-cert (PEM)' })
      .option('allow-overwrite', { type: 'boolean', describe: 'let uploads replace an existing chart version' })
      .option('allow-delete', { type: 'boolean', describe: 'let OCI clients delete manifests, tags and blobs' })
      .option('max-upload-size', { type: 'number', describe: 'largest chart upload or OCI blob accepted, in bytes (default 20 MiB)' }),
  handler: async (args) => {
    const { repoServe } = await import('../../action/repo-serve.js');
    const server = await repoServe({
      dir: args.dir,
      address: args.address,
      basicAuth: args['basic-auth'],
      anonymousGet: args['auth-anonymous-get'],
      tlsCert: args['tls-cert'],
      tlsKey: args['tls-key'],
      allowOverwrite: args['allow-overwrite'],
      allowDelete: args['allow-delete'],
      maxUploadBytes: args['max-upload-size'],
      log: args.debug ? (l) => writeErr(l + '\n') : undefined,
    });
    writeOut(`Serving ${args.dir} at ${server.url}\n`);
    await new Promise<void>((done) => {
      const stop = () => void server.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};

export const command: CommandModule = {
  command: 'repo',
  describe: 'add, list, remove, update, index and serve chart repositories',
  builder: (y: Argv) => y.command(add).command(list).command(remove).command(update).command(index).command(serve).demandCommand(1, 'a subcommand is required: add, list, remove, update, index or serve'),
  handler: () => {},
};
