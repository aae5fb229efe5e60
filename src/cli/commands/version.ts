import type { CommandModule } from 'yargs';
import { versionInfo } from '../../action/version.js';
import { parseOutputFormat, printResult } from '../output.js';
import { writeOut } from '../sink.js';

export const command: CommandModule<object, { short?: boolean; output?: string; template?: string }> = {
  command: 'version',
  describe: 'print the skiff version',
  builder: (y) =>
    y
      .option('short', { type: 'boolean', describe: 'print only the version number' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' }),
  handler: (args) => {
    const info = versionInfo();
    if (args.short) {
      writeOut(`v${info.version}\n`);
      return;
    }
    const format = parseOutputFormat(args.output);
    printResult(format, info, () =>
      `version.BuildInfo{Version:"v${info.version}", KubeVersion:"${info.kubeVersion}", NodeVersion:"${info.nodeVersion}"}\n`,
    );
  },
};
