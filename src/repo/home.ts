// Where skiff keeps repository configuration and caches: $SKIFF_HOME
// (default ~/.skiff)/repositories.yaml and $SKIFF_HOME/cache/repository/.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { joinInside } from './fs-util.js';

/** Paths of the repository configuration and caches. */
export interface RepoPaths {
  readonly home: string;
  readonly repositoriesFile: string;
  readonly cacheDir: string;
  /** Downloaded chart archives, named NAME-VERSION.tgz, reused when their digest matches. */
  readonly chartCacheDir: string;
}

/** Where skiff keeps its state when no home is given: ~/.skiff. */
export function defaultSkiffHome(): string {
  return join(homedir(), '.skiff');
}

/**
 * Where skiff keeps its state, by the one rule the CLI applies: `home` when
 * given, else $SKIFF_HOME of `env` (when not empty), else ~/.skiff. Library
 * code takes the result as an option and never reads the environment itself.
 */
export function resolveSkiffHome(home: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return home || env.SKIFF_HOME || defaultSkiffHome();
}

/** Resolves the paths under `home` (default ~/.skiff; the CLI passes its resolveSkiffHome). */
export function repoPaths(home?: string): RepoPaths {
  const h = home || defaultSkiffHome();
  return {
    home: h,
    repositoriesFile: join(h, 'repositories.yaml'),
    cacheDir: join(h, 'cache', 'repository'),
    chartCacheDir: join(h, 'cache', 'charts'),
  };
}

/** The cached index of repository NAME (Helm's NAME-index.yaml). */
export function indexCacheFile(paths: RepoPaths, name: string): string {
  return joinInside(paths.cacheDir, `${name}-index.yaml`);
}

/** The compact search form of NAME's cached index, written next to the YAML. */
export function searchCacheFile(paths: RepoPaths, name: string): string {
  return joinInside(paths.cacheDir, `${name}-search.json`);
}

/** Helm's NAME-charts.txt: the chart names of the repository, one a line. */
export function chartsCacheFile(paths: RepoPaths, name: string): string {
  return joinInside(paths.cacheDir, `${name}-charts.txt`);
}

/** The cached index of repository NAME as JSON (fast to load), written next to the YAML. */
export function indexJsonCacheFile(paths: RepoPaths, name: string): string {
  return joinInside(paths.cacheDir, `${name}-index.json`);
}
