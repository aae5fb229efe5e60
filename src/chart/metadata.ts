// Chart.yaml parsing and validation with positions: every error names the
// file and, where the YAML gives one, the line of the offending key. A
// Chart.yaml in the fast reader's subset is read without the yaml library
// (./fast-chart-yaml.ts); anything else, and every error, goes through it.
import { parseDocument, LineCounter, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { ChartInvalidError } from '../errors.js';
import { collectionKey } from './values-yaml.js';
import type { ChartLock, ChartMetadata, ChartDependency } from './types.js';
import { at, chartMetadataFrom, isRecord, parseDependencies, type PositionedYaml } from './chart-fields.js';
import { fastChartYaml } from './fast-chart-yaml.js';

export { sanitize, type PositionedYaml } from './chart-fields.js';

/** Parses YAML text; throws ChartInvalidError `file:line:col: ...` on a syntax error. */
export function parseYamlWithPositions(text: string, file: string): PositionedYaml {
  const lc = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  } catch (err) {
    throw new ChartInvalidError(`${file}: invalid YAML: ${(err as Error).message}`);
  }
  const e = doc.errors[0];
  if (e) {
    const pos = lc.linePos(e.pos[0]);
    const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ChartInvalidError(`${file}:${pos.line}:${pos.col}: invalid YAML: ${msg}`);
  }
  const badKey = collectionKey(doc);
  if (badKey) {
    const pos = lc.linePos(badKey.offset);
    throw new ChartInvalidError(`${file}:${pos.line}:${pos.col}: invalid YAML: ${badKey.message}`);
  }
  const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const find = (path: readonly (string | number)[]): { key?: Node; node: unknown } | undefined => {
    let node: unknown = doc.contents;
    let key: Node | undefined;
    for (const k of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === k);
        if (!pair) return undefined;
        key = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[k as number] as Node | undefined;
        if (!item) return undefined;
        key = item;
        node = item;
      } else return undefined;
    }
    return { key, node };
  };
  return {
    value,
    lineOf(path) {
      const range = find(path)?.key?.range;
      return range ? lc.linePos(range[0]).line : undefined;
    },
    sourceOf(path) {
      const n = find(path)?.node;
      return isScalar(n) && typeof n.source === 'string' ? n.source : undefined;
    },
  };
}

/**
 * Parses and validates Chart.yaml text. `file` is the path shown in errors.
 * Throws ChartInvalidError for invalid YAML, a non-map document, a missing or
 * invalid name or version, an unknown apiVersion or type, and malformed fields.
 */
export function parseChartYaml(text: string, file: string): ChartMetadata {
  return fastChartYaml(text, file) ?? chartMetadataFrom(parseYamlWithPositions(text, file), file);
}

/** Parses requirements.yaml of a v1 chart into dependency entries. */
export function parseRequirements(text: string, file: string): ChartDependency[] {
  const y = parseYamlWithPositions(text, file);
  if (y.value === null || y.value === undefined) return [];
  if (!isRecord(y.value)) throw new ChartInvalidError(`${file}: must be a YAML map with a "dependencies" list`);
  return parseDependencies(y, file, y.value.dependencies, ['dependencies']);
}

/** Parses Chart.lock (or requirements.lock). */
export function parseLock(text: string, file: string): ChartLock {
  const y = parseYamlWithPositions(text, file);
  const v = y.value;
  if (!isRecord(v)) throw new ChartInvalidError(`${file}: lock file must be a YAML map`);
  const deps = v.dependencies ?? [];
  if (!Array.isArray(deps)) throw new ChartInvalidError(`${at(file, y, ['dependencies'])}: dependencies must be a list`);
  const generated = v.generated instanceof Date ? v.generated.toISOString() : String(v.generated ?? '');
  return {
    generated,
    digest: String(v.digest ?? ''),
    dependencies: deps.map((d, i) => {
      if (!isRecord(d) || typeof d.name !== 'string') throw new ChartInvalidError(`${at(file, y, ['dependencies', i])}: each locked dependency needs a name`);
      const locked = { name: d.name, version: String(d.version ?? ''), repository: String(d.repository ?? '') };
      if (d.digest === undefined) return locked;
      if (typeof d.digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(d.digest)) {
        throw new ChartInvalidError(`${at(file, y, ['dependencies', i, 'digest'])}: digest of dependency "${d.name}" must be sha256:<64 lower-case hex digits>, got ${JSON.stringify(d.digest)}`);
      }
      return { ...locked, digest: d.digest };
    }),
  };
}
