// What install and upgrade do with the chart's crds/ (--crds):
//   skip     Helm's --skip-crds: nothing;
//   create   Helm's default: create the CRDs that are absent, never touch
//            an existing one;
//   upgrade  also bring existing CRDs to the chart's definition, when the
//            change is compatible with what the cluster serves and stores.
// The whole set is checked before anything is written (planCrds), so an
// incompatible change refuses with nothing changed; applyCrds then creates
// and updates, waits until they are Established and refreshes discovery.
// CRDs are never deleted (uninstall leaves them, as Helm does).
import { SkiffError, UsageError } from '../errors.js';
import type { Backend } from '../kube/backend.js';
import type { KubeObject } from '../apimachinery/types.js';
import type { Clock } from '../util/clock.js';
import type { ProgressFn } from './progress.js';
import { splitManifest, toResources, type Resource } from './resources.js';
import { waitForReady } from './wait.js';

export const CRD_POLICIES = ['skip', 'create', 'upgrade'] as const;
export type CrdPolicy = (typeof CRD_POLICIES)[number];

/** The policy from --crds and the --skip-crds alias; a bad value or a contradiction is a usage error. */
export function resolveCrdPolicy(value: string | undefined, skipCrds: boolean | undefined): CrdPolicy {
  if (value === undefined) return skipCrds ? 'skip' : 'create';
  if (!(CRD_POLICIES as readonly string[]).includes(value)) {
    throw new UsageError(`invalid value "${value}" for --crds: must be one of ${CRD_POLICIES.join(', ')}`);
  }
  if (skipCrds && value !== 'skip') throw new UsageError(`--skip-crds contradicts --crds=${value} (--skip-crds is an alias of --crds=skip)`);
  return value as CrdPolicy;
}

/** A chart's crds/ file: where it came from and its text. */
export interface CrdSource {
  readonly source: string;
  readonly content: string;
}

/** What applyCrds will write, decided (and checked) before any write. */
export interface CrdSteps {
  readonly create: readonly Resource[];
  /** Existing CRDs and their new definition (live metadata kept, the chart's spec). */
  readonly update: readonly { readonly resource: Resource; readonly live: KubeObject }[];
}

type Obj = Record<string, unknown>;
interface Version {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => (isObj(cur) && Object.hasOwn(cur, k) ? cur[k] : undefined), o);
const versionsOf = (crd: KubeObject): Version[] =>
  (Array.isArray(field(crd, 'spec', 'versions')) ? (field(crd, 'spec', 'versions') as unknown[]) : [])
    .filter(isObj)
    .map((v) => ({ name: String(v.name ?? ''), served: v.served === true, storage: v.storage === true }));

/**
 * Why replacing `live` by `next` would break what the cluster serves or
 * stores; one field-level sentence per problem, empty when compatible.
 */
export function crdIncompatibilities(live: KubeObject, next: KubeObject): string[] {
  const name = live.metadata.name ?? '';
  const out: string[] = [];
  const say = (m: string) => out.push(`CRD ${name}: ${m}`);
  for (const path of [['spec', 'group'], ['spec', 'names', 'kind'], ['spec', 'scope']]) {
    const was = field(live, ...path);
    const now = field(next, ...path);
    if (was !== now) say(`${path.join('.')} would change from ${JSON.stringify(was)} to ${JSON.stringify(now)}, which the cluster cannot do in place`);
  }
  const stored = (field(live, 'status', 'storedVersions') as unknown[] | undefined)?.map(String) ?? [];
  const liveVersions = versionsOf(live);
  const nextVersions = new Map(versionsOf(next).map((v) => [v.name, v]));
  for (const v of liveVersions) {
    const n = nextVersions.get(v.name);
    const has = stored.includes(v.name) ? ' and has stored objects (status.storedVersions)' : '';
    if (v.served && !n) say(`spec.versions[${v.name}] is served by the cluster${has} but the chart removes it`);
    else if (v.served && !n!.served) say(`spec.versions[${v.name}] is served by the cluster${has} but the chart stops serving it (served: false)`);
    else if (!n && has) say(`spec.versions[${v.name}] has stored objects (status.storedVersions) but the chart removes it`);
  }
  for (const s of stored) {
    if (!liveVersions.some((v) => v.name === s) && !nextVersions.has(s)) say(`status.storedVersions lists ${s}, which the chart does not declare in spec.versions`);
  }
  const wasStorage = liveVersions.find((v) => v.storage)?.name;
  const nowStorage = [...nextVersions.values()].find((v) => v.storage)?.name;
  if (wasStorage !== nowStorage) {
    for (const s of stored) {
      const n = nextVersions.get(s);
      if (n && !n.served) say(`spec.versions[${nowStorage}].storage moves the storage version from ${wasStorage} to ${nowStorage}, but stored version ${s} would no longer be served`);
    }
  }
  return out;
}

/** True when every field `want` sets has that value in `have` (server defaults in `have` are ignored). */
function covers(have: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(have) && have.length === want.length && want.every((w, i) => covers(have[i], w));
  if (isObj(want)) return isObj(have) && Object.keys(want).every((k) => covers(have[k], want[k]));
  return have === want;
}

/**
 * Reads the live CRDs and decides what `policy` writes. Under `upgrade` an
 * incompatible change anywhere refuses (CRD_INCOMPATIBLE) before any write.
 */
export async function planCrds(backend: Backend, files: readonly CrdSource[], policy: CrdPolicy): Promise<CrdSteps> {
  if (policy === 'skip' || files.length === 0) return { create: [], update: [] };
  const docs = files.flatMap((f) => splitManifest(f.content).map((d) => ({ ...d, source: f.source })));
  const resources = await toResources(docs, backend, '');
  const create: Resource[] = [];
  const update: { resource: Resource; live: KubeObject }[] = [];
  const problems: string[] = [];
  for (const r of resources) {
    const live = await backend.get(r.obj.apiVersion, r.obj.kind, undefined, r.obj.metadata.name ?? '');
    if (!live) create.push(r);
    else if (policy === 'upgrade' && r.obj.kind === 'CustomResourceDefinition' && !covers(live.spec, r.obj.spec)) {
      const found = crdIncompatibilities(live, r.obj);
      if (found.length) problems.push(...found.map((p) => `${p} (${r.source ?? 'crds/'})`));
      else update.push({ resource: r, live });
    }
  }
  if (problems.length) {
    throw new SkiffError('CRD_INCOMPATIBLE', `refusing to upgrade CRDs, nothing was changed:\n  ${problems.join('\n  ')}`, {
      hint: 'keep the served and stored versions in the chart (migrate stored objects first), or pass --crds=create to leave existing CRDs as they are',
    });
  }
  return { create, update };
}

/** Creates and updates what planCrds decided, waits until Established and refreshes discovery. */
export async function applyCrds(backend: Backend, steps: CrdSteps, opts: { clock: Clock; onProgress?: ProgressFn }): Promise<void> {
  const written: Resource[] = [];
  for (const r of steps.create) {
    await backend.apply(r.obj);
    written.push(r);
  }
  for (const { resource, live } of steps.update) {
    const meta = resource.obj.metadata;
    const obj: KubeObject = {
      ...live,
      metadata: { ...live.metadata, labels: { ...(live.metadata.labels ?? {}), ...(meta.labels ?? {}) }, annotations: { ...(live.metadata.annotations ?? {}), ...(meta.annotations ?? {}) } },
      spec: resource.obj.spec,
    };
    await backend.apply(obj, { force: true });
    written.push(resource);
  }
  if (!written.length) return;
  const parts = [steps.create.length ? `Installed ${steps.create.length} CRD(s)` : '', steps.update.length ? `Upgraded ${steps.update.length} CRD(s)` : ''].filter(Boolean);
  opts.onProgress?.({ type: 'step', message: `${parts.join(', ')} from crds/` });
  await waitForReady(backend, written, { timeoutMs: 60_000, clock: opts.clock, onProgress: opts.onProgress });
  backend.discovery.invalidate();
}
