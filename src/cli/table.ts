// Tables as Helm prints them; kept apart from output.ts so fast paths load nothing else.

/**
 * Renders rows byte for byte as Helm's tables (gosuri/uitable) print them: every cell,
 * the last one too, padded with spaces to its column's width, cells joined by a tab.
 */
export function formatTable(headers: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const all = headers ? [headers, ...rows] : rows;
  if (all.length === 0) return '';
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return all
    .map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('\t'))
    .join('\n') + '\n';
}
