// Discovery with a cache: which kinds the server serves, under which resource
// and scope. Aggregated discovery (one request per /api and /apis) when the
// server offers it, else the legacy walk over every group version. A miss
// refreshes once, so CRDs installed by someone else are found.
import { ClusterError } from '../errors.js';
import type { Discovery, ResourceInfo, ServerVersion } from './backend.js';
import type { RawResponse } from './rest-client.js';
import { formatApiVersion, parseApiVersion } from '../apimachinery/types.js';

/** What discovery needs from a transport: raw GETs of server paths. */
export interface PathGetter {
  getPath(path: string, opts?: { accept?: string }): Promise<RawResponse>;
}

/** The Accept kubectl 1.32 sends: aggregated v2, then v2beta1, then legacy JSON. */
export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,' +
  'application/json';

interface DiscoveryState {
  /** "group/version/Kind" → resource */
  readonly byGvk: Map<string, ResourceInfo>;
  /** Served group versions, preferred first within a group. */
  readonly groupVersions: string[];
}

/** Builds the cached discovery of one server. */
export function createDiscovery(client: PathGetter): Discovery {
  return new CachedDiscovery(client);
}

class CachedDiscovery implements Discovery {
  private state?: Promise<DiscoveryState>;
  private version?: Promise<ServerVersion>;

  constructor(private readonly client: PathGetter) {}

  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const { group, version } = parseApiVersion(apiVersion);
    const key = gvkKey(group, version, kind);
    const fresh = this.state === undefined;
    let found = (await this.load()).byGvk.get(key);
    if (!found && !fresh) {
      this.invalidate();
      found = (await this.load()).byGvk.get(key);
    }
    if (!found) {
      throw new ClusterError(`resource mapping not found for kind "${kind}" in version "${apiVersion}": no matches for kind "${kind}" in version "${apiVersion}"`, {
        hint: 'ensure CRDs are installed first',
        reason: 'NoKindMatch',
      });
    }
    return found;
  }

  invalidate(): void {
    this.state = undefined;
  }

  serverVersion(): Promise<ServerVersion> {
    if (!this.version) {
      this.version = this.client.getPath('/version').then(({ body }) => {
        const v = body as Partial<ServerVersion> | undefined;
        if (!v || typeof v.gitVersion !== 'string') throw new ClusterError('the API server answered /version without a gitVersion');
        return { major: String(v.major ?? ''), minor: String(v.minor ?? ''), gitVersion: v.gitVersion };
      });
      this.version.catch(() => (this.version = undefined));
    }
    return this.version;
  }

  async apiVersions(): Promise<string[]> {
    const st = await this.load();
    const out = new Set<string>(st.groupVersions);
    for (const r of st.byGvk.values()) out.add(`${formatApiVersion(r.group, r.version)}/${r.kind}`);
    return [...out].sort();
  }

  private load(): Promise<DiscoveryState> {
    if (!this.state) {
      const p = this.fetchAll();
      this.state = p;
      p.catch(() => {
        if (this.state === p) this.state = undefined;
      });
    }
    return this.state;
  }

  private async fetchAll(): Promise<DiscoveryState> {
    const byGvk = new Map<string, ResourceInfo>();
    const groupVersions: string[] = [];
    const [core, apis] = await Promise.all([
      this.client.getPath('/api', { accept: AGGREGATED_ACCEPT }),
      this.client.getPath('/apis', { accept: AGGREGATED_ACCEPT }),
    ]);
    for (const res of [core, apis]) {
      if (isAggregated(res)) addAggregated(res.body, byGvk, groupVersions);
      else await this.addLegacy(res, res === core, byGvk, groupVersions);
    }
    return { byGvk, groupVersions };
  }

  private async addLegacy(res: RawResponse, core: boolean, byGvk: Map<string, ResourceInfo>, groupVersions: string[]): Promise<void> {
    const gvs: string[] = [];
    if (core) {
      for (const v of ((res.body as { versions?: string[] })?.versions ?? [])) gvs.push(v);
    } else {
      const groups = (res.body as { groups?: { name: string; versions?: { groupVersion: string }[]; preferredVersion?: { groupVersion: string } }[] })?.groups ?? [];
      for (const g of groups) {
        const versions = (g.versions ?? []).map((v) => v.groupVersion);
        const preferred = g.preferredVersion?.groupVersion;
        // Preferred version first, so a kind served in several versions resolves as the server prefers.
        if (preferred && versions.includes(preferred)) gvs.push(preferred, ...versions.filter((v) => v !== preferred));
        else gvs.push(...versions);
      }
    }
    const lists = await Promise.all(
      gvs.map((gv) =>
        this.client
          .getPath(core ? `/api/${gv}` : `/apis/${gv}`)
          .then((r) => r.body as { resources?: { name: string; kind: string; namespaced: boolean }[] })
          // An unavailable aggregated API (503) must not hide the rest, as client-go tolerates partial discovery.
          .catch(() => undefined),
      ),
    );
    gvs.forEach((gv, i) => {
      const list = lists[i];
      if (!list) return;
      groupVersions.push(gv);
      const { group, version } = parseApiVersion(gv);
      for (const r of list.resources ?? []) {
        if (r.name.includes('/')) continue; // subresource
        add(byGvk, { group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced === true });
      }
    });
  }
}

function isAggregated(res: RawResponse): boolean {
  const ct = res.contentType.toLowerCase().replace(/\s+/g, '');
  if (ct.split(';').includes('as=apigroupdiscoverylist')) return true;
  return (res.body as { kind?: string } | undefined)?.kind === 'APIGroupDiscoveryList';
}

interface AggregatedResource {
  resource: string;
  responseKind?: { group?: string; version?: string; kind?: string };
  scope?: string;
}

function addAggregated(body: unknown, byGvk: Map<string, ResourceInfo>, groupVersions: string[]): void {
  const items = (body as { items?: { metadata?: { name?: string }; versions?: { version: string; resources?: AggregatedResource[] }[] }[] })?.items ?? [];
  for (const item of items) {
    const group = item.metadata?.name ?? '';
    for (const v of item.versions ?? []) {
      groupVersions.push(formatApiVersion(group, v.version));
      for (const r of v.resources ?? []) {
        const kind = r.responseKind?.kind;
        if (!kind) continue;
        add(byGvk, { group, version: v.version, kind, resource: r.resource, namespaced: r.scope === 'Namespaced' });
      }
    }
  }
}

function add(byGvk: Map<string, ResourceInfo>, info: ResourceInfo): void {
  const key = gvkKey(info.group, info.version, info.kind);
  if (!byGvk.has(key)) byGvk.set(key, info);
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}
