// Tables as Helm prints them; kept apart from output.ts so fast paths load nothing else.

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
