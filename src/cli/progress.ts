// The live display of an operation's progress. On a terminal: steps as
// lines, and while waiting one line per resource, redrawn in place. Not on a
// terminal: plain lines, one per step and per resource state change. With
// -o json/yaml nothing but the final result is printed (warnings go to stderr).
import type { ProgressEvent, ProgressFn, ResourceProgress } from '../release/progress.js';
import { safeText, writeRaw } from './sink.js';

export interface ProgressDisplay {
  readonly onProgress: ProgressFn;
  /** Ends the live block (leaves its last state on screen). */
  done(): void;
}

interface Out {
  write(s: string): unknown;
  on?(event: 'error', fn: (err: Error) => void): unknown;
  isTTY?: boolean;
}

function colorOn(out: Out): boolean {
  return !!out.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

function line(r: ResourceProgress, color: boolean): string {
  const mark = r.ready ? (color ? '\x1b[32m✓\x1b[0m' : '✓') : color ? '\x1b[33m…\x1b[0m' : '…';
  return `${mark} ${safeText(`${r.kind} ${r.name}: ${r.message}`)}`;
}

/** Builds the display for the output format; `out` is stdout unless a test passes its own. */
export function progressDisplay(format: 'table' | 'json' | 'yaml', out: Out = process.stdout, err: Out = process.stderr): ProgressDisplay {
  if (format !== 'table') {
    return { onProgress: (e) => e.type === 'warning' && writeRaw(err, `Warning: ${safeText(e.message)}\n`), done: () => {} };
  }
  const tty = !!out.isTTY;
  const color = colorOn(out);
  let block: string[] = [];
  const seen = new Map<string, string>();
  const clearBlock = () => {
    if (tty && block.length) writeRaw(out, `\x1b[${block.length}A` + '\x1b[2K\n'.repeat(block.length) + `\x1b[${block.length}A`);
  };
  const drawBlock = () => {
    if (tty && block.length) writeRaw(out, block.map((l) => `\x1b[2K${l}\n`).join(''));
  };
  const above = (text: string, stream: Out = out) => {
    clearBlock();
    writeRaw(stream, safeText(text) + '\n');
    drawBlock();
  };
  const onProgress = (e: ProgressEvent) => {
    if (e.type === 'warning') return above(`Warning: ${e.message}`, tty ? out : err);
    if (e.type === 'step') return above(e.message);
    if (tty) {
      clearBlock();
      const secs = Math.round(e.elapsedMs / 1000);
      const ready = e.resources.filter((r) => r.ready).length;
      block = [`Waiting: ${ready}/${e.resources.length} ready (${secs}s of ${Math.round(e.timeoutMs / 1000)}s)`, ...e.resources.map((r) => '  ' + line(r, color))];
      drawBlock();
      return;
    }
    for (const r of e.resources) {
      const key = `${r.kind}/${r.namespace ?? ''}/${r.name}`;
      const text = line(r, false);
      if (seen.get(key) === text) continue;
      seen.set(key, text);
      writeRaw(out, `  ${text}\n`);
    }
  };
  return { onProgress, done: () => (block = []) };
}
