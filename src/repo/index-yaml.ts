// Reading a YAML repository index one chart version at a time. An index is a
// top-level map whose `entries` map holds, per chart, a list of versions;
// block YAML marks every one of those pieces by indentation alone, so the
// text can be cut at them without parsing it. Each piece is read by the fast
// reader, or by the full YAML parser when it is outside the fast subset —
// so time stays linear in the size of the index and the full parser never
// holds more than one chart version, whatever an index (or an attacker)
// puts in it. Syntax errors still name the line in the whole file.
import { LineCounter, parseDocument } from 'yaml';
import { RepoError } from '../errors.js';
import { YamlLines, readBlock, splitKeyLine } from '../util/fast-yaml.js';

/** A parsed index document and the line of any path in it (for error messages). */
export interface IndexYaml {
  readonly doc: Record<string, unknown>;
  lineOf(path: readonly (string | number)[]): number | undefined;
}

interface ChartPiece {
  readonly keyLine: number;
  readonly items: number[];
  readonly end: number;
}

/** Pieces could not be cut with certainty: the caller parses the document as a whole. */
class Uncuttable extends Error {}
const UNCUTTABLE = new Uncuttable();

function spaces(lines: YamlLines, i: number): number {
  const ind = lines.indents[i]!;
  if (ind !== -2) return ind;
  const raw = lines.raw(i);
  if (raw.trim() === '') return -1;
  let sp = 0;
  while (raw.charCodeAt(sp) === 32) sp++;
  if (raw[sp] === '#') return -1;
  return sp;
}

const isItem = (body: string) => body.startsWith('- ') || body === '-';

/** Reads lines [from, to) as one node: fast reader first, full parser for what it declines. */
function readPiece(lines: YamlLines, from: number, to: number, file: string): unknown {
  const fast = readBlock(lines, from, to);
  if (fast !== undefined) return fast;
  const text = lines.slice(from, to);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const e = doc.errors[0];
  if (e) {
    // An alias may point at an anchor in another piece: only the whole document can say.
    if (text.includes('*')) throw UNCUTTABLE;
    const pos = lc.linePos(e.pos[0]);
    const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new RepoError(`${file}:${pos.line + from}:${pos.col}: invalid repository index YAML: ${msg}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    if (text.includes('*')) throw UNCUTTABLE;
    throw new RepoError(`${file}:${from + 1}: invalid repository index YAML: ${(err as Error).message}`);
  }
}

/** The one key and value of a piece that holds a single map entry. */
function only(value: unknown): [string, unknown] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw UNCUTTABLE;
  const keys = Object.keys(value);
  if (keys.length !== 1) throw UNCUTTABLE;
  return [keys[0]!, (value as Record<string, unknown>)[keys[0]!]];
}

function duplicate(file: string, line: number, key: string, first: number): RepoError {
  return new RepoError(`${file}:${line + 1}: invalid repository index YAML: map key ${JSON.stringify(key)} is defined twice (first at line ${first + 1})`);
}

/**
 * Parses a YAML index piece by piece. Returns undefined when its layout does
 * not allow cutting it (then parse the whole document); throws RepoError
 * naming file and line for a syntax error or a repeated key.
 */
export function parseIndexYaml(text: string, file: string): IndexYaml | undefined {
  const lines = new YamlLines(text);
  try {
    return cut(lines, file);
  } catch (err) {
    if (err instanceof Uncuttable) return undefined;
    throw err;
  }
}

function cut(lines: YamlLines, file: string): IndexYaml {
  let start = 0;
  while (start < lines.count && spaces(lines, start) === -1) start++;
  if (start < lines.count && lines.indents[start] === 0 && lines.bodies[start] === '---') start++;
  let end = lines.count;
  const tops: number[] = [];
  for (let i = start; i < lines.count; i++) {
    const ind = spaces(lines, i);
    if (ind !== 0) continue;
    const body = lines.bodies[i]!;
    if (body === '...') {
      end = i;
      break;
    }
    if (body.startsWith('---') || body.startsWith('%')) throw UNCUTTABLE;
    if (isItem(body)) {
      // yaml.v2 writes a top-level list at the key's own indentation: it belongs to the key above.
      if (tops.length === 0) throw UNCUTTABLE;
      continue;
    }
    tops.push(i);
  }
  for (let i = end + 1; i < lines.count; i++) if (spaces(lines, i) !== -1) throw UNCUTTABLE;
  if (tops.length === 0 || tops[0] !== firstContent(lines, start, end)) throw UNCUTTABLE;

  const doc: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const topLine = new Map<string, number>();
  const charts = new Map<string, ChartPiece>();
  for (let t = 0; t < tops.length; t++) {
    const from = tops[t]!;
    const to = t + 1 < tops.length ? tops[t + 1]! : end;
    const key = splitKeyLine(lines, from);
    let name: string;
    let value: unknown;
    if (key && key[0] === 'entries' && key[1] === '') {
      name = 'entries';
      value = readEntries(lines, from + 1, to, file, charts);
    } else [name, value] = only(readPiece(lines, from, to, file));
    const seen = topLine.get(name);
    if (seen !== undefined) throw duplicate(file, from, name, seen);
    topLine.set(name, from);
    doc[name] = value;
  }
  return { doc: { ...doc }, lineOf: (path) => lineOf(lines, path, topLine, charts) };
}

function firstContent(lines: YamlLines, from: number, to: number): number {
  for (let i = from; i < to; i++) if (spaces(lines, i) !== -1) return i;
  return to;
}

/** The charts of `entries` (lines [from, to)), each version read on its own. */
function readEntries(lines: YamlLines, from: number, to: number, file: string, charts: Map<string, ChartPiece>): unknown {
  const first = firstContent(lines, from, to);
  if (first === to) return null;
  const c = spaces(lines, first);
  if (isItem(lines.bodies[first]!)) throw UNCUTTABLE;
  const keyLines: number[] = [];
  for (let i = first; i < to; i++) {
    const ind = spaces(lines, i);
    if (ind === -1 || ind > c) continue;
    if (ind < c) throw UNCUTTABLE;
    if (!isItem(lines.bodies[i]!)) keyLines.push(i);
  }
  const entries: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (let k = 0; k < keyLines.length; k++) {
    const keyLine = keyLines[k]!;
    const pieceEnd = k + 1 < keyLines.length ? keyLines[k + 1]! : to;
    const key = splitKeyLine(lines, keyLine);
    let name: string;
    let value: unknown;
    const items: number[] = [];
    if (key && key[1] === '' && lines.indents[keyLine] === c) {
      name = key[0];
      value = readVersions(lines, keyLine + 1, pieceEnd, c, file, items);
    } else [name, value] = only(readPiece(lines, keyLine, pieceEnd, file));
    const seen = charts.get(name);
    if (seen !== undefined) throw duplicate(file, keyLine, name, seen.keyLine);
    charts.set(name, { keyLine, items, end: pieceEnd });
    entries[name] = value;
  }
  return entries;
}

/** One chart's list of versions (lines [from, to), its key at indentation `c`); `items` receives each version's first line. */
function readVersions(lines: YamlLines, from: number, to: number, c: number, file: string, items: number[]): unknown {
  const first = firstContent(lines, from, to);
  if (first === to) return null;
  const s = spaces(lines, first);
  if (!isItem(lines.bodies[first]!) || s < c || lines.indents[first] !== s) throw UNCUTTABLE;
  for (let i = first; i < to; i++) {
    const ind = spaces(lines, i);
    if (ind === -1 || ind > s) continue;
    if (ind < s || !isItem(lines.bodies[i]!)) throw UNCUTTABLE;
    items.push(i);
  }
  const out: unknown[] = [];
  for (let n = 0; n < items.length; n++) {
    const value = readPiece(lines, items[n]!, n + 1 < items.length ? items[n + 1]! : to, file);
    if (!Array.isArray(value) || value.length !== 1) throw UNCUTTABLE;
    out.push(value[0]);
  }
  return out;
}

/** Line (1-based) of a path, as precisely as the pieces say: the key, the version, or a field line of the version. */
function lineOf(lines: YamlLines, path: readonly (string | number)[], topLine: Map<string, number>, charts: Map<string, ChartPiece>): number | undefined {
  const top = topLine.get(String(path[0]));
  if (top === undefined) return undefined;
  if (path[0] !== 'entries' || path.length < 2) return top + 1;
  const chart = charts.get(String(path[1]));
  if (!chart) return top + 1;
  if (path.length < 3 || typeof path[2] !== 'number') return chart.keyLine + 1;
  const item = chart.items[path[2]];
  if (item === undefined) return chart.keyLine + 1;
  if (path.length < 4) return item + 1;
  const field = String(path[3]);
  const next = chart.items[path[2] + 1] ?? chart.end;
  for (let i = item; i < next; i++) {
    const b = lines.bodies[i]!.replace(/^- /, '');
    if (b.startsWith(`${field}:`)) return i + 1;
  }
  return item + 1;
}
