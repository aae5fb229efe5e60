// --wait=watcher (Helm 4's default when --wait is given): kstatus-style
// status, event-driven. Each awaited object is read once, then watched (a
// field-selected watch from the resourceVersion just read), and its status
// recomputed on every event, so readiness is noticed when it happens rather
// than at the next poll. Done when every object is Current; a Failed one
// (Job failed, deployment past its progress deadline, Stalled condition)
// ends the wait at once; a timeout names what is not ready and why.
import { SkiffError, TimeoutError } from '../errors.js';
import type { Backend } from '../kube/backend.js';
import type { WatchHandle } from '../kube/client.js';
import { computeStatus, type KStatusResult } from '../kube/kstatus.js';
import type { KubeObject } from '../apimachinery/types.js';
import type { ResourceProgress } from './progress.js';
import { bareMessage, type Resource } from './resources.js';
import { timeoutSummary, type WaitOptions } from './wait.js';

const TICK_MS = 200;

/** Resolves when every resource is Current (kstatus); throws SkiffError WAIT_FAILED or TimeoutError naming each object not ready. */
export async function watchUntilCurrent(backend: Backend, resources: readonly Resource[], opts: WaitOptions): Promise<void> {
  // Helm skips paused Deployments: nothing will roll them out.
  const awaited = resources.filter((r) => !(r.obj.kind === 'Deployment' && (r.obj.spec as { paused?: boolean } | undefined)?.paused));
  const start = opts.clock.now().getTime();
  const state: ResourceProgress[] = awaited.map((r) => ({
    kind: r.obj.kind,
    name: r.obj.metadata.name ?? '',
    ...(r.obj.metadata.namespace ? { namespace: r.obj.metadata.namespace } : {}),
    ready: false,
    message: 'waiting',
  }));
  const watches: WatchHandle[] = [];
  let settle!: (err?: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    settle = (err) => (err ? reject(err) : resolve());
  });
  let done = false;
  let last = '';
  const report = () => {
    const snapshot = JSON.stringify(state);
    if (snapshot === last) return;
    last = snapshot;
    opts.onProgress?.({ type: 'wait', resources: [...state], elapsedMs: opts.clock.now().getTime() - start, timeoutMs: opts.timeoutMs });
  };
  const update = (i: number, obj: KubeObject | undefined) => {
    if (done) return;
    const r = awaited[i]!;
    const res: KStatusResult = obj ? computeStatus(obj, { waitForJobs: opts.waitForJobs, now: opts.clock.now().getTime() }) : { status: 'InProgress', message: 'not found' };
    state[i] = { ...state[i]!, ready: res.status === 'Current', message: bareMessage(r.obj, res.message) };
    report();
    if (res.status === 'Failed') {
      done = true;
      settle(new SkiffError('WAIT_FAILED', `${r.obj.kind} ${r.obj.metadata.name} failed: ${bareMessage(r.obj, res.message)}`));
    } else if (state.every((s) => s.ready)) {
      done = true;
      settle();
    }
  };
  const follow = async (r: Resource, i: number) => {
    const info = await backend.discovery.resolve(r.obj.apiVersion, r.obj.kind);
    const namespace = info.namespaced ? r.obj.metadata.namespace : undefined;
    const ref = { group: info.group, version: info.version, resource: info.resource, ...(namespace ? { namespace } : {}) };
    const name = r.obj.metadata.name ?? '';
    const live = await backend.get(r.obj.apiVersion, r.obj.kind, namespace, name);
    update(i, live);
    if (done || state[i]!.ready) return;
    const watch = (resourceVersion: string | undefined) => {
      const handle = backend.client.watch(ref, { fieldSelector: `metadata.name=${name}`, ...(resourceVersion ? { resourceVersion } : {}), allowWatchBookmarks: true }, (ev) => {
        if (ev.type === 'ADDED' || ev.type === 'MODIFIED') update(i, ev.object);
        else if (ev.type === 'DELETED') update(i, undefined);
      });
      watches.push(handle);
      // A watch the server ends (timeout, restart) is re-opened from a fresh read.
      handle.done.then(
        () => {
          if (!done) void reread();
        },
        (err: unknown) => {
          if (!done) void reread(err);
        },
      );
    };
    const reread = async (err?: unknown) => {
      try {
        const again = await backend.get(r.obj.apiVersion, r.obj.kind, namespace, name);
        update(i, again);
        if (!done) watch(again?.metadata.resourceVersion);
      } catch (e) {
        if (!done) {
          done = true;
          settle(e instanceof Error ? e : new Error(String(err ?? e)));
        }
      }
    };
    watch(live?.metadata.resourceVersion);
  };
  if (awaited.length === 0) return;
  report();
  awaited.forEach((r, i) =>
    follow(r, i).catch((err: unknown) => {
      if (done) return;
      done = true;
      settle(err instanceof Error ? err : new Error(String(err)));
    }),
  );
  // The deadline is kept with short sleeps, so nothing outlives a finished wait.
  const deadline = async () => {
    try {
      for (;;) {
        const left = opts.timeoutMs - (opts.clock.now().getTime() - start);
        if (done) return;
        if (left <= 0) break;
        await opts.clock.sleep(Math.min(TICK_MS, left));
      }
      if (done) return;
      done = true;
      settle(new TimeoutError(timeoutSummary(state, opts.timeoutMs)));
    } catch (err) {
      // An interruptible clock ends its sleep with the stop request.
      if (done) return;
      done = true;
      settle(err instanceof Error ? err : new Error(String(err)));
    }
  };
  void deadline();
  try {
    await finished;
  } finally {
    done = true;
    for (const w of watches) w.stop();
  }
}
