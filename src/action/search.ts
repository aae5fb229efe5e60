// search repo: search the cached indexes of the added repositories.
import { repoPaths } from '../repo/home.js';
import { searchRepositories, type SearchOptions, type SearchResult } from '../repo/search.js';

export type { SearchResult };

/** Searches the cached indexes (Helm's scoring and version rules). Throws RepoError when no repository is configured. */
export async function searchRepo(opts: Omit<SearchOptions, 'cacheDir' | 'fallback'> & { home?: string }): Promise<SearchResult[]> {
  return searchRepositories({
    ...opts,
    cacheDir: repoPaths(opts.home).cacheDir,
    fallback: async (repo, file) => {
      const [{ readFile }, { parseIndex }, { searchText }] = await Promise.all([import('node:fs/promises'), import('../repo/index-file.js'), import('../repo/client.js')]);
      return searchText(parseIndex(await readFile(file, 'utf8'), file));
    },
  });
}
