// Runs function calls through real Helm and through skiff's function map,
// for the differential tests. A call is a function name and arguments that
// are Go template constants or nested calls; Helm renders each as
// `{{ $r := CALL }}{{ printf "%s %v" (typeOf $r) $r | b64enc }}` in one chart
// (one `helm template` per batch); skiff evaluates the same call by converting
// the constants as text/template does and calling the functions directly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/cli.js';
import { FUNCS } from '../../../src/render/gotmpl/funcs.js';
import { quote, sprintf } from '../../../src/render/gotmpl/fmt.js';
import { GoFloat32, GoInt, GoStruct, goTypeOf, type IntKind } from '../../../src/render/gotmpl/value.js';

/** A Go constant or a nested call. */
export type Arg = { s: string } | { i: number | bigint } | { f: number } | { b: boolean } | { nil: true } | { of: Call; field: string } | Call;
export interface Call {
  fn: string;
  args: Arg[];
}

export const str = (s: string): Arg => ({ s });
export const int = (i: number | bigint): Arg => ({ i });
export const flt = (f: number): Arg => ({ f });
export const bool = (b: boolean): Arg => ({ b });
export const nil: Arg = { nil: true };
export const call = (fn: string, ...args: Arg[]): Call => ({ fn, args });
/** A struct field of a call's result: `(genCA "x" 1).Cert`. */
export const field = (of: Call, name: string): Arg => ({ of, field: name });

function floatLiteral(f: number): string {
  const t = String(f);
  return /[.e]/.test(t) ? t : `${t}.0`;
}

/** The call in template syntax. */
export function source(a: Arg): string {
  if ('fn' in a) return a.args.length === 0 ? a.fn : `(${a.fn} ${a.args.map(source).join(' ')})`;
  if ('of' in a) return `(${source(a.of)}).${a.field}`;
  if ('s' in a) return quote(a.s);
  if ('i' in a) return String(a.i);
  if ('f' in a) return floatLiteral(a.f);
  if ('b' in a) return String(a.b);
  return 'nil';
}

const INT_KINDS = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64']);

/** text/template's conversion of a constant (or a value) to a parameter type. */
function convert(a: Arg, param: string): unknown {
  if ('fn' in a) return evaluate(a);
  if ('of' in a) return (evaluate(a.of) as GoStruct).fields[a.field];
  if ('nil' in a) return null;
  if ('s' in a) return a.s;
  if ('b' in a) return a.b;
  if ('i' in a) {
    if (INT_KINDS.has(param)) return new GoInt(param as IntKind, BigInt(a.i));
    if (param === 'float64') return Number(a.i);
    if (param === 'float32') return new GoFloat32(Number(a.i));
    return new GoInt('int', BigInt(a.i));
  }
  if (param === 'float32') return new GoFloat32(a.f);
  return a.f;
}

/** Evaluates a call with skiff's functions; throws what the function throws. */
export function evaluate(c: Call): unknown {
  const f = FUNCS[c.fn];
  if (!f) throw new Error(`no function ${c.fn}`);
  const args = c.args.map((a, i) => convert(a, f.params[Math.min(i, f.params.length - 1)] ?? 'interface {}'));
  return f.call({}, ...args);
}

/** What the template prints for a call: "TYPE VALUE" (a nil result prints as Helm leaves it, empty). */
export function skiffLine(c: Call): string {
  const r = evaluate(c);
  const printed = sprintf('%s %v', [goTypeOf(r), r]);
  return printed.replaceAll('<no value>', '');
}

export interface HelmResult {
  lines: string[];
  error?: string;
}

function chartDir(templates: string): string {
  const dir = tempDir('skiff-funcs-oracle-');
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), templates);
  return join(dir, 'c');
}

/**
 * Renders every call in one chart with the given Helm binary; lines in call
 * order. A batch that fails is split until the failing calls stand alone;
 * their line is "ERROR " and Helm's message for the call.
 */
export function helmLines(helm: string, calls: Call[]): string[] {
  try {
    return helmBatch(helm, calls);
  } catch {
    if (calls.length === 1) return [`ERROR ${helmError(helm, calls[0]!)}`];
    const half = Math.floor(calls.length / 2);
    return [...helmLines(helm, calls.slice(0, half)), ...helmLines(helm, calls.slice(half))];
  }
}

function helmBatch(helm: string, calls: Call[]): string[] {
  const body = calls.map((c, i) => `  c${i}: {{ $r${i} := ${source(c)} }}{{ printf "%s %v" (typeOf $r${i}) $r${i} | b64enc | quote }}`);
  const dir = chartDir(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', ...body, ''].join('\n'));
  const r = spawnSync(helm, ['template', 'r', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`helm failed: ${r.stderr}`);
  const out: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^ {2}c(\d+): "(.*)"$/.exec(line);
    if (m) out[Number(m[1])] = Buffer.from(m[2]!, 'base64').toString('utf8').replaceAll('<no value>', '');
  }
  return out;
}

/** The error Helm reports for one call (the text after "error calling NAME: "), or the whole stderr. */
export function helmError(helm: string, c: Call): string {
  const dir = chartDir(`x: {{ ${source(c)} }}\n`);
  const r = spawnSync(helm, ['template', 'r', dir], { encoding: 'utf8' });
  if (r.status === 0) return `(no error) ${r.stdout}`;
  const text = r.stderr.replace(/\n+Use --debug flag to render out invalid YAML\n*$/, '').trim();
  // A function's error, or (fail, required) Helm's "execution error at (...)" form of it.
  const m = /error calling \w+: ([\s\S]*)$/.exec(text) ?? /execution error at \([^)]*\): ([\s\S]*)$/.exec(text);
  return m ? m[1]! : text;
}
