// `--dry-run=server` (template, install, upgrade): what rendering against the
// cluster adds to a plain render. Helm 4 then builds the objects against the server's
// kinds and refuses objects that exist outside the release; skiff does both
// and also sends each object to the API server as a server-side apply dry run
// with strict field validation, so a template is refused for what an install
// would be refused for (unknown fields, invalid values, admission).
import type { Backend } from '../kube/backend.js';
import type { Manifest } from '../render/index.js';
import { SkiffError } from '../errors.js';
import { ownershipProblem } from '../release/resources.js';
import { crdKinds, validateManifests } from './chart-test-cluster.js';
import { collectCrds, type CrdFile } from './render-release.js';
import { readManifests } from '../render/index.js';
import type { Chart } from '../chart/types.js';
import type { ReleasePlan } from './plan.js';

export interface ServerCheckInput {
  readonly backend: Backend;
  readonly releaseName: string;
  readonly namespace: string;
  readonly manifests: readonly Manifest[];
  readonly hooks: readonly Manifest[];
  /** The chart's crds/ files: objects of the kinds they define are not checked (the CRDs do not exist before an install). */
  readonly crds: readonly CrdFile[];
  /** --is-upgrade: objects may already exist (Helm skips the ownership check for upgrades). */
  readonly isUpgrade?: boolean;
}

/** The error a server-side template check ends with: one line per refused object. */
export class TemplateValidationError extends SkiffError {
  constructor(problems: readonly string[]) {
    super('TEMPLATE_INVALID', `the cluster refuses the rendered manifests:\n  ${problems.join('\n  ')}`, { hint: 'nothing was changed in the cluster (--dry-run=server only validates)' });
  }
}

const NAMESPACE_MISSING = /namespaces? "([^"]+)" not found/;

/**
 * Checks the rendered objects against the cluster: each kind must be served,
 * no object may exist outside the release (unless `isUpgrade`), and the API
 * server must accept each object (manifests and hooks) in a server-side apply
 * dry run. Returns warnings (kinds from crds/ left unchecked, objects in a
 * namespace that does not exist yet); throws TemplateValidationError listing
 * every problem with its template.
 */
export async function checkOnServer(input: ServerCheckInput): Promise<string[]> {
  const { backend, releaseName, namespace } = input;
  const chartKinds = crdKinds(input.crds);
  const objects = [...input.manifests, ...input.hooks].filter((m) => !m.empty);
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!input.isUpgrade) {
    for (const m of input.manifests) {
      if (m.empty || chartKinds.has(`${m.apiVersion.split('/')[0]}/${m.kind}`)) continue;
      let live;
      try {
        const info = await backend.discovery.resolve(m.apiVersion, m.kind);
        live = await backend.get(m.apiVersion, m.kind, info.namespaced ? m.namespace || namespace : undefined, m.name);
      } catch {
        continue; // an unknown kind is reported by the dry run below
      }
      const problem = live && ownershipProblem(live, releaseName, namespace);
      if (problem) problems.push(`${m.source}: ${problem}`);
    }
  }
  const { rejections, skipped } = await validateManifests(backend, objects, namespace, chartKinds);
  const missing = new Set<string>();
  for (const r of rejections) {
    const ns = NAMESPACE_MISSING.exec(r.message);
    if (ns) missing.add(ns[1]!);
    else problems.push(`${r.source}: ${r.object}: ${r.message}`);
  }
  if (problems.length) throw new TemplateValidationError(problems);
  if (skipped.length) warnings.push(`not validated, their kinds are defined by the chart's crds/ and do not exist before an install: ${skipped.join(', ')}`);
  for (const ns of missing) warnings.push(`namespace "${ns}" does not exist: the objects in it were checked for their kind only`);
  return warnings;
}

/**
 * checkOnServer for an install or upgrade planned with --dry-run=server: the
 * planned revision's manifests and hooks, the chart's crds/ kinds left out;
 * an upgrade's objects may exist already. Returns warnings; throws
 * TemplateValidationError.
 */
export function checkPlanOnServer(backend: Backend, plan: ReleasePlan, chart: Chart): Promise<string[]> {
  const rel = plan.release;
  return checkOnServer({
    backend,
    releaseName: rel.name,
    namespace: rel.namespace,
    manifests: readManifests('release manifest', rel.manifest),
    hooks: rel.hooks.flatMap((h) => readManifests(h.path, h.manifest)),
    crds: collectCrds(chart, chart.metadata.name),
    isUpgrade: plan.verb === 'upgrade',
  });
}
