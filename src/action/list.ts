// `skiff list`: the newest revision of each release, filtered by state, name
// and labels. Filtering and paging use only the storage objects' labels (read
// as a metadata-only list); only the records actually shown are fetched and
// decoded, so thousands of releases stay fast (Helm downloads and decodes
// every revision of every release first).
import { UsageError } from '../errors.js';
import type { RecordHeader } from '../release/driver.js';
import { isRecordDecodeError } from '../release/codec.js';
import type { ReleaseStatus } from '../release/types.js';
import type { ReleaseSummary } from '../release/summary.js';
import type { Configuration } from './configuration.js';
import { labelMatcher, parseLabelSelector, SelectorSyntaxError, type Requirement } from '../util/label-selector.js';

export interface ListOptions {
  /** undefined = every namespace (-A). */
  readonly namespace?: string;
  /** Every state (Helm 3's `--all`; Helm 4's default, so it only matters with `defaultStates: 'helm3'`). */
  readonly all?: boolean;
  /** States to show; empty means the default set (see defaultStates), or every state with `all`. */
  readonly states?: readonly ('deployed' | 'failed' | 'pending' | 'superseded' | 'uninstalled' | 'uninstalling')[];
  /**
   * The set shown when no state is asked for: 'helm4' (the default, as Helm
   * 4's list) every state, 'helm3' only deployed and failed releases.
   */
  readonly defaultStates?: 'helm4' | 'helm3';
  readonly filter?: string;
  readonly selector?: string;
  readonly byDate?: boolean;
  readonly reverse?: boolean;
  readonly max?: number;
  readonly offset?: number;
  /**
   * Told about each record that cannot be decoded. Records are untrusted (any
   * user who may create Secrets can plant one): such a record is skipped, as
   * Helm skips it, rather than failing the list for everybody.
   */
  readonly onWarning?: (message: string) => void;
}

export interface ListRow {
  readonly name: string;
  readonly namespace: string;
  readonly revision: string;
  readonly updated: string;
  readonly status: ReleaseStatus;
  readonly chart: string;
  readonly app_version: string;
}

/** Every state a list can show: Helm's ListAll, which leaves out `unknown` (and any status Helm does not know). */
const LISTABLE: readonly ReleaseStatus[] = ['deployed', 'uninstalled', 'uninstalling', 'pending-install', 'pending-upgrade', 'pending-rollback', 'superseded', 'failed'];

function stateMatches(status: ReleaseStatus, opts: ListOptions): boolean {
  if (!LISTABLE.includes(status)) return false;
  if (opts.all) return true;
  const states = opts.states?.length ? opts.states : opts.defaultStates === 'helm3' ? ['deployed', 'failed'] : undefined;
  return !states || states.some((s) => (s === 'pending' ? status.startsWith('pending-') : s === status));
}

/** Parses --selector with Kubernetes' label-selector grammar (as Helm does); UsageError when malformed. */
function parseSelector(selector: string): Requirement[] {
  try {
    return parseLabelSelector(selector);
  } catch (err) {
    if (err instanceof SelectorSyntaxError) throw new UsageError(`invalid label selector "${selector}": ${err.message}`);
    throw err;
  }
}

/** Lists releases; throws UsageError for a bad --filter regexp or --selector. */
export async function list(cfg: Pick<Configuration, 'releases'>, opts: ListOptions = {}): Promise<ListRow[]> {
  let re: RegExp | undefined;
  if (opts.filter) {
    try {
      re = new RegExp(opts.filter);
    } catch (err) {
      throw new UsageError(`invalid --filter regular expression "${opts.filter}": ${(err as Error).message}`);
    }
  }
  const headers = await cfg.releases.query({ ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}) });
  const latest = new Map<string, RecordHeader>();
  const onlySuperseded = opts.states?.length === 1 && opts.states[0] === 'superseded' && !opts.all;
  let candidates: RecordHeader[];
  if (onlySuperseded) {
    candidates = headers; // superseded revisions are never the newest; Helm skips the latest filter here
  } else {
    for (const h of headers) {
      const k = `${h.namespace}/${h.name}`;
      const cur = latest.get(k);
      if (!cur || h.version > cur.version) latest.set(k, h);
    }
    candidates = [...latest.values()];
  }
  const selects = opts.selector ? labelMatcher(parseSelector(opts.selector)) : undefined;
  const shown = candidates.filter((h) => (!re || re.test(h.name)) && stateMatches(h.status, opts) && (!selects || selects(h.labels)));
  const skip = (h: RecordHeader, err: unknown): undefined => {
    if (!isRecordDecodeError(err)) throw err;
    opts.onWarning?.(`skipping release "${h.name}" revision ${h.version} in namespace "${h.namespace}": ${(err as Error).message}`);
    return undefined;
  };
  const decode = (h: RecordHeader) => (h.summary ? h.summary() : h.load()).then((r) => [h, r] as const, (err: unknown) => skip(h, err));
  const offset = opts.offset ?? 0;
  const max = opts.max || Infinity;
  let decoded: (readonly [RecordHeader, ReleaseSummary])[];
  if (opts.byDate) {
    await cfg.releases.prefetch(shown, headers);
    decoded = (await Promise.all(shown.map(decode))).filter((x) => x !== undefined);
    decoded.sort(([a, ra], [b, rb]) => Date.parse(ra.info.last_deployed) - Date.parse(rb.info.last_deployed) || cmp(a, b));
    if (opts.reverse) decoded.reverse();
    decoded = decoded.slice(offset, offset + max);
  } else {
    shown.sort(cmp);
    if (opts.reverse) shown.reverse();
    await cfg.releases.prefetch(shown.slice(0, offset + max), headers);
    // Decode only as many as the page needs, in batches; a skipped record does not use up a place.
    decoded = [];
    for (let i = 0; i < shown.length && decoded.length < offset + max; ) {
      const batch = shown.slice(i, i + (offset + max - decoded.length));
      i += batch.length;
      for (const x of await Promise.all(batch.map(decode))) if (x) decoded.push(x);
    }
    decoded = decoded.slice(offset, offset + max);
  }
  return decoded.map(([h, r]) => ({
    name: r.name,
    namespace: h.namespace,
    revision: String(h.version),
    updated: r.info.last_deployed,
    status: r.info.status,
    chart: `${r.chart.metadata.name}-${r.chart.metadata.version}`,
    app_version: r.chart.metadata.appVersion ?? '',
  }));
}

function cmp(a: RecordHeader, b: RecordHeader): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}
