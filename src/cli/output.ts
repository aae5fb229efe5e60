// Presenters: a result is printed once, as a table, JSON or YAML.
import { stringify } from 'yaml';
import { toJSON, YAML_OUTPUT, type OutputFormat } from './output-format.js';
import { writeOut } from './sink.js';

export { parseOutputFormat, toJSON, type OutputFormat } from './output-format.js';

export { formatTable } from './table.js';
export { safeText, writeErr, writeOut } from './sink.js';

export function toYAML(data: unknown): string {
  return stringify(data, YAML_OUTPUT);
}

/** Prints `data` in the chosen format; `table` uses the supplied presenter. */
export function printResult(format: OutputFormat, data: unknown, table: () => string): void {
  const text = format === 'json' ? toJSON(data) : format === 'yaml' ? toYAML(data) : table();
  writeOut(text);
}
