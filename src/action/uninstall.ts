// `skiff uninstall`: pre-delete hooks, delete the release's objects in
// uninstall order (keeping those annotated helm.sh/resource-policy: keep),
// post-delete hooks, then purge the history or, with --keep-history, leave
// the last revision marked uninstalled.
import { ReleaseNotFoundError, SkiffError, TimeoutError } from '../errors.js';
import { deleteResources } from '../release/apply.js';
import { runHooks } from '../release/hooks.js';
import { deletionOrder } from '../release/order.js';
import { lockAnnotations } from '../release/lock.js';
import { formatGoDuration as formatDuration } from '../util/duration.js';
import type { Release } from '../release/types.js';
import type { RecordHeader } from '../release/driver.js';
import type { Resource } from '../release/resources.js';
import { DEFAULT_TIMEOUT_MS, type Configuration, type OperationOptions } from './configuration.js';
import { acquire, nowISO, releaseResources, unlocked } from './release-ops.js';

export interface UninstallOptions extends OperationOptions {
  readonly names: readonly string[];
  readonly namespace: string;
  readonly keepHistory?: boolean;
  readonly wait?: boolean;
  readonly cascade?: 'background' | 'orphan' | 'foreground';
  readonly ignoreNotFound?: boolean;
  readonly dryRun?: boolean;
  readonly noHooks?: boolean;
  readonly description?: string;
}

export interface UninstallResult {
  readonly name: string;
  /** The final record (status uninstalled), or undefined when nothing was found (--ignore-not-found). */
  readonly release?: Release;
  readonly deleted: readonly string[];
  /** "Kind/name" kept because of helm.sh/resource-policy: keep. */
  readonly kept: readonly string[];
  readonly warnings: readonly string[];
}

const CASCADE = { background: 'Background', orphan: 'Orphan', foreground: 'Foreground' } as const;

/** Uninstalls each named release; throws ReleaseNotFoundError for a missing one unless ignoreNotFound. */
export async function uninstall(cfg: Configuration, opts: UninstallOptions): Promise<UninstallResult[]> {
  const out: UninstallResult[] = [];
  for (const name of opts.names) out.push(await uninstallOne(cfg, name, opts));
  return out;
}

/** What acquire() reads, without taking the lock (a dry run changes nothing). */
async function readOnly(cfg: Configuration, ns: string, name: string): Promise<{ history: RecordHeader[]; last?: RecordHeader; recovered?: undefined }> {
  const history = await cfg.releases.history(ns, name, { records: true });
  return { history, last: history[history.length - 1] };
}

async function uninstallOne(cfg: Configuration, name: string, opts: UninstallOptions): Promise<UninstallResult> {
  const ns = opts.namespace;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const warnings: string[] = [];
  const { history, last, recovered } = opts.dryRun ? await readOnly(cfg, ns, name) : await acquire(cfg, ns, name, 'uninstall', opts.onProgress);
  if (recovered) warnings.push(recovered);
  if (!last) {
    if (opts.ignoreNotFound) return { name, deleted: [], kept: [], warnings };
    throw new ReleaseNotFoundError(name);
  }
  const rel = await last.load();
  if (rel.info.status === 'uninstalled') {
    if (opts.keepHistory) throw new SkiffError('ALREADY_UNINSTALLED', `release "${name}" is already uninstalled`, { hint: 'uninstall it again without --keep-history to purge its history' });
    if (!opts.dryRun) for (const h of history) await cfg.releases.delete(ns, name, h.version);
    return { name, release: rel, deleted: [], kept: [], warnings };
  }
  const resources = await releaseResources(cfg, rel);
  if (opts.dryRun) {
    const kept = resources.filter((r) => r.obj.metadata.annotations?.['helm.sh/resource-policy']?.trim().toLowerCase() === 'keep');
    return { name, release: rel, deleted: resources.filter((r) => !kept.includes(r)).map(label), kept: kept.map(label), warnings };
  }
  const lock = lockAnnotations('uninstall', timeoutMs, cfg.clock.now().getTime());
  rel.info.status = 'uninstalling';
  rel.info.deleted = nowISO(cfg);
  rel.info.description = 'Deletion in progress (or silently failed)';
  await cfg.releases.update(rel, { annotations: { ...unlocked(last), ...lock } });
  const hookCtx = { backend: cfg.backend, clock: cfg.clock, onProgress: opts.onProgress, save: (r: Release) => cfg.releases.update(r, { annotations: lock }) };
  if (!opts.noHooks) await runHooks(hookCtx, rel, 'pre-delete', timeoutMs);
  opts.onProgress?.({ type: 'step', message: `Deleting ${resources.length} resource(s)` });
  // Ordered apply (HIP-0025) in reverse: a group is deleted, and gone, before the groups it depended on.
  const order = deletionOrder(resources, rel.chart.metadata.name, rel.subchart_order);
  if (order.warning) {
    warnings.push(order.warning);
    opts.onProgress?.({ type: 'warning', message: order.warning });
  }
  const deleted: Resource[] = [];
  const kept: Resource[] = [];
  const errors: string[] = [];
  for (const [i, batch] of order.batches.entries()) {
    const step = await deleteResources(cfg.backend, batch, { propagationPolicy: CASCADE[opts.cascade ?? 'background'] });
    deleted.push(...step.deleted);
    kept.push(...step.kept);
    errors.push(...step.errors);
    if (i < order.batches.length - 1) await waitGone(cfg, step.deleted, timeoutMs);
  }
  for (const e of errors) {
    warnings.push(`could not delete ${e}`);
    opts.onProgress?.({ type: 'warning', message: `could not delete ${e}` });
  }
  if (opts.wait) await waitGone(cfg, deleted, timeoutMs);
  if (!opts.noHooks) await runHooks(hookCtx, rel, 'post-delete', timeoutMs);
  rel.info.status = 'uninstalled';
  rel.info.description = opts.description || 'Uninstallation complete';
  if (!opts.keepHistory) {
    for (const h of await cfg.releases.history(ns, name)) await cfg.releases.delete(ns, name, h.version);
  } else {
    await cfg.releases.update(rel);
    for (const h of history) {
      if (h.version === rel.version || h.status !== 'deployed') continue;
      const r = await h.load();
      r.info.status = 'superseded';
      await cfg.releases.update(r, { annotations: unlocked(h) });
    }
  }
  if (errors.length) throw new SkiffError('UNINSTALL_INCOMPLETE', `uninstallation completed with ${errors.length} error(s): ${errors.join('; ')}`);
  return { name, release: rel, deleted: deleted.map(label), kept: kept.map(label), warnings };
}

function label(r: Resource): string {
  return `${r.obj.kind}/${r.obj.metadata.name}`;
}

/** --wait on uninstall: until every deleted object is gone. */
async function waitGone(cfg: Configuration, resources: readonly Resource[], timeoutMs: number): Promise<void> {
  const deadline = cfg.clock.now().getTime() + timeoutMs;
  let pending = [...resources];
  let poll = 50;
  while (pending.length) {
    const still: Resource[] = [];
    for (const r of pending) if (await cfg.backend.get(r.obj.apiVersion, r.obj.kind, r.obj.metadata.namespace, r.obj.metadata.name ?? '')) still.push(r);
    pending = still;
    if (!pending.length) return;
    if (cfg.clock.now().getTime() >= deadline) {
      throw new TimeoutError(`timed out after ${formatDuration(timeoutMs)} waiting for deletion of ${pending.map(label).join(', ')}`);
    }
    await cfg.clock.sleep(poll);
    poll = Math.min(1000, poll * 2);
  }
}
