import type { CommandModule } from 'yargs';
import { history } from '../../action/history.js';
import { formatTable, parseOutputFormat, printResult } from '../output.js';
import { withRelease } from '../release-config.js';
import { ansiDate } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';
import { writeErr } from '../sink.js';
import { addShowSensitiveFlag, type ShowSensitiveArgs } from '../sensitive.js';

interface Args extends GlobalArgs, ShowSensitiveArgs {
  name: string;
  max: number;
  output?: string;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'history <name>',
  describe: 'show the revisions of a release',
  builder: (y) =>
    addShowSensitiveFlag(y)
      .positional('name', { type: 'string', demandOption: true })
      .option('max', { type: 'number', default: 256, describe: 'maximum number of revisions to include' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' }) as never,
  handler: async (args) => {
    const format = parseOutputFormat(args.output);
    const rows = await withRelease(args, ({ cfg, namespace }) => history(cfg, { releaseName: args.name, namespace, max: args.max, showSensitive: args['show-sensitive'], onWarning: (m) => writeErr(`Warning: ${m}\n`) }));
    printResult(format, rows, () =>
      formatTable(
        ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'],
        rows.map((r) => [String(r.revision), ansiDate(r.updated), r.status, r.chart, r.app_version, r.description]),
      ),
    );
  },
};
