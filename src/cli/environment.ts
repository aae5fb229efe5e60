// The edge where the environment becomes options. Library code never reads
// process.env (test/layout/imports.test.ts checks it); the CLI reads the
// variables skiff honours here and passes the values down as options.
import { resolveSkiffHome } from '../repo/home.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The skiff home: `home` when given, else a non-empty $SKIFF_HOME, else ~/.skiff. */
export function skiffHomeFromEnv(home?: string, env: Env = process.env): string {
  return resolveSkiffHome(home, env);
}

/**
 * SKIFF_RENDER_PROCESSES: how many render processes a large chart is split
 * across (1 keeps rendering in one process, for less memory); undefined when
 * unset, leaving the renderer's default.
 */
export function renderProcessesFromEnv(env: Env = process.env): number | undefined {
  const v = env.SKIFF_RENDER_PROCESSES;
  return v === undefined ? undefined : Number(v);
}

/** SOURCE_DATE_EPOCH (whole seconds): the fixed creation time of a reproducible push; undefined when unset or not a number. */
export function sourceDateEpochFromEnv(env: Env = process.env): Date | undefined {
  const v = env.SOURCE_DATE_EPOCH;
  return v && /^\d+$/.test(v) ? new Date(Number(v) * 1000) : undefined;
}
