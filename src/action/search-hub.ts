// search hub: ask Artifact Hub (or a Monocular-compatible hub) for charts.
import { DEFAULT_HUB, searchHub as query, type HubResult } from '../repo/hub.js';

export type { HubResult };

export interface SearchHubOptions {
  /** Hub base URL (default Helm's, https://hub.helm.sh). */
  readonly endpoint?: string;
  /** Words to search for; empty lists what the hub returns for an empty query. */
  readonly keyword?: string;
}

/** Searches the hub; throws RepoError naming the endpoint when the search fails. */
export function searchHub(opts: SearchHubOptions): Promise<HubResult[]> {
  return query(opts.endpoint ?? DEFAULT_HUB, opts.keyword ?? '');
}
