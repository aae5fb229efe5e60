// Helm's own functions (pkg/engine/funcs.go of 3.17 and 4.1) and Sprig's
// JSON family: toYaml goes through JSON as sigs.k8s.io/yaml does; fromYaml
// and fromJson give back what Go's json.Unmarshal gives (numbers float64,
// errors in an "Error" key), toJson writes encoding/json's text. `lookup`
// asks the render's bridge; without one it answers {} as `helm template` does.
import type * as YamlModule from 'yaml';
import { chargeLoop, chargeBuilt, loopsCharged } from '../../budget.js';
import { toGoYaml } from '../../goyaml.js';
import { toToml } from '../../toml.js';
import { requirePackage } from '../../packages.js';
import type { FuncContext, GoFunc } from '../func-types.js';
import { isMap } from '../value.js';
import { ANY, ctxFn, fn, FuncError, MAP } from './define.js';
import { mapMutations, put } from './dicts.js';
import { JsonError, marshalJson, toJsonTree } from './json.js';
import { jsonSyntaxError } from './jsonerr.js';
import { parseToml, TomlParseError } from './toml-parse.js';

const S = 'string';
const LIST = '[]interface {}';

let yamlModule: typeof YamlModule | undefined;
function yamlLib(): typeof YamlModule {
  yamlModule ??= requirePackage('yaml') as typeof YamlModule;
  return yamlModule;
}

function bounded(s: string): string {
  chargeBuilt(s.length);
  return s;
}

// toYaml of the same map or list again (`toYaml .Values.resources` in every
// template of a chart) reuses the text while no template has changed a map
// in place since; the loop iterations it cost are charged again.
const yamlOf = new WeakMap<object, { readonly mutations: number; readonly text: string; readonly loops: number }>();

/** sigs.k8s.io/yaml.Marshal without the trailing newline; throws JsonError where Go's marshal fails. */
function yamlText(v: unknown): string {
  if (!Array.isArray(v) && !isMap(v)) return bounded(toGoYaml(toJsonTree(v, true)));
  const hit = yamlOf.get(v);
  if (hit !== undefined && hit.mutations === mapMutations()) {
    chargeLoop(hit.loops);
    return bounded(hit.text);
  }
  const before = loopsCharged();
  const text = toGoYaml(toJsonTree(v, true));
  yamlOf.set(v, { mutations: mapMutations(), text, loops: loopsCharged() - before });
  return bounded(text);
}

/** The value after Go's JSON round trip: numbers float64, maps map[string]interface {}. */
function jsonValue(v: unknown, depth = 0): unknown {
  if (depth > 10_000) throw new FuncError('value nested too deeply');
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new JsonError(`json: unsupported value: ${v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'}`);
    return v;
  }
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => jsonValue(x, depth + 1));
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) put(out, keyText(k), jsonValue(x, depth + 1));
    return out;
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) put(out, k, jsonValue((v as Record<string, unknown>)[k], depth + 1));
    return out;
  }
  return String(v);
}

/** How sigs.k8s.io/yaml turns a non-string YAML key into a JSON key. */
function keyText(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'number') return Number.isInteger(k) ? String(k) : String(k);
  return String(k);
}

/** go-yaml v2's wording for the parse errors charts meet most. */
const YAML_V2_WORDING: Record<string, string> = {
  'Nested mappings are not allowed in compact mappings': 'mapping values are not allowed in this context',
  'Implicit map keys need to be followed by map values': 'could not find expected \':\'',
  'Implicit keys need to be on a single line': 'could not find expected \':\'',
};

/** YAML (1.1, as go-yaml v2 reads it) to the JSON-shaped value Helm's fromYaml sees; throws with yaml.v2-like text. */
function parseYamlAsJson(text: string): unknown {
  const lib = yamlLib();
  const docs = lib.parseAllDocuments(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    customTags: (tags) => tags.filter((t) => typeof t === 'object' && t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list[0];
  if (doc === undefined) return null;
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    const text = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new Error(`error converting YAML to JSON: yaml: ${line !== undefined && line > 1 ? `line ${line}: ` : ''}${YAML_V2_WORDING[text] ?? text}`);
  }
  return jsonValue(doc.toJS({ mapAsMap: true, maxAliasCount: 100 }));
}

function fromYaml(s: string): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  try {
    const v = parseYamlAsJson(s);
    if (v === null) return m;
    if (!isMap(v)) throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}`);
    return v;
  } catch (e) {
    if (!(e instanceof Error) || e instanceof FuncError) throw e;
    m.Error = e.message;
    return m;
  }
}

function fromYamlArray(s: string): unknown[] {
  try {
    const v = parseYamlAsJson(s);
    if (v === null) return [];
    if (!Array.isArray(v)) throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isMap(v) ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type []interface {}`);
    return v;
  } catch (e) {
    if (!(e instanceof Error) || e instanceof FuncError) throw e;
    return [e.message];
  }
}

/** json.Unmarshal into interface{}; throws with encoding/json's error text. */
function parseJson(s: string): unknown {
  const bad = jsonSyntaxError(s);
  if (bad !== undefined) throw new Error(bad);
  return jsonValue(JSON.parse(s));
}

const jsonKind = (v: unknown) => (Array.isArray(v) ? 'array' : isMap(v) ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number');

function fromJson(s: string): Record<string, unknown> {
  try {
    const v = parseJson(s);
    if (v === null) return {};
    if (!isMap(v)) return { Error: `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}` };
    return v;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

function fromJsonArray(s: string): unknown[] {
  try {
    const v = parseJson(s);
    if (v === null) return [];
    if (!Array.isArray(v)) return [`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}

/** Helm's toX: the text, or "" when Go's marshal fails. */
const orEmpty = (f: (v: unknown) => string) => (v: unknown) => {
  try {
    return f(v);
  } catch (e) {
    if (e instanceof JsonError) return '';
    throw e;
  }
};

const json = (opts: { indent?: string; escapeHtml?: boolean }) => (v: unknown) => bounded(marshalJson(v, opts));

/** BurntSushi/toml's encoder: ints as ints, floats with a decimal point; the error text when TOML cannot hold the value. */
function tomlText(v: unknown): string {
  return bounded(toToml(toJsonTree(v, true)));
}

function lookup(ctx: FuncContext, apiVersion: string, kind: string, namespace: string, name: string): Record<string, unknown> {
  if (!ctx.lookup) return {};
  return ctx.lookup(apiVersion, kind, namespace, name) ?? {};
}

export const HELM_FUNCS: Record<string, GoFunc> = {
  toYaml: fn([ANY], S, orEmpty(yamlText)),
  mustToYaml: fn([ANY], S, yamlText),
  toYamlPretty: fn([ANY], S, orEmpty((v) => bounded(toGoYaml(toJsonTree(v, true), { pretty: true })))),
  fromYaml: fn([S], MAP, fromYaml),
  fromYamlArray: fn([S], LIST, fromYamlArray),
  toJson: fn([ANY], S, orEmpty(json({}))),
  mustToJson: fn([ANY], [S, 'error'], json({})),
  toPrettyJson: fn([ANY], S, orEmpty(json({ indent: '  ' }))),
  mustToPrettyJson: fn([ANY], [S, 'error'], json({ indent: '  ' })),
  toRawJson: fn([ANY], S, json({ escapeHtml: false })),
  mustToRawJson: fn([ANY], [S, 'error'], json({ escapeHtml: false })),
  fromJson: fn([S], MAP, fromJson),
  fromJsonArray: fn([S], LIST, fromJsonArray),
  mustFromJson: fn([S], [ANY, 'error'], (s: string) => {
    try {
      return parseJson(s);
    } catch (e) {
      throw new FuncError((e as Error).message);
    }
  }),
  toToml: fn([ANY], S, tomlText),
  fromToml: fn([S], MAP, (s: string) => {
    try {
      return parseToml(s);
    } catch (e) {
      if (e instanceof TomlParseError) return { Error: e.message };
      throw e;
    }
  }),
  lookup: ctxFn([S, S, S, S], [MAP, 'error'], lookup),
};
