import type { CommandModule } from 'yargs';
import { status } from '../../action/status.js';
import { detectDrift } from '../../action/drift.js';
import { formatDrift, ignoreRulesFromFlags } from '../../release/drift.js';
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
  drift?: boolean;
  ignore?: string[];
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
      .option('drift', { type: 'boolean', describe: 'also compare the deployed manifest with the live objects (as "skiff diff release")' })
      .option('ignore', { type: 'string', array: true, describe: 'with --drift: a field not to report (JSON pointer, optionally KIND: or KIND/NAME: before it)' })
      .option('output', { alias: 'o', type: 'string', describe: 'output format: table, json or yaml' }) as never,
  handler: async (args) => {
    const format = parseOutputFormat(args.output);
    const ignore = ignoreRulesFromFlags((args.ignore ?? []).map(String));
    const [found, drift] = await withRelease(args, async ({ cfg, namespace }) => {
      const st = await status(cfg, { releaseName: args.name, namespace, revision: args.revision, showResources: args['show-resources'] });
      return [st, args.drift ? await detectDrift(cfg, { releaseName: args.name, namespace, ignore }) : undefined] as const;
    });
    const r = { ...found, release: shownRelease(found.release, args) };
    const json = { ...releaseJSON(r.release), ...(r.resources ? { info: { ...r.release.info, resources: r.resources } } : {}), ...(drift ? { drift: drift.drifts } : {}) };
    printResult(format, json, () => {
      let out = releaseSummary(r.release, { showDescription: args['show-desc'], hideNotes: true });
      if (r.resources) {
        out += 'RESOURCES:\n';
        out += formatTable(['KIND', 'NAME', 'READY', 'STATUS'], r.resources.map((x) => [x.kind, x.name, x.ready ? 'yes' : 'no', x.message]));
      }
      if (drift) out += drift.drifts.length ? `DRIFT (changed outside skiff since revision ${drift.release.version}):\n${formatDrift(drift.drifts)}` : `DRIFT: none (${drift.checked} objects match revision ${drift.release.version})\n`;
      if (r.release.info.notes) out += `NOTES:\n${r.release.info.notes.trimEnd()}\n`;
      return out;
    });
  },
};
