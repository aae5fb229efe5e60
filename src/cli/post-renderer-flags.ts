// --post-renderer and --post-renderer-args, shared by install, upgrade and
// template (kept apart from release-config so template loads no release code).
import type { Argv } from 'yargs';
import type { PostRenderer } from '../action/post-render.js';
import { UsageError } from '../errors.js';
import { helmPluginDirsFromEnv } from './environment.js';

/** --post-renderer and --post-renderer-args (install, upgrade, template). */
export function addPostRendererFlags<T>(y: Argv<T>): Argv<T> {
  return y
    .option('post-renderer', { type: 'string', describe: "what the rendered manifests and hooks pass through (stdin to stdout): a path, a Helm 4 postrenderer plugin's name, or an executable in $PATH" })
    .option('post-renderer-args', { type: 'string', array: true, describe: 'an argument to the post-renderer (can be given several times)' }) as Argv<T>;
}

/** The post-renderer the flags ask for, if any. */
export function postRendererFromArgs(args: { 'post-renderer'?: string; 'post-renderer-args'?: string[] }): PostRenderer | undefined {
  if (args['post-renderer-args']?.length && !args['post-renderer']) throw new UsageError('--post-renderer-args needs --post-renderer');
  return args['post-renderer'] ? { command: args['post-renderer'], args: (args['post-renderer-args'] ?? []).map(String), pluginDirs: helmPluginDirsFromEnv() } : undefined;
}
