// `skiff test`: runs the release's test hooks (helm.sh/hook: test) and
// records their last run in the release.
import { SkiffError, UsageError } from '../errors.js';
import { hooksFor, runHooks } from '../release/hooks.js';
import type { HookRecord, Release } from '../release/types.js';
import { DEFAULT_TIMEOUT_MS, type Configuration, type OperationOptions } from './configuration.js';
import { getRelease } from './status.js';

export interface TestOptions extends OperationOptions {
  readonly releaseName: string;
  readonly namespace: string;
  /** --filter name=x / !name=x (repeatable or comma separated). */
  readonly filters?: readonly string[];
  readonly logs?: boolean;
}

export interface TestResult {
  readonly release: Release;
  readonly hooks: readonly HookRecord[];
  /** Pod logs by hook name, with --logs. */
  readonly logs: Readonly<Record<string, string>>;
  /** The error message when a test failed (the result is still returned so the CLI can print the suite). */
  readonly failure?: string;
}

/** Which tests a --filter selects (Helm: name= includes, !name= excludes). */
export function selectTests(hooks: readonly HookRecord[], filters: readonly string[] = []): HookRecord[] {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const f of filters.flatMap((x) => x.split(','))) {
    const t = f.trim();
    if (!t) continue;
    const m = /^(!?)name=(.+)$/.exec(t);
    if (!m) throw new UsageError(`invalid --filter "${t}": expected name=NAME or !name=NAME`);
    (m[1] ? exclude : include).push(m[2]!);
  }
  return hooks.filter((h) => (!include.length || include.includes(h.name)) && !exclude.includes(h.name));
}

/** Runs the test hooks of the newest revision; a failing test is reported in `failure`. */
export async function runTests(cfg: Configuration, opts: TestOptions): Promise<TestResult> {
  const rel = await getRelease(cfg, opts);
  const chosen = selectTests(hooksFor(rel, 'test'), opts.filters);
  const view: Release = { ...rel, hooks: chosen };
  let failure: string | undefined;
  try {
    await runHooks({ backend: cfg.backend, clock: cfg.clock, onProgress: opts.onProgress, save: () => cfg.releases.update(rel) }, view, 'test', opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  } catch (err) {
    if (!(err instanceof SkiffError)) throw err;
    failure = err.message;
  }
  const logs: Record<string, string> = {};
  if (opts.logs) {
    const client = cfg.backend.client as { getPath?: (p: string, o?: { accept?: string }) => Promise<{ body?: Buffer | string; text?: string }> };
    for (const h of chosen.filter((x) => x.kind === 'Pod' && x.last_run.phase)) {
      try {
        // kubectl's Accept for logs: the log endpoint answers text/plain, which
        // API servers negotiate from "*/*" (some refuse a bare text/plain).
        const res = await client.getPath?.(`/api/v1/namespaces/${encodeURIComponent(rel.namespace)}/pods/${encodeURIComponent(h.name)}/log`, { accept: 'application/json, */*' });
        logs[h.name] = res ? String(res.text ?? res.body ?? '') : '';
      } catch (err) {
        logs[h.name] = `(logs unavailable: ${(err as Error).message})`;
      }
    }
  }
  return { release: rel, hooks: chosen, logs, ...(failure ? { failure } : {}) };
}
