// Presenters: a result is printed once, as a table, JSON or YAML.
import { stringify } from 'yaml';
import { UsageError } from '../errors.js';
import { writeOut } from './sink.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

export function parseOutputFormat(value: unknown, allowed: readonly string[] = ['table', 'json', 'yaml']): OutputFormat {
  const v = value === undefined ? 'table' : String(value);
  if (!allowed.includes(v)) throw new UsageError(`invalid output format "${v}": expected one of ${allowed.join(', ')}`);
  return v as OutputFormat;
}

export { formatTable } from './table.js';
export { safeText, writeErr, writeOut } from './sink.js';

export function toJSON(data: unknown): string {
  return JSON.stringify(data) + '\n';
}

export function toYAML(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}

/** Prints `data` in the chosen format; `table` uses the supplied presenter. */
export function printResult(format: OutputFormat, data: unknown, table: () => string): void {
  const text = format === 'json' ? toJSON(data) : format === 'yaml' ? toYAML(data) : table();
  writeOut(text);
}
