// Helm's record encoding (pkg/storage/driver/util.go): JSON, gzip at best
// compression, base64. Decoding also accepts plain JSON, as Helm's does.
// node:zlib is taken where a record is encoded or inflated (process.getBuiltinModule):
// `skiff list` of no releases need not load it.
import { SkiffError } from '../errors.js';
import type { Chart } from '../chart/types.js';
import type { ChartRecord, Release } from './types.js';
import { stringifyExact } from '../values/int64.js';

/**
 * Encodes a release the way Helm stores it: base64(gzip(JSON)); labels stay
 * outside. One operation writes a revision twice (pending, then its outcome),
 * and an upgrade also rewrites the previous revision, usually with the same
 * chart: the chart, most of a record, is compressed once. The gzip member is
 * the text before the chart, the chart and the text after, each compressed on
 * its own and flushed to a byte boundary, so the chart's compressed bytes can
 * be reused; any gzip reader reads it as one stream of the whole JSON.
 */
export function encodeRelease(rel: Release): string {
  const { labels: _labels, ...json } = rel;
  // --set integers keep their exact int64 digits and -0 stays -0, as in Helm's record.
  const [before, chart, after] = recordPieces(json);
  const zlib = process.getBuiltinModule('node:zlib');
  const level = zlib.constants.Z_BEST_COMPRESSION;
  // A small chart costs little to compress again: the record is one stream, as compact as it gets.
  if (chart.length < REUSED_CHART_MIN) return zlib.gzipSync(Buffer.from(before + chart + after), { level }).toString('base64');
  const head = Buffer.from(before);
  const tail = Buffer.from(after);
  const c = compressedChart(chart);
  // An empty piece adds nothing (and Node's crc32 can answer 0 for an empty buffer zlib has read).
  let crc = 0;
  for (const b of [head, c.text, tail]) if (b.length) crc = zlib.crc32(b, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((head.length + c.text.length + tail.length) % 2 ** 32, 4);
  return Buffer.concat([
    GZIP_HEADER,
    zlib.deflateRawSync(head, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    c.deflated,
    zlib.deflateRawSync(tail, { level }),
    trailer,
  ]).toString('base64');
}

/** The size (characters of JSON) from which a chart's compressed bytes are kept for the next record. */
export const REUSED_CHART_MIN = 32 * 1024;

/** A gzip member's header: deflate, no name or time, best compression, Unix (what zlib writes). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0x02, 0x03]);

/** The record's JSON (stringifyExact of it) in three pieces: before the chart's value, the chart's value, after it. */
export function recordPieces(json: Readonly<Record<string, unknown>>): [string, string, string] {
  const pieces: [string, string, string] = ['{', '', ''];
  let at = 0;
  let first = true;
  for (const k of Object.keys(json)) {
    const v = json[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const member = `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    if (k === 'chart' && at === 0) {
      pieces[0] += member;
      pieces[1] = stringifyExact(v);
      at = 2;
    } else {
      pieces[at] += member + stringifyExact(v);
    }
  }
  pieces[at] += '}';
  return pieces;
}

/** The last chart compressed: its JSON, as bytes, and deflated (best compression, flushed to a byte boundary, not final). */
let lastChart: { json: string; text: Buffer; deflated: Buffer } | undefined;

function compressedChart(json: string): { text: Buffer; deflated: Buffer } {
  if (lastChart?.json === json) return lastChart;
  const zlib = process.getBuiltinModule('node:zlib');
  const text = Buffer.from(json);
  const deflated = zlib.deflateRawSync(text, { level: zlib.constants.Z_BEST_COMPRESSION, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  lastChart = { json, text, deflated };
  return lastChart;
}

/**
 * The largest record skiff decodes (its JSON, after gunzip): 64 MiB, far
 * above real releases (Helm's own records fit one 1 MiB Secret compressed)
 * and far below what a planted gzip bomb would cost every list and upgrade.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** What decodeRelease throws for a record that is not one (code RELEASE_DECODE). */
export class RecordDecodeError extends SkiffError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('RELEASE_DECODE', message, options);
  }
}

/** True for the error of a record that cannot be decoded (as opposed to a failure to read it). */
export function isRecordDecodeError(err: unknown): err is RecordDecodeError {
  return err instanceof SkiffError && err.code === 'RELEASE_DECODE';
}

/**
 * Decodes what encodeRelease (or Helm) wrote. Records are untrusted input
 * (anyone who may create Secrets can plant one): decompression stops at
 * MAX_RECORD_BYTES; throws RecordDecodeError naming `where` for anything that
 * is not a release.
 */
export function decodeRelease(data: string, where: string, maxBytes = MAX_RECORD_BYTES): Release {
  let buf: Buffer = Buffer.from(data, 'base64');
  try {
    if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b && buf[2] === 0x08) buf = gunzipBounded(buf, maxBytes);
    if (buf.length > maxBytes) throw new Error(`larger than ${size(maxBytes)}`);
    const rel = JSON.parse(buf.toString('utf8')) as Release;
    if (typeof rel !== 'object' || rel === null || typeof rel.name !== 'string') throw new Error('not a release record');
    return normalize(rel);
  } catch (err) {
    throw new RecordDecodeError(`${where}: cannot decode release record: ${(err as Error).message}`, { cause: err });
  }
}

function size(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function gunzipBounded(buf: Buffer, maxBytes: number): Buffer {
  try {
    return process.getBuiltinModule('node:zlib').gunzipSync(buf, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new Error(`it decompresses to more than ${size(maxBytes)} (${buf.length} bytes compressed); refused as a decompression bomb`);
    }
    throw err;
  }
}

// Helm omits empty fields (omitempty); give them their zero values once here.
function normalize(rel: Release): Release {
  rel.info ??= { first_deployed: '', last_deployed: '', deleted: '', description: '', status: 'unknown' };
  rel.info.deleted ??= '';
  rel.info.description ??= '';
  rel.info.status ??= 'unknown';
  rel.config ??= {};
  rel.manifest ??= '';
  rel.hooks ??= [];
  rel.namespace ??= '';
  rel.chart ??= { metadata: { apiVersion: 'v2', name: '', version: '' }, lock: null, templates: [], values: {}, schema: null, files: [] };
  rel.chart.templates ??= [];
  rel.chart.files ??= [];
  rel.chart.values ??= {};
  rel.chart.lock ??= null;
  rel.chart.schema ??= null;
  for (const h of rel.hooks) {
    h.events ??= [];
    h.delete_policies ??= [];
    h.weight ??= 0;
    h.last_run ??= { started_at: '', completed_at: '', phase: '' };
  }
  return rel;
}

/** The chart as a release records it: top-level chart only, file contents base64 (Helm's []byte). */
export function chartRecord(chart: Chart): ChartRecord {
  const b64 = (f: { name: string; data: Buffer }) => ({ name: f.name, data: f.data.toString('base64') });
  return {
    metadata: chart.metadata,
    lock: chart.lock ?? null,
    templates: chart.templates.map(b64),
    values: chart.values,
    schema: schemaBytes(chart)?.toString('base64') ?? null,
    files: chart.files.map(b64),
  };
}

/**
 * The chart a release record carries, loaded back: what re-rendering a
 * revision needs (upgrade with other values from the dashboard). A record
 * holds the top-level chart only (Helm's too: subcharts are not serialized),
 * so `dependencies` is empty; callers refuse charts that declare any.
 */
export function chartFromRecord(rec: ChartRecord, where: string): Chart {
  const file = (f: { name: string; data: string }) => ({ name: f.name, data: Buffer.from(f.data ?? '', 'base64') });
  let schema: Record<string, unknown> | undefined;
  if (rec.schema) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(rec.schema, 'base64').toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) schema = parsed as Record<string, unknown>;
    } catch (err) {
      throw new RecordDecodeError(`${where}: the recorded values.schema.json is not JSON: ${(err as Error).message}`, { cause: err });
    }
  }
  return {
    metadata: rec.metadata,
    ...(rec.lock ? { lock: rec.lock } : {}),
    templates: (rec.templates ?? []).map(file),
    values: rec.values ?? {},
    ...(schema ? { schema } : {}),
    files: (rec.files ?? []).map(file),
    dependencies: [],
    source: where,
  };
}

function schemaBytes(chart: Chart): Buffer | undefined {
  const raw = chart.raw?.find((f) => f.name === 'values.schema.json');
  if (raw) return raw.data;
  return chart.schema ? Buffer.from(JSON.stringify(chart.schema, null, 2)) : undefined;
}
