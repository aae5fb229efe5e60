// Hooks (pkg/action/hooks.go): for one event, in weight-then-name order,
// delete the previous copy (before-hook-creation, the default), CREATE the
// object (never patch), await Jobs (Complete) and Pods (Succeeded), and apply
// the delete policies. A failed hook fails the operation with its name and
// reason; every hook's last run is recorded in the release.
import { ClusterError, SkiffError, TimeoutError } from '../errors.js';
import { ApiStatusError, isAlreadyExists } from '../kube/client.js';
import { FIELD_MANAGER, type Backend } from '../kube/backend.js';
import type { KubeObject } from '../apimachinery/types.js';
import type { Clock } from '../util/clock.js';
import { formatGoDuration as formatDuration } from '../util/duration.js';
import type { ProgressFn } from './progress.js';
import type { HookEvent, HookRecord, Release } from './types.js';
import { parseManifest, takeOrdering } from './resources.js';

export interface HookContext {
  readonly backend: Backend;
  readonly clock: Clock;
  readonly onProgress?: ProgressFn;
  /** Persists the release after each hook's state change. */
  readonly save: (rel: Release) => Promise<void>;
}

// Polls start quick (a test pod or a deleted hook is often done within tens of
// milliseconds) and back off to POLL_MS.
const FIRST_POLL_MS = 20;
const POLL_MS = 100;
const nextPoll = (ms: number) => Math.min(POLL_MS, ms * 2);

/** Parses a hook's manifest into its object, placed in the release namespace when namespaced. */
async function hookObject(backend: Backend, hook: HookRecord, namespace: string): Promise<KubeObject> {
  const obj = parseManifest(hook.manifest) as KubeObject;
  const info = await backend.discovery.resolve(obj.apiVersion, obj.kind);
  obj.metadata = { ...obj.metadata };
  if (info.namespaced) obj.metadata.namespace ||= namespace;
  else delete obj.metadata.namespace;
  // HIP-0025 ignores ordering annotations on hooks; its depends-on keys are no valid annotation keys either.
  takeOrdering(obj);
  return obj;
}

function policies(h: HookRecord): string[] {
  return h.delete_policies.length ? h.delete_policies : ['before-hook-creation'];
}

async function deleteAndWait(ctx: HookContext, obj: KubeObject, deadline: number): Promise<void> {
  if (obj.kind === 'CustomResourceDefinition') return; // Helm never deletes CRD hooks
  const gone = !(await ctx.backend.delete(obj, { propagationPolicy: 'Background' }));
  if (gone) return;
  let poll = FIRST_POLL_MS;
  while ((await ctx.backend.get(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name ?? '')) !== undefined) {
    if (ctx.clock.now().getTime() > deadline) throw new TimeoutError(`timed out waiting for hook ${obj.kind} ${obj.metadata.name} to be deleted`);
    await ctx.clock.sleep(poll);
    poll = nextPoll(poll);
  }
}

/** Job: Complete/Failed condition; Pod: Succeeded/Failed phase; anything else is done once created. */
function hookOutcome(live: KubeObject): { done: boolean; failed?: string } {
  const status = (live.status ?? {}) as { conditions?: { type: string; status: string; reason?: string; message?: string }[]; phase?: string; message?: string; reason?: string };
  if (live.kind === 'Job') {
    const failed = status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
    if (failed) return { done: true, failed: [failed.reason, failed.message].filter(Boolean).join(': ') || 'job failed' };
    return { done: !!status.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') };
  }
  if (live.kind === 'Pod') {
    if (status.phase === 'Failed') return { done: true, failed: [status.reason, status.message].filter(Boolean).join(': ') || 'pod failed' };
    return { done: status.phase === 'Succeeded' };
  }
  return { done: true };
}

/** Hooks of `event`, in Helm's execution order (weight, then name; stable). */
export function hooksFor(rel: Release, event: HookEvent): HookRecord[] {
  return rel.hooks
    .filter((h) => h.events.includes(event))
    .sort((a, b) => (a.weight !== b.weight ? a.weight - b.weight : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Runs the hooks of `event` for `rel`. Throws SkiffError
 * "<event> hook <name> failed: <reason>" (or TimeoutError) on the first
 * failing hook, after applying hook-failed / hook-succeeded policies.
 */
export async function runHooks(ctx: HookContext, rel: Release, event: HookEvent, timeoutMs: number): Promise<void> {
  const hooks = hooksFor(rel, event);
  const done: { hook: HookRecord; obj: KubeObject }[] = [];
  for (const hook of hooks) {
    const deadline = ctx.clock.now().getTime() + timeoutMs;
    const obj = await hookObject(ctx.backend, hook, rel.namespace);
    if (policies(hook).includes('before-hook-creation')) await deleteAndWait(ctx, obj, deadline);
    ctx.onProgress?.({ type: 'step', message: `Running ${event} hook ${hook.kind} ${hook.name}` });
    hook.last_run = { started_at: ctx.clock.now().toISOString(), completed_at: '', phase: 'Running' };
    await ctx.save(rel);
    let failure: string | undefined;
    try {
      const info = await ctx.backend.discovery.resolve(obj.apiVersion, obj.kind);
      await ctx.backend.client.create(
        { group: info.group, version: info.version, resource: info.resource, namespace: obj.metadata.namespace },
        obj,
        { fieldManager: FIELD_MANAGER },
      );
      failure = await awaitHook(ctx, obj, timeoutMs, deadline);
    } catch (err) {
      if (isAlreadyExists(err)) failure = `${hook.kind} "${hook.name}" already exists (its delete policy does not include before-hook-creation)`;
      else if (err instanceof ApiStatusError) failure = err.message;
      else throw err;
    }
    hook.last_run = { ...hook.last_run, completed_at: ctx.clock.now().toISOString(), phase: failure ? 'Failed' : 'Succeeded' };
    if (failure) {
      if (policies(hook).includes('hook-failed')) await deleteAndWait(ctx, obj, deadline).catch(() => {});
      for (const d of done) if (policies(d.hook).includes('hook-succeeded')) await deleteAndWait(ctx, d.obj, deadline).catch(() => {});
      await ctx.save(rel);
      throw new SkiffError('HOOK_FAILED', `${event} hook ${hook.kind} ${hook.name} failed: ${failure}`);
    }
    done.push({ hook, obj });
    await ctx.save(rel);
  }
  for (const d of [...done].reverse()) {
    if (policies(d.hook).includes('hook-succeeded')) await deleteAndWait(ctx, d.obj, ctx.clock.now().getTime() + timeoutMs);
  }
}

async function awaitHook(ctx: HookContext, obj: KubeObject, timeoutMs: number, deadline: number): Promise<string | undefined> {
  if (obj.kind !== 'Job' && obj.kind !== 'Pod') return undefined;
  let poll = FIRST_POLL_MS;
  for (;;) {
    const live = await ctx.backend.get(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
    if (!live) throw new ClusterError(`hook ${obj.kind} ${obj.metadata.name} disappeared while running`);
    const out = hookOutcome(live);
    if (out.done) return out.failed;
    if (ctx.clock.now().getTime() > deadline) return `timed out after ${formatDuration(timeoutMs)} waiting for it to complete`;
    await ctx.clock.sleep(poll);
    poll = nextPoll(poll);
  }
}
