// Upgrade with edited values from the dashboard: the editor shows a
// revision's user values with credentials redacted; what comes back is
// parsed with Helm's rules, each untouched redaction put back to the value it
// hid, checked against the recorded chart's values.schema.json, and only then
// handed to the same upgrade action the CLI runs.
import { ValuesError } from '../errors.js';
import type { Values } from '../chart/types.js';
import type { Release } from '../release/types.js';
import { chartFromRecord } from '../release/codec.js';
import { prepareChartValues } from '../values/index.js';
import { isTable, parseValuesYaml } from '../values/util.js';
import { hasOwn } from '../util/own-keys.js';
import { redacted, redactValues } from './redact.js';

/** What the editor is told about a release's values. */
export interface ValuesCheck {
  /** Every problem found: YAML syntax (with line), schema paths, redactions that were edited. */
  readonly errors: string[];
  /** The values the upgrade would record, credentials redacted again (for a preview). */
  readonly values?: Values;
}

const PLACEHOLDER = /^\(redacted: \d+ bytes, sha256 [0-9a-f]{12}\)$/;

/**
 * Puts back every redaction placeholder left as it was shown: where the edited
 * tree holds a placeholder and the original holds, at the same path, the value
 * that redacts to exactly that placeholder, the original value returns. A
 * placeholder anywhere else cannot stand for a value: an error naming the path.
 */
export function restoreRedacted(edited: unknown, original: unknown, path = ''): unknown {
  if (typeof edited === 'string' && PLACEHOLDER.test(edited)) {
    if (original !== undefined && (original === null || typeof original !== 'object') && redacted(original) === edited) return original;
    throw new ValuesError(`${path || '(root)'}: "${edited}" stands for a redacted value that is not at this path any more; type the new value instead`);
  }
  if (Array.isArray(edited)) return edited.map((v, i) => restoreRedacted(v, Array.isArray(original) ? original[i] : undefined, `${path}[${i}]`));
  if (isTable(edited)) {
    const out: Values = Object.create(null) as Values;
    for (const [k, v] of Object.entries(edited)) {
      const before = isTable(original) && hasOwn(original, k) ? original[k] : undefined;
      out[k] = restoreRedacted(v, before, path ? `${path}.${k}` : k);
    }
    return out;
  }
  return edited;
}

/** The recorded chart of `rel`, refused when it cannot be rendered alone (declared subcharts are not recorded). */
function recordedChart(rel: Release) {
  const chart = chartFromRecord(rel.chart, `release "${rel.name}" revision ${rel.version}`);
  const deps = chart.metadata.dependencies ?? [];
  if (deps.length > 0) {
    throw new ValuesError(
      `chart ${chart.metadata.name}-${chart.metadata.version} has dependencies (${deps.map((d) => d.name).join(', ')}), which a release record does not carry: upgrade it from the CLI with the chart (skiff upgrade ${rel.name} CHART -f values.yaml)`,
    );
  }
  return chart;
}

/**
 * Parses and checks edited values against `rel` (the revision being edited).
 * Returns the values to record (redactions restored) and the recorded chart;
 * throws ValuesError naming the line, path or schema rule at fault.
 */
export function editedValues(rel: Release, text: string): { values: Values; chart: ReturnType<typeof recordedChart> } {
  const parsed = parseValuesYaml(text, 'the edited values');
  const values = restoreRedacted(parsed, rel.config ?? {}) as Values;
  const chart = recordedChart(rel);
  prepareChartValues(chart, values);
  return { values, chart };
}

/** The editor's live check: every problem as a line, nothing thrown for bad input. */
export function checkEditedValues(rel: Release, text: string): ValuesCheck {
  try {
    const { values } = editedValues(rel, text);
    return { errors: [], values: redactValues(values) as Values };
  } catch (err) {
    if (!(err instanceof ValuesError)) throw err;
    return { errors: err.message.split('\n').filter((l) => l.trim() !== '') };
  }
}
