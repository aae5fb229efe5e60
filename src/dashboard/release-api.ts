// The dashboard's release API: thin routes over the same actions the CLI
// runs (list, history, get, status, rollback, uninstall, test), so whatever
// the dashboard does shows in `skiff history` like any CLI operation.
import { stringify } from 'yaml';
import { list } from '../action/list.js';
import { history } from '../action/history.js';
import { get, releaseValues } from '../action/get.js';
import { status } from '../action/status.js';
import { rollback } from '../action/rollback.js';
import { upgrade } from '../action/upgrade.js';
import { ValuesError } from '../errors.js';
import { uninstall } from '../action/uninstall.js';
import { runTests } from '../action/test.js';
import { normalizeForDiff } from '../action/diff.js';
import { splitManifest } from '../release/resources.js';
import { diffLines } from '../release/line-diff.js';
import type { Release } from '../release/types.js';
import { redactRelease } from '../release/sensitive.js';
import type { KubeObject } from '../apimachinery/types.js';
import { parse } from 'yaml';
import { bodyField, HttpError, intParam, type Route, type RouteContext } from './route.js';
import { redactValues } from './redact.js';
import { checkEditedValues, editedValues } from './values-edit.js';

export { redactValues } from './redact.js';

const REL = '/api/releases/([^/]+)/([^/]+)';

/** The manifest as the dashboard shows it: Secret data redacted, documents otherwise as rendered. */
export function shownManifest(manifest: string): string {
  return splitManifest(manifest)
    .map((d) => {
      let obj: unknown;
      try {
        obj = parse(d.content);
      } catch {
        return d.content + '\n';
      }
      // The content keeps its "# Source:" line; a Secret is re-written with its data redacted.
      if (obj && typeof obj === 'object' && (obj as KubeObject).kind === 'Secret') return (d.source ? `# Source: ${d.source}\n` : '') + stringify(normalizeForDiff(obj as KubeObject), { lineWidth: 0 });
      return d.content + '\n';
    })
    .join('---\n');
}

function valuesText(rel: Release, all: boolean): string {
  const v = redactValues(releaseValues(rel, all)) as Record<string, unknown>;
  return Object.keys(v).length ? stringify(v, { lineWidth: 0 }) : '';
}

export interface DiffRow {
  readonly kind: 'same' | 'del' | 'add' | 'change';
  readonly left?: string;
  readonly right?: string;
  readonly leftNo?: number;
  readonly rightNo?: number;
}

/** Side-by-side rows from the line diff: a run of removals facing the run of additions after it. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const split = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
  const ops = diffLines(split(before), split(after));
  const rows: DiffRow[] = [];
  let l = 0;
  let r = 0;
  for (let i = 0; i < ops.length; ) {
    if (ops[i]!.op === ' ') {
      rows.push({ kind: 'same', left: ops[i]!.line, right: ops[i]!.line, leftNo: ++l, rightNo: ++r });
      i++;
      continue;
    }
    const dels: string[] = [];
    const adds: string[] = [];
    while (i < ops.length && ops[i]!.op === '-') dels.push(ops[i++]!.line);
    while (i < ops.length && ops[i]!.op === '+') adds.push(ops[i++]!.line);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
      const d = dels[k];
      const a = adds[k];
      rows.push({
        kind: d !== undefined && a !== undefined ? 'change' : d !== undefined ? 'del' : 'add',
        ...(d !== undefined ? { left: d, leftNo: ++l } : {}),
        ...(a !== undefined ? { right: a, rightNo: ++r } : {}),
      });
    }
  }
  return rows;
}

/** A revision as the dashboard shows it: values the chart or user marked sensitive redacted. */
async function shown(ctx: RouteContext, revision: number | undefined): Promise<Release> {
  return redactRelease(await get(ctx.cfg, { ...target(ctx), revision }));
}

function target(ctx: RouteContext): { namespace: string; releaseName: string } {
  return { namespace: ctx.params[0]!, releaseName: ctx.params[1]! };
}

async function detail(ctx: RouteContext): Promise<unknown> {
  const revision = intParam(ctx.query, 'revision');
  const st = await status(ctx.cfg, { ...target(ctx), ...(revision ? { revision } : {}), showResources: true });
  const rel = redactRelease(st.release);
  const m = rel.chart.metadata;
  return {
    name: rel.name,
    namespace: rel.namespace,
    revision: rel.version,
    status: rel.info.status,
    description: rel.info.description,
    firstDeployed: rel.info.first_deployed,
    lastDeployed: rel.info.last_deployed,
    chart: `${m.name}-${m.version}`,
    appVersion: m.appVersion ?? '',
    notes: rel.info.notes ?? '',
    labels: rel.labels ?? {},
    hooks: rel.hooks.map((h) => ({ name: h.name, kind: h.kind, events: h.events, phase: h.last_run.phase, startedAt: h.last_run.started_at, completedAt: h.last_run.completed_at })),
    resources: st.resources ?? [],
  };
}

async function revisionPair(ctx: RouteContext): Promise<[Release, Release]> {
  const from = intParam(ctx.query, 'from');
  const to = intParam(ctx.query, 'to');
  if (!from || !to) throw new HttpError(400, 'a diff needs two revisions: ?from=N&to=M');
  return Promise.all([shown(ctx, from), shown(ctx, to)]);
}

/** The revision whose chart and values an edit starts from: `revision` in the body, or the latest. */
function editedBase(ctx: RouteContext): Promise<Release> {
  const revision = bodyField(ctx.body, 'revision');
  if (revision !== undefined && (!Number.isInteger(revision) || (revision as number) < 1)) throw new HttpError(400, 'revision must be a revision number');
  return get(ctx.cfg, { ...target(ctx), ...(revision ? { revision: revision as number } : {}) });
}

function valuesBody(ctx: RouteContext): string {
  const text = bodyField(ctx.body, 'values');
  if (typeof text !== 'string') throw new HttpError(400, 'the body needs "values": the edited values as YAML text');
  return text;
}

/** The release routes of the dashboard API. */
export function releaseRoutes(): Route[] {
  return [
    { method: 'GET', pattern: /^\/api\/releases$/, run: (ctx) => list(ctx.cfg, { all: true, ...(ctx.query.get('namespace') ? { namespace: ctx.query.get('namespace')! } : {}) }) },
    { method: 'GET', pattern: new RegExp(`^${REL}$`), run: detail },
    { method: 'GET', pattern: new RegExp(`^${REL}/history$`), run: (ctx) => history(ctx.cfg, target(ctx)) },
    {
      method: 'GET',
      pattern: new RegExp(`^${REL}/manifest$`),
      run: async (ctx) => ({ text: shownManifest((await shown(ctx, intParam(ctx.query, 'revision'))).manifest) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${REL}/values$`),
      run: async (ctx) => ({ text: valuesText(await shown(ctx, intParam(ctx.query, 'revision')), ctx.query.get('all') === 'true') }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${REL}/diff$`),
      run: async (ctx) => {
        const what = ctx.query.get('what') ?? 'manifest';
        if (what !== 'manifest' && what !== 'values') throw new HttpError(400, `what must be manifest or values, not "${what}"`);
        const [a, b] = await revisionPair(ctx);
        const text = (r: Release) => (what === 'manifest' ? shownManifest(r.manifest) : valuesText(r, false));
        return { what, from: a.version, to: b.version, rows: sideBySide(text(a), text(b)) };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${REL}/rollback$`),
      run: async (ctx) => {
        const revision = bodyField(ctx.body, 'revision') ?? 0;
        if (!Number.isInteger(revision) || (revision as number) < 0) throw new HttpError(400, 'revision must be a revision number');
        const r = await rollback(ctx.cfg, { ...target(ctx), revision: revision as number });
        return { revision: r.release.version, status: r.release.info.status, description: r.release.info.description };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${REL}/values/check$`),
      run: async (ctx) => checkEditedValues(await editedBase(ctx), valuesBody(ctx)),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${REL}/upgrade$`),
      run: async (ctx) => {
        const base = await editedBase(ctx);
        let edited;
        try {
          edited = editedValues(base, valuesBody(ctx));
        } catch (err) {
          if (err instanceof ValuesError) throw new HttpError(422, err.message);
          throw err;
        }
        const r = await upgrade(ctx.cfg, { ...target(ctx), chart: edited.chart, values: edited.values, resetValues: true, valuesGiven: true, description: 'Upgrade with values edited in the dashboard' });
        return { revision: r.release.version, status: r.release.info.status, description: r.release.info.description, warnings: r.warnings };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${REL}/uninstall$`),
      run: async (ctx) => {
        const keepHistory = bodyField(ctx.body, 'keepHistory') === true;
        const [r] = await uninstall(ctx.cfg, { names: [ctx.params[1]!], namespace: ctx.params[0]!, keepHistory });
        return { name: r!.name, deleted: r!.deleted, kept: r!.kept, warnings: r!.warnings };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${REL}/test$`),
      run: async (ctx) => {
        const r = await runTests(ctx.cfg, { ...target(ctx), logs: true });
        return { failure: r.failure ?? null, hooks: r.hooks.map((h) => ({ name: h.name, phase: h.last_run.phase })), logs: r.logs };
      },
    },
  ];
}
