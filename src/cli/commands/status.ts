import type { CommandModule } from 'yargs';
import { status } from '../../action/status.js';
import { formatTable, parseOutputFormat, printResult } from '../output.js';
import { releaseJSON, releaseSummary, withRelease } from '../release-config.js';
import type { GlobalArgs } from '../global-flags.js';
import { addShowSensitiveFlag, shownRelease, type ShowSensitiveArgs } from '../sensitive.js';

interface Args extends GlobalArgs, ShowSensitiveArgs {
  name: string;
  revision?: number;
  'show-resources'?: boolean;
  'show-desc'?: boolean;
  output?: string;
}

export const command: CommandModule<GlobalArgs, Args> = {
  command: 'status <name>',
  describe: 'show the status of a release',
  builder: (y) =>
    addShowSensitiveFlag(y)
      .positional('name', { type: 'string', demandOption: true })
      .option('revision', { type: 'number', describe: 'show the status of this revision' })
      .option('show-resources', { type: 'boolean', describe: "show the release's resources and their readiness" })
      .option('show-desc', { type: 'boolean', describe: 'show the description of the revision' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' }) as never,
  handler: async (args) => {
    const format = parseOutputFormat(args.output);
    const found = await withRelease(args, ({ cfg, namespace }) => status(cfg, { releaseName: args.name, namespace, revision: args.revision, showResources: args['show-resources'] }));
    const r = { ...found, release: shownRelease(found.release, args) };
    const json = { ...releaseJSON(r.release), ...(r.resources ? { info: { ...r.release.info, resources: r.resources } } : {}) };
    printResult(format, json, () => {
      let out = releaseSummary(r.release, { showDescription: args['show-desc'], hideNotes: true });
      if (r.resources) {
        out += 'RESOURCES:\n';
        out += formatTable(['KIND', 'NAME', 'READY', 'STATUS'], r.resources.map((x) => [x.kind, x.name, x.ready ? 'yes' : 'no', x.message]));
      }
      if (r.release.info.notes) out += `NOTES:\n${r.release.info.notes.trimEnd()}\n`;
      return out;
    });
  },
};
