// values.schema.json validation. Helm v3 validates each chart's final values
// against its own schema (subcharts against their section) and lists every
// failure, in gojsonschema's wording, grouped by chart.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Chart, Values } from '../chart/types.js';
import { ValuesError } from '../errors.js';
import { isTable } from './util.js';
import { withPlainNumbers } from './int64.js';
import { schemaCache, schemaKey } from './schema-cache.js';

type AjvLike = { compile(schema: object): ValidateFunction; addMetaSchema(schema: object): unknown };
type AjvCtor = new (opts: Record<string, unknown>) => AjvLike;

// Ajv is about a hundred modules: it is loaded when a chart has a schema, not
// by every command that prepares values. These packages are CommonJS with a
// `default` export; take whichever the loader gives.
const lazyRequire = createRequire(import.meta.url);
const pick = <T>(m: T): T => ((m as { default?: T }).default ?? m);
const load = <T>(id: string): T => pick(lazyRequire(id)) as T;
type Draft = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';

/** The JSON Schema draft a schema declares with `$schema` (draft-07 when absent or unknown). */
export function schemaDraft(schema: Record<string, unknown>): Draft {
  const id = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (id.includes('draft-04')) return 'draft-04';
  if (id.includes('draft-06')) return 'draft-06';
  if (id.includes('2019-09')) return '2019-09';
  if (id.includes('2020-12')) return '2020-12';
  return 'draft-07';
}

function newValidator(draft: Draft, source: boolean): AjvLike {
  // `code.source` keeps the generated code, for the standalone module the cache stores.
  const opts = { allErrors: true, verbose: true, strict: false, validateFormats: true, logger: false, ...(source ? { code: { source: true } } : {}) };
  let ajv: AjvLike;
  switch (draft) {
    case 'draft-04':
      ajv = new (load<AjvCtor>('ajv-draft-04'))(opts);
      break;
    case '2019-09':
      ajv = new (load<AjvCtor>('ajv/dist/2019.js'))(opts);
      break;
    case '2020-12':
      ajv = new (load<AjvCtor>('ajv/dist/2020.js'))(opts);
      break;
    default:
      ajv = new (load<AjvCtor>('ajv'))(opts);
      if (draft === 'draft-06') ajv.addMetaSchema(lazyRequire('ajv/dist/refs/json-schema-draft-06.json') as object);
  }
  load<(ajv: AjvLike) => void>('ajv-formats')(ajv);
  return ajv;
}

// Compiled once per schema object (and per identical schema text), each in its
// own Ajv instance so charts that reuse an `$id` do not collide.
const byObject = new WeakMap<object, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();

/**
 * Compiles with the draft the schema declares. A `$schema` no draft answers to
 * (charts write "https://json-schema.org/schema#") is ignored, as Helm 3's
 * gojsonschema ignores it, instead of failing to resolve it.
 */
function compileDeclared(schema: Record<string, unknown>, source: boolean): { ajv: AjvLike; fn: ValidateFunction } {
  try {
    const ajv = newValidator(schemaDraft(schema), source);
    return { ajv, fn: ajv.compile(schema) };
  } catch (e) {
    const declared = schema.$schema;
    if (typeof declared !== 'string' || !(e as Error).message.includes(`no schema with key or ref "${declared}"`)) throw e;
    const { $schema: _ignored, ...rest } = schema;
    const ajv = newValidator(schemaDraft(rest), source);
    return { ajv, fn: ajv.compile(rest) };
  }
}

export { useSchemaCache } from './schema-cache.js';

/** Forgets the validators compiled in this process, so the next validation of each schema reads the disk cache (or compiles) again. */
export function clearCompiledSchemas(): void {
  byText.clear();
}

/** A compiled validator from the disk cache, or compiled now (and stored there). */
function compileCached(schema: Record<string, unknown>, text: string): ValidateFunction {
  const diskCache = schemaCache();
  if (diskCache === undefined) return compileDeclared(schema, false).fn;
  const key = schemaKey(schemaDraft(schema), text);
  const stored = diskCache.get(key);
  if (stored) return stored;
  const { ajv, fn } = compileDeclared(schema, true);
  let source: string | undefined;
  try {
    source = load<(ajv: AjvLike, fn: ValidateFunction) => string>('ajv/dist/standalone')(ajv, fn);
  } catch {
    // A schema Ajv cannot write as a standalone module is compiled on every run.
  }
  if (source !== undefined) diskCache.put(key, source);
  return fn;
}

/** Compiles (once) a chart's schema; throws ValuesError naming the chart when the schema itself is invalid. */
export function compileSchema(schema: Record<string, unknown>, chartName = 'chart'): ValidateFunction {
  const cached = byObject.get(schema);
  if (cached) return cached;
  const text = JSON.stringify(schema);
  let fn = byText.get(text);
  if (!fn) {
    try {
      fn = compileCached(schema, text);
    } catch (e) {
      throw new ValuesError(`${chartName}: invalid values.schema.json: ${(e as Error).message}`, { cause: e });
    }
    if (byText.size > 256) byText.clear();
    byText.set(text, fn);
  }
  byObject.set(schema, fn);
  return fn;
}

/**
 * Validates `values` against one schema and returns Helm's lines
 * (`- <path>: <message>`, `(root)` for the top), empty when valid.
 */
export function schemaErrors(schema: Record<string, unknown>, values: Values, chartName = 'chart'): string[] {
  const validate = compileSchema(schema, chartName);
  if (validate(withPlainNumbers(values ?? {}))) return [];
  const lines: string[] = [];
  for (const err of inHelmOrder(validate.errors ?? [])) {
    // Branch failures of anyOf/oneOf/contains are summarised by the keyword's own error.
    if (/\/(anyOf|oneOf)\/\d+\/|\/contains\//.test(err.schemaPath)) continue;
    const line = `- ${fieldOf(err)}: ${describe(err)}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

// gojsonschema reports a value's own failures before descending into its
// members, members in schema order; Ajv may report a parent's keywords
// (required, additionalProperties) after its children. Re-order depth-first.
function inHelmOrder(errors: ErrorObject[]): ErrorObject[] {
  interface Node {
    errors: ErrorObject[];
    children: Map<string, Node>;
  }
  const root: Node = { errors: [], children: new Map() };
  for (const err of errors) {
    let node = root;
    for (const seg of err.instancePath === '' ? [] : err.instancePath.slice(1).split('/')) {
      let next = node.children.get(seg);
      if (!next) {
        next = { errors: [], children: new Map() };
        node.children.set(seg, next);
      }
      node = next;
    }
    node.errors.push(err);
  }
  const out: ErrorObject[] = [];
  const walk = (n: Node): void => {
    out.push(...n.errors);
    for (const child of n.children.values()) walk(child);
  };
  walk(root);
  return out;
}

/**
 * Validates each chart's values against its values.schema.json: the root
 * chart against `values`, every subchart (recursively) against its own
 * section; throws one ValuesError listing every failing path per chart:
 * `values don't meet the specifications of the schema(s) in the following chart(s):\n<chart>:\n- <path>: <message>`.
 */
export function validateValuesSchema(chart: Chart, values: Values): void {
  const out: string[] = [];
  collect(chart, values, out);
  if (out.length > 0) {
    throw new ValuesError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${out.join('\n')}`);
  }
}

function collect(chart: Chart, values: Values, out: string[]): void {
  if (chart.schema) {
    const lines = schemaErrors(chart.schema, values, chart.metadata.name);
    if (lines.length > 0) out.push(`${chart.metadata.name}:`, ...lines);
  }
  for (const sub of chart.dependencies) {
    const section = values?.[sub.metadata.name];
    collect(sub, isTable(section) ? section : {}, out);
  }
}

function fieldOf(err: ErrorObject): string {
  if (err.instancePath === '') return '(root)';
  return err.instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

function describe(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  const field = fieldOf(err);
  switch (err.keyword) {
    case 'type': {
      const t = (err.parentSchema as { type?: unknown } | undefined)?.type ?? p.type;
      const expected = Array.isArray(t) ? (t.length > 1 ? `[${t.join(',')}]` : String(t[0])) : String(t);
      return `Invalid type. Expected: ${expected}, given: ${jsonType(err.data)}`;
    }
    case 'required':
      return `${String(p.missingProperty)} is required`;
    case 'additionalProperties':
      return `Additional property ${String(p.additionalProperty)} is not allowed`;
    case 'unevaluatedProperties':
      return `Additional property ${String(p.unevaluatedProperty)} is not allowed`;
    case 'enum':
      return `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    case 'const':
      return `${field} does not match: ${JSON.stringify(p.allowedValue)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const cmp = String(p.comparison);
      if (cmp === '>=') return `Must be greater than or equal to ${String(p.limit)}`;
      if (cmp === '>') return `Must be greater than ${String(p.limit)}`;
      if (cmp === '<=') return `Must be less than or equal to ${String(p.limit)}`;
      return `Must be less than ${String(p.limit)}`;
    }
    case 'minLength':
      return `String length must be greater than or equal to ${String(p.limit)}`;
    case 'maxLength':
      return `String length must be less than or equal to ${String(p.limit)}`;
    case 'pattern':
      return `Does not match pattern '${String(p.pattern)}'`;
    case 'format':
      return `Does not match format '${String(p.format)}'`;
    case 'minItems':
      return `Array must have at least ${String(p.limit)} items`;
    case 'maxItems':
      return `Array must have at most ${String(p.limit)} items`;
    case 'uniqueItems':
      return `array items[${String(p.j)},${String(p.i)}] must be unique`;
    case 'multipleOf':
      return `Must be a multiple of ${String(p.multipleOf)}`;
    case 'minProperties':
      return `Must have at least ${String(p.limit)} properties`;
    case 'maxProperties':
      return `Must have at most ${String(p.limit)} properties`;
    case 'anyOf':
      return 'Must validate at least one schema (anyOf)';
    case 'oneOf':
      return 'Must validate one and only one schema (oneOf)';
    case 'not':
      return 'Must not validate the schema (not)';
    case 'if':
      return `Must validate "${String(p.failingKeyword)}" as "if" was ${p.failingKeyword === 'then' ? 'valid' : 'not valid'}`;
    case 'dependencies':
    case 'dependentRequired':
      return `Has a dependency on ${String(p.missingProperty ?? p.deps)}`;
    case 'contains':
      return 'At least one of the items must match';
    case 'additionalItems':
    case 'items':
      return 'No additional items allowed on array';
    case 'false schema':
      return 'False always fails validation';
    case 'propertyNames':
      return `Property "${String(p.propertyName)}" does not match the schema`;
    default:
      return err.message ?? err.keyword;
  }
}
