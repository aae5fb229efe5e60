// The generic store's reads over many objects: consistent, paginated lists
// (continue tokens as kube-apiserver encodes them) and watches from a
// resourceVersion with label/field selectors, bookmarks and timeouts.
import type { KubeList, KubeObject, WatchEvent } from '../../../apimachinery/types.js';
import { formatApiVersion } from '../../../apimachinery/types.js';
import { StoreError, type StoreEvent } from '../../store/types.js';
import type { ServedResource } from '../catalog.js';
import { fieldMatcher, parseFieldSelector, parseLabelSelector, type FieldGetter } from '../selectors.js';
import { equalityPairs, labelMatcher } from '../../../util/label-selector.js';
import type { ApiRequest, ObjectResult, RequestParams, WatchResult } from '../request.js';
import * as E from '../status.js';
import type { GenericStore } from './store.js';

function fieldGetters(def: ServedResource): Record<string, FieldGetter> {
  const g: Record<string, FieldGetter> = {
    'metadata.name': (o) => o.metadata.name,
  };
  if (def.namespaced) g['metadata.namespace'] = (o) => o.metadata.namespace;
  return { ...g, ...(def.fieldSelectors ?? {}) };
}

/** The request's label and field selectors as one predicate (undefined: no selector); 400 for a malformed or unsupported one. */
export function matcher(def: ServedResource, params: RequestParams): ((o: KubeObject) => boolean) | undefined {
  const labels = params.labelSelector ? labelMatcher(parseLabelSelector(params.labelSelector)) : undefined;
  const fields = params.fieldSelector ? fieldMatcher(parseFieldSelector(params.fieldSelector), fieldGetters(def)) : undefined;
  if (!labels && !fields) return undefined;
  return (o) => (!labels || labels(o.metadata.labels)) && (!fields || fields(o));
}

function parseRv(rv: string | undefined, what: 'list' | 'watch'): number | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) {
    throw E.badRequest(`Invalid value: "${rv}": ${what === 'watch' ? 'invalid resource version' : 'invalid resource version'}: strconv.ParseUint: parsing "${rv}": invalid syntax`);
  }
  return Number(rv);
}

/** A consistent list, paginated by limit/continue, at the latest state or an exact resourceVersion; 410 when that state is compacted. */
export function list(gs: GenericStore, def: ServedResource, req: ApiRequest): ObjectResult {
  const p = req.params;
  const filter = matcher(def, p);
  let atRv: number | undefined;
  let after: string | undefined;
  if (p.continue) {
    const tok = decodeContinue(p.continue);
    atRv = tok.rv;
    after = tok.start;
  } else {
    const rv = parseRv(p.resourceVersion, 'list');
    if (rv !== undefined && rv > gs.store.rv) throw E.timeout(`Too large resource version: ${rv}, current: ${gs.store.rv}`);
    if (rv !== undefined && rv > 0 && p.resourceVersionMatch === 'Exact') atRv = rv;
  }
  let res;
  try {
    const labelEquals = p.labelSelector ? equalityPairs(parseLabelSelector(p.labelSelector)) : undefined;
    res = gs.store.list({ resource: def.storage, namespace: def.namespaced ? req.ref.namespace : undefined }, { atRv, after, filter, labelEquals, limit: p.limit });
  } catch (err) {
    if (err instanceof StoreError && err.kind === 'expired') {
      if (p.continue) {
        throw E.expired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      throw E.expired(`too old resource version: ${atRv} (${err.oldestRv})`);
    }
    throw err;
  }
  const metadata: KubeList['metadata'] = { resourceVersion: String(res.rv) };
  if (res.continueAfter !== undefined) {
    metadata.continue = encodeContinue(res.rv, res.continueAfter);
    if (res.remaining) metadata.remainingItemCount = res.remaining;
  }
  const list: KubeList = {
    apiVersion: formatApiVersion(def.group, def.version),
    kind: def.listKind,
    metadata,
    items: res.items.map((s) => gs.present(def, s)),
  };
  return gs.result(200, list, def);
}


/** A watch from a resourceVersion (or the current state as ADDED events) with bookmarks and a timeout; ends on server shutdown. */
export function watch(gs: GenericStore, def: ServedResource, req: ApiRequest): WatchResult {
  const p = req.params;
  const filter = matcher(def, p) ?? (() => true);
  const rv = parseRv(p.resourceVersion, 'watch');
  const scope = { resource: def.storage, namespace: def.namespaced ? req.ref.namespace : undefined };
  const bookmarkMs = gs.opts.bookmarkIntervalMs ?? 60_000;
  return {
    type: 'watch',
    def,
    start: (sink) => {
      let stopped = false;
      const timers: NodeJS.Timeout[] = [];
      let storeWatch: { stop(): void } | undefined;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        storeWatch?.stop();
        for (const t of timers) clearTimeout(t);
        gs.activeWatches.delete(stop);
        sink.end();
      };
      gs.activeWatches.add(stop);
      const emit = (type: WatchEvent['type'], o: KubeObject) => {
        if (!stopped) sink.event({ type, object: gs.present(def, o) });
      };
      let from: number;
      if (rv === undefined || rv === 0) {
        // "Any" or unset: the current state as synthetic ADDED events, then changes.
        const cur = gs.store.list(scope, { filter });
        for (const s of cur.items) emit('ADDED', s.object);
        from = cur.rv;
        if (p.sendInitialEvents && p.allowWatchBookmarks) {
          sink.event({
            type: 'BOOKMARK',
            object: { apiVersion: formatApiVersion(def.group, def.version), kind: def.kind, metadata: { resourceVersion: String(from), annotations: { 'k8s.io/initial-events-end': 'true' } } },
          });
        }
      } else from = rv;
      try {
        storeWatch = gs.store.watch(scope, {
          fromRv: from,
          onEvent: (ev: StoreEvent) => {
            const now = ev.type === 'DELETED' ? false : filter(ev.object);
            const before = ev.prev ? filter(ev.prev) : false;
            if (ev.type === 'ADDED') {
              if (now) emit('ADDED', ev.object);
            } else if (ev.type === 'DELETED') {
              if (filter(ev.object)) emit('DELETED', ev.object);
            } else if (now && before) emit('MODIFIED', ev.object);
            else if (now) emit('ADDED', ev.object);
            else if (before) emit('DELETED', { ...ev.prev!, metadata: { ...ev.prev!.metadata, resourceVersion: String(ev.rv) } });
          },
        });
      } catch (err) {
        if (err instanceof StoreError && err.kind === 'expired') {
          sink.event({ type: 'ERROR', object: E.expired(`too old resource version: ${from} (${err.oldestRv})`).status });
          stop();
          return stop;
        }
        throw err;
      }
      if (p.allowWatchBookmarks) {
        const tick = () => {
          if (stopped) return;
          sink.event({
            type: 'BOOKMARK',
            object: { apiVersion: formatApiVersion(def.group, def.version), kind: def.kind, metadata: { resourceVersion: String(gs.store.rv) } },
          });
          timers[0] = setTimeout(tick, bookmarkMs);
          timers[0].unref?.();
        };
        timers[0] = setTimeout(tick, bookmarkMs);
        timers[0].unref?.();
      }
      if (p.timeoutSeconds && p.timeoutSeconds > 0) {
        timers[1] = setTimeout(stop, p.timeoutSeconds * 1000);
        timers[1].unref?.();
      }
      return stop;
    },
  };
}

// Continue tokens: base64 JSON like kube-apiserver's {"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}.
function encodeContinue(rv: number, after: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: after + '\u0000' })).toString('base64url');
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return { rv: t.rv, start: t.start.replace(/\u0000$/, '') };
  } catch {
    throw E.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

