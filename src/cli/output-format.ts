// The -o formats and JSON printing, without the YAML library (src/cli/output.ts
// adds YAML): `skiff list`'s fast path prints tables and JSON without loading it.
import { UsageError } from '../errors.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

export function parseOutputFormat(value: unknown, allowed: readonly string[] = ['table', 'json', 'yaml']): OutputFormat {
  const v = value === undefined ? 'table' : String(value);
  if (!allowed.includes(v)) throw new UsageError(`invalid output format "${v}": expected one of ${allowed.join(', ')}`);
  return v as OutputFormat;
}

/** How `-o yaml` prints (src/cli/output.ts's toYAML, and the list fast path, which loads the YAML library only for it). */
export const YAML_OUTPUT = { lineWidth: 0 } as const;

export function toJSON(data: unknown): string {
  return JSON.stringify(data) + '\n';
}
