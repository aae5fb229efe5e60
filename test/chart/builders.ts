// Small builders for chart fixtures: chart directories from a file map, and
// raw tar archives with arbitrary (also malicious) entries.
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CHART_YAML = (name = 'demo', version = '0.1.0', extra = '') =>
  `apiVersion: v2\nname: ${name}\nversion: ${version}\n${extra}`;

/** Writes files (path -> content) under a new temporary directory and returns the chart directory. */
export function writeChart(files: Record<string, string | Buffer>, dirName = 'demo'): string {
  const root = mkdtempSync(join(tmpdir(), 'skiff-chart-'));
  const dir = join(root, dirName);
  mkdirSync(dir, { recursive: true });
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

export interface RawEntry {
  name: string;
  /** tar typeflag: '0' file (default), '2' symlink, '1' hard link, '5' dir, '3' char device, '6' fifo. */
  type?: string;
  data?: string | Buffer;
  linkname?: string;
  /** Declared size, when it should differ from the data length. */
  size?: number;
}

function octal(h: Buffer, off: number, len: number, n: number): void {
  h.write(n.toString(8).padStart(len - 1, '0') + '\0', off, len, 'latin1');
}

/** One ustar header block. */
export function tarHeader(e: RawEntry): Buffer {
  const h = Buffer.alloc(512);
  const data = Buffer.from(e.data ?? '');
  h.write(e.name, 0, 100, 'utf8');
  octal(h, 100, 8, 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, e.size ?? data.length);
  octal(h, 136, 12, 0);
  h.write(e.type ?? '0', 156, 1, 'latin1');
  if (e.linkname) h.write(e.linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 6, 'latin1');
  h.write('00', 263, 2, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return h;
}

/** A gzipped tar of the given entries, written as-is with no safety checks. */
export function rawTgz(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    parts.push(tarHeader(e), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** A minimal valid chart archive plus extra entries. */
export function chartTgz(extra: RawEntry[] = [], name = 'demo'): Buffer {
  return rawTgz([{ name: `${name}/Chart.yaml`, data: CHART_YAML(name) }, ...extra]);
}
