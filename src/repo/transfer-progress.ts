// A one-line progress bar for downloads and uploads, drawn on stderr only
// when it is a terminal; silent otherwise.

interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

function human(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A progress callback drawing `label [=====>   ] 1.2 KiB/4.0 KiB`, or undefined when `out` is not a TTY. */
export function transferProgress(label: string, out: Stream = process.stderr): ((done: number, total: number | undefined) => void) | undefined {
  if (!out.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    const finished = total !== undefined && done >= total;
    if (!finished && now - last < 80) return;
    last = now;
    const width = 30;
    let bar: string;
    if (total) {
      const filled = Math.min(width, Math.round((done / total) * width));
      bar = `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}] ${human(done)}/${human(total)}`;
    } else bar = human(done);
    out.write(`\r\x1b[2K${label} ${bar}${finished ? '\n' : ''}`);
  };
}
