import type { CommandModule } from 'yargs';
import { template, type TemplateOptions } from '../../action/template.js';
import { takeTemplateDryRun } from '../dry-run-flags.js';
import { addValuesFlags, valueOptionsFromArgs, type ValuesArgs } from '../values-flags.js';
import { parseDuration } from '../duration.js';
import { parseOutputFormat, toJSON, toYAML } from '../output.js';
import { RenderError, UsageError } from '../../errors.js';
import type { GlobalArgs } from '../global-flags.js';
import { addPostRendererFlags, postRendererFromArgs } from '../post-renderer-flags.js';
import { writeErr, writeOut } from '../sink.js';
import { addRegistryFlags, registryOptionsFromArgs, type RegistryArgs } from '../registry-flags.js';
import { rendererFromEnv } from '../renderer.js';

interface Args extends GlobalArgs, ValuesArgs, RegistryArgs {
  args: string[];
  'show-only'?: string[];
  'output-dir'?: string;
  'include-crds'?: boolean;
  'skip-tests'?: boolean;
  'no-hooks'?: boolean;
  'kube-version'?: string;
  'api-versions'?: string[];
  'is-upgrade'?: boolean;
  'release-name'?: boolean;
  'skip-schema-validation'?: boolean;
  'render-timeout'?: string;
  'enable-dns'?: boolean;
  output?: string;
  version?: string;
  repo?: string;
  devel?: boolean;
  'dependency-update'?: boolean;
  'post-renderer'?: string;
  'post-renderer-args'?: string[];
  'dry-run'?: string;
  validate?: boolean;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'template [args..]',
  describe: 'render a chart locally and print the manifests: skiff template [NAME] CHART',
  builder: (y) =>
    addRegistryFlags(addPostRendererFlags(addValuesFlags(y)))
      .positional('args', { type: 'string', array: true, describe: '[NAME] CHART' })
      .option('show-only', { alias: 's', type: 'string', array: true, describe: 'only show manifests rendered from the given templates' })
      .option('output-dir', { type: 'string', describe: 'write the templates to files in this directory instead of stdout' })
      .option('include-crds', { type: 'boolean', describe: 'include CRDs in the templated output' })
      .option('skip-tests', { type: 'boolean', describe: 'skip tests from templated output' })
      .option('no-hooks', { type: 'boolean', describe: 'leave hooks out of the output' })
      .option('kube-version', { type: 'string', describe: 'Kubernetes version used for Capabilities.KubeVersion' })
      .option('api-versions', { alias: 'a', type: 'string', array: true, describe: 'Kubernetes api versions used for Capabilities.APIVersions' })
      .option('is-upgrade', { type: 'boolean', describe: 'set .Release.IsUpgrade instead of .Release.IsInstall' })
      .option('release-name', { type: 'boolean', describe: 'use the release name in the output-dir path' })
      .option('skip-schema-validation', { type: 'boolean', describe: 'disable JSON schema validation' })
      .option('render-timeout', { type: 'string', describe: 'time limit for rendering (default 30s)' })
      .option('enable-dns', { type: 'boolean', describe: 'let getHostByName resolve names (it returns "" otherwise)' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: yaml text (default), json or yaml (structured)' })
      .option('version', { type: 'string', describe: 'chart version constraint (repository charts)' })
      .option('repo', { type: 'string', describe: 'chart repository URL where to locate the chart' })
      .option('devel', { type: 'boolean', describe: 'use development versions too' })
      .option('dependency-update', { type: 'boolean', describe: 'update dependencies if they are missing before rendering' })
      .option('dry-run', { type: 'string', describe: 'client (default): render without the cluster; server: render against the cluster (its capabilities, lookup) and have it validate the result' })
      .option('validate', { type: 'boolean', describe: "deprecated: use '--dry-run=server'" }) as never,
  handler: async (args) => {
    const pos = (args.args ?? []).map(String);
    const mode = takeTemplateDryRun(args['dry-run'], args.validate, pos, (m) => writeErr(`Warning: ${m}\n`));
    if (pos.length === 0 || pos.length > 2) throw new UsageError(`"skiff template" requires 1 or 2 arguments: [NAME] CHART`);
    const [releaseName, chartRef] = pos.length === 2 ? [pos[0], pos[1]!] : [undefined, pos[0]!];
    const format = args.output === undefined ? undefined : parseOutputFormat(args.output, ['json', 'yaml']);
    const run = (namespace: string | undefined, server?: TemplateOptions['server']) => template({
      chartRef,
      releaseName,
      namespace,
      values: valueOptionsFromArgs(args),
      locate: { version: args.version, repo: args.repo, devel: args.devel, dependencyUpdate: args['dependency-update'], ...registryOptionsFromArgs(args) },
      showOnly: args['show-only'],
      includeCrds: args['include-crds'],
      skipTests: args['skip-tests'],
      kubeVersion: args['kube-version'],
      extraApiVersions: (args['api-versions'] ?? []).flatMap((v) => String(v).split(',')).filter(Boolean),
      isUpgrade: args['is-upgrade'],
      skipSchemaValidation: args['skip-schema-validation'],
      renderTimeoutMs: args['render-timeout'] ? parseDuration(args['render-timeout'], '--render-timeout') : undefined,
      enableDns: args['enable-dns'],
      outputDir: args['output-dir'],
      useReleaseName: args['release-name'],
      noHooks: args['no-hooks'],
      postRenderer: postRendererFromArgs(args),
      renderer: rendererFromEnv(),
      ...(server ? { server } : {}),
    });
    // Server mode reads the cluster as install does (its namespace from the kubeconfig context too).
    // The release configuration loads only for a render against the cluster.
    const onServer = async () => (await import('../release-config.js')).withRelease(args, ({ cfg, namespace }) => run(namespace, { backend: cfg.backend }));
    const r = await renderingOut(args.debug === true, () => (mode === 'server' ? onServer() : run(args.namespace)));
    for (const w of r.warnings) writeErr(`Warning: ${w}\n`);
    if (format) {
      const data = {
        release: { name: r.releaseName, namespace: r.namespace },
        crds: r.crds,
        manifests: r.manifests,
        hooks: r.hooks,
        notes: r.notes ?? '',
      };
      writeOut(format === 'json' ? toJSON(data) : toYAML(data));
      return;
    }
    if (args['output-dir']) {
      for (const f of r.written) writeOut(`wrote ${f}\n`);
      return;
    }
    writeOut(r.text);
  },
};

/**
 * Output that is not valid YAML fails the render; with --debug what the
 * templates rendered is printed first (Helm's "render out invalid YAML"),
 * without it the error says so.
 */
async function renderingOut<T>(debug: boolean, render: () => Promise<T>): Promise<T> {
  try {
    return await render();
  } catch (err) {
    const failed = err as Partial<RenderError> | undefined;
    if (typeof failed?.rendered !== 'string') throw err;
    if (debug) {
      writeOut(`${failed.rendered.trim()}\n`); // as Helm: Fprintln of the trimmed blob
      throw err;
    }
    throw new RenderError(failed.message ?? '', { template: failed.template, ...(failed.line !== undefined ? { line: failed.line } : {}), hint: 'run again with --debug to render out the invalid YAML', cause: err });
  }
}
