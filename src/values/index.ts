// The values layer: user values from flags, Helm's coalescing, dependency
// enablement and import-values, and values.schema.json validation.
import type { Chart, Values } from '../chart/types.js';
import { coalesceValues } from './coalesce.js';
import { processDependencies } from './dependencies.js';
import { validateValuesSchema } from './schema.js';

export { parseSet, parseSetString, parseSetFile, parseSetJSON, parseSetLiteral, typedValue, MAX_INDEX, MAX_NESTED_NAME_LEVEL } from './strvals.js';
export type { SetFileReader } from './strvals.js';
export { mergeValueOptions, mergeMaps } from './options.js';
export type { ValueOptions, ValueIO } from './options.js';
export { coalesceValues, mergeValues, coalesceTables, mergeTables, GLOBAL_KEY } from './coalesce.js';
export type { CoalesceOptions, WarnFn } from './coalesce.js';
export { processDependencies, isCompatibleRange, pathValue, table } from './dependencies.js';
export { validateValuesSchema, schemaErrors, compileSchema, schemaDraft } from './schema.js';
export { parseValuesYaml } from './util.js';

export interface PrepareOptions {
  /** --skip-schema-validation */
  readonly skipSchemaValidation?: boolean;
}

export interface PreparedValues {
  /** The chart with aliases applied, disabled subcharts removed and Helm's processed defaults. */
  chart: Chart;
  /** What the root chart's templates see as `Values`; a subchart's templates see `values[<name or alias>]`. */
  values: Values;
  /** Helm's non-fatal warnings (non-bool conditions, table/non-table conflicts, missing import tables). */
  warnings: string[];
}

/**
 * Turns a loaded chart and the user-supplied values into what rendering
 * needs, as Helm's install/upgrade/template do: dependency processing
 * (aliases, tags, conditions, pruning, import-values), coalescing with
 * globals, then values.schema.json validation of every chart left.
 * The caller's chart and values are not modified. Throws ValuesError on a
 * schema violation (listing every failing path per chart) or when a
 * subchart's section is not a map.
 */
export function prepareChartValues(chart: Chart, userValues: Values, opts: PrepareOptions = {}): PreparedValues {
  const warnings: string[] = [];
  const warn = (m: string): void => {
    if (!warnings.includes(m)) warnings.push(m);
  };
  const processed = processDependencies(chart, userValues ?? {}, { warn });
  const values = coalesceValues(processed, userValues ?? {}, { warn });
  if (!opts.skipSchemaValidation) validateValuesSchema(processed, values);
  return { chart: processed, values, warnings };
}
