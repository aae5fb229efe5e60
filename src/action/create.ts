// `create NAME`: a new chart from the built-in starter or a starter chart.
import { isAbsolute, join } from 'node:path';
import { createChart } from '../chart/create.js';
import { UsageError } from '../errors.js';
import { repoPaths } from '../repo/home.js';

export interface CreateActionOptions {
  /** Chart name, or a path whose last element is the chart name. */
  readonly name: string;
  /** A starter: a chart directory path, or a name under $SKIFF_HOME/starters. */
  readonly starter?: string;
  /** Template language of the built-in starter (default nunjucks); not with `starter`. */
  readonly engine?: 'nunjucks' | 'go';
  /** Directory the chart is created in (default: the current directory). */
  readonly cwd?: string;
  /** The skiff home whose starters/ holds named starters (default ~/.skiff). */
  readonly home?: string;
}

/** Creates the chart and returns its directory (ChartInvalidError when the name is bad or the target is not empty). */
export async function createAction(opts: CreateActionOptions): Promise<{ path: string }> {
  let starter = opts.starter;
  if (starter && opts.engine) throw new UsageError('--engine chooses the built-in starter; a --starter chart brings its own templates: give one or the other');
  // Like Helm, a bare name means a starter kept in the data directory.
  if (starter && !isAbsolute(starter) && !starter.includes('/')) {
    starter = join(repoPaths(opts.home).home, 'starters', starter);
  }
  const path = await createChart(opts.name, opts.cwd ?? process.cwd(), { starter, ...(opts.engine ? { engine: opts.engine } : {}) });
  return { path };
}
