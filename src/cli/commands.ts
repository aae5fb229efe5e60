// The one explicit list of top-level commands. Each is loaded only when it is
// the command being run, so start-up stays fast.
import type { CommandModule } from 'yargs';

export interface CommandEntry {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly describe: string;
  readonly load: () => Promise<{ command: CommandModule<any, any> }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'install', describe: 'install a chart as a release', load: () => import('./commands/install.js') },
  { name: 'upgrade', describe: 'upgrade a release to a new chart or new values', load: () => import('./commands/upgrade.js') },
  { name: 'rollback', describe: 'roll a release back to a previous revision', load: () => import('./commands/rollback.js') },
  { name: 'uninstall', aliases: ['delete', 'del', 'un'], describe: 'uninstall a release', load: () => import('./commands/uninstall.js') },
  { name: 'list', aliases: ['ls'], describe: 'list releases', load: () => import('./commands/list.js') },
  { name: 'history', aliases: ['hist'], describe: 'show the revisions of a release', load: () => import('./commands/history.js') },
  { name: 'status', describe: 'show the status of a release', load: () => import('./commands/status.js') },
  { name: 'recover', describe: 'show or finish a release an interrupted operation left pending', load: () => import('./commands/recover.js') },
  { name: 'get', describe: 'show extended information of a release', load: () => import('./commands/get.js') },
  { name: 'test', describe: 'run the tests of a release', load: () => import('./commands/test.js') },
  { name: 'diff', describe: 'show what an upgrade or rollback would change', load: () => import('./commands/diff.js') },
  { name: 'template', describe: 'render a chart locally and print the manifests', load: () => import('./commands/template.js') },
  { name: 'unittest', describe: 'run helm-unittest suites against charts', load: () => import('./commands/unittest.js') },
  { name: 'lint', describe: 'examine charts for possible issues', load: () => import('./commands/lint.js') },
  { name: 'show', aliases: ['inspect'], describe: 'show information of a chart', load: () => import('./commands/show.js') },
  { name: 'create', describe: 'create a new chart with the given name', load: () => import('./commands/create.js') },
  { name: 'package', describe: 'package a chart directory into a chart archive', load: () => import('./commands/package.js') },
  { name: 'dependency', aliases: ['dep', 'dependencies'], describe: "manage a chart's dependencies", load: () => import('./commands/dependency.js') },
  { name: 'repo', describe: 'add, list, remove, update, index and serve chart repositories', load: () => import('./commands/repo.js') },
  { name: 'search', describe: 'search chart repositories', load: () => import('./commands/search.js') },
  { name: 'pull', aliases: ['fetch'], describe: 'download a chart from a repository', load: () => import('./commands/pull.js') },
  { name: 'verify', describe: 'verify that a chart at the given path has been signed and is valid', load: () => import('./commands/verify.js') },
  { name: 'push', describe: 'upload a chart archive to an OCI registry or a repository server', load: () => import('./commands/push.js') },
  { name: 'registry', describe: 'login to or logout from a registry', load: () => import('./commands/registry.js') },
  { name: 'dashboard', describe: 'see and steer releases and the cluster in a browser', load: () => import('./commands/dashboard.js') },
  { name: 'cluster', describe: 'start, stop and manage the bundled cluster', load: () => import('./commands/cluster.js') },
  { name: 'version', describe: 'print the skiff version', load: () => import('./commands/version.js') },
  { name: 'completion', describe: 'generate a shell completion script', load: () => import('./commands/completion.js') },
];

/** Finds the entry for a typed command word (name or alias). */
export function findCommand(word: string | undefined): CommandEntry | undefined {
  if (!word) return undefined;
  return COMMANDS.find((c) => c.name === word || c.aliases?.includes(word));
}
