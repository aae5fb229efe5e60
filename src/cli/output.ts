// Presenters: a result is printed once, as a table, JSON or YAML.
import { stringify } from 'yaml';
import { UsageError } from '../errors.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

export function parseOutputFormat(value: unknown, allowed: readonly string[] = ['table', 'json', 'yaml']): OutputFormat {
  const v = value === undefined ? 'table' : String(value);
  if (!allowed.includes(v)) throw new UsageError(`invalid output format "${v}": expected one of ${allowed.join(', ')}`);
  return v as OutputFormat;
}

/** Renders rows as Helm does: upper-case headers, columns separated by a tab-aligned gap. */
export function formatTable(headers: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const all = headers ? [headers, ...rows] : rows;
  if (all.length === 0) return '';
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return all
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 1))).join('\t').trimEnd())
    .join('\n') + '\n';
}

export function toJSON(data: unknown): string {
  return JSON.stringify(data) + '\n';
}

export function toYAML(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}

/** Prints `data` in the chosen format; `table` uses the supplied presenter. */
export function printResult(format: OutputFormat, data: unknown, table: () => string): void {
  const text = format === 'json' ? toJSON(data) : format === 'yaml' ? toYAML(data) : table();
  process.stdout.write(text);
}
