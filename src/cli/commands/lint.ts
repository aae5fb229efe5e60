import type { CommandModule } from 'yargs';
import { lint, type LintFinding } from '../../action/lint.js';
import { addValuesFlags, valueOptionsFromArgs, type ValuesArgs } from '../values-flags.js';
import { parseOutputFormat, toJSON, toYAML } from '../output.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeErr, writeOut } from '../sink.js';
import { addRegistryFlags, registryOptionsFromArgs, type RegistryArgs } from '../registry-flags.js';
import { rendererFromEnv } from '../renderer.js';

interface Args extends GlobalArgs, ValuesArgs, RegistryArgs {
  version?: string;
  paths?: string[];
  strict?: boolean;
  'with-subcharts'?: boolean;
  quiet?: boolean;
  'kube-version'?: string;
  'skip-schema-validation'?: boolean;
  output?: string;
}

function line(f: LintFinding): string {
  const where = f.path ? `${f.path}${f.line ? `:${f.line}` : ''}: ` : '';
  return `[${f.severity}] ${where}${f.message}`;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'lint [paths..]',
  describe: 'examine charts for possible issues',
  builder: (y) =>
    addRegistryFlags(addValuesFlags(y))
      .positional('paths', { type: 'string', array: true, describe: 'chart paths (default: the current directory)' })
      .option('strict', { type: 'boolean', describe: 'fail on lint warnings' })
      .option('with-subcharts', { type: 'boolean', describe: 'lint dependent charts too' })
      .option('quiet', { type: 'boolean', describe: 'print only warnings and errors' })
      .option('kube-version', { type: 'string', describe: 'Kubernetes version used for capabilities and deprecation checks' })
      .option('skip-schema-validation', { type: 'boolean', describe: 'disable JSON schema validation' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: text (default), json or yaml' })
      .option('version', { type: 'string', describe: 'chart version constraint (oci:// charts)' }) as never,
  handler: async (args) => {
    const paths = (args.paths ?? []).map(String);
    const format = args.output === undefined ? undefined : parseOutputFormat(args.output, ['json', 'yaml']);
    const r = await lint({
      paths: paths.length ? paths : ['.'],
      values: valueOptionsFromArgs(args),
      namespace: args.namespace,
      strict: args.strict,
      withSubcharts: args['with-subcharts'],
      kubeVersion: args['kube-version'],
      skipSchemaValidation: args['skip-schema-validation'],
      locate: { version: args.version, ...registryOptionsFromArgs(args) },
      renderer: rendererFromEnv(),
    });
    if (format) {
      writeOut(format === 'json' ? toJSON(r) : toYAML(r));
    } else {
      let out = '';
      for (const c of r.charts) {
        const shown = args.quiet ? c.findings.filter((f) => f.severity !== 'INFO') : c.findings;
        if (args.quiet && shown.length === 0) continue;
        out += `==> Linting ${c.chart}\n`;
        for (const f of shown) out += line(f) + '\n';
        out += '\n';
      }
      const summary = `${r.charts.length} chart(s) linted, ${r.failed} chart(s) failed\n`;
      writeOut(out);
      if (r.failed) writeErr(`Error: ${summary}`);
      else writeOut(summary);
    }
    if (r.failed) process.exitCode = 1;
  },
};
