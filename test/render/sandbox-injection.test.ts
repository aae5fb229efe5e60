// Code injection through the template compiler, attacked the way a chart
// author would: a chart whose template puts JavaScript where nunjucks expects a
// name, rendered with `skiff template`. nunjucks pasted such names into the
// code it generates, so each of these ran the payload in the render process
// (or broke the generated code). The payload builds its marker at run time
// ('CANARY-' + 'EXECUTED'), so the marker can only appear if it ran.
// Also checks the second layer on its own, under the render process's real
// flags: what code that got past the compiler could still reach.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, skiff, tempDir } from '../support/cli.js';
import { sandboxCommand } from '../../src/render/command.js';

const BOOM = String.raw`(function(){ throw new Error('CANARY-' + 'EXECUTED ' + typeof process) })()`;
const MARKER = 'CANARY-EXECUTED';
const LIB = '{% macro m() %}M{{ caller() if caller }}{% endmacro %}';

/** [what, template text, what the refusal names]; every one of these ran or broke generated code before. */
const VECTORS: [string, string, string][] = [
  ['a test name (x is "…")', String.raw`x: {{ 1 is "number\").call(context, 1), ${BOOM}, env.getTest(\"number" }}`, 'a test name must be a plain name'],
  ['a test name with arguments', String.raw`x: {{ 1 is "divisibleby\").call(context, 1), ${BOOM}, env.getTest(\"divisibleby"(1) }}`, 'a test name must be a plain name'],
  ['an import alias (import … as "…")', String.raw`{% import "templates/_lib.tpl" as "x\", ${BOOM}); //" %}`, 'an import alias must be a plain name'],
  ['a from-import alias (from … import m as "…")', String.raw`{% from "templates/_lib.tpl" import m as "x\", ${BOOM}); //" %}`, 'an import alias must be a plain name'],
  ['a from-import name (from … import "…")', String.raw`{% from "templates/_lib.tpl" import "m\")) { ${BOOM}; } if ((\"" %}`, 'an imported name must be a plain name'],
  ['a macro name (macro "…")', String.raw`{% macro "m\"); ${BOOM}; //" () %}{% endmacro %}`, 'a macro name must be a plain name'],
  ['a macro parameter with a default (macro m("…"=1))', String.raw`{% macro m(a, "b\"]/*"=1) %}{% endmacro %}`, 'a macro parameter must be a plain name'],
  ['macro parameters given as a dict', String.raw`{% macro m({"b\"]/*": 1}) %}{% endmacro %}`, 'a macro parameter must be a plain name'],
  ['a call-block parameter (call("…"=1))', String.raw`{% from "templates/_lib.tpl" import m %}{% call("c\"]/*"=1) m() %}x{% endcall %}`, 'a macro parameter must be a plain name'],
  ['a key/value loop variable (for k, "…" in)', String.raw`{% for k, "v\", 1); ${BOOM}; //" in {"a": 1} %}{% endfor %}`, 'a loop variable must be a plain name'],
  ['a set target (set "…" = 1)', String.raw`{% set "a\"); ${BOOM}; //" = 1 %}`, 'set can only assign to plain names'],
];

function chartWith(dir: string, template: string, values = ''): string {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: evil\nversion: 1.0.0\nannotations:\n  skiff.dev/template-engine: nunjucks\n');
  writeFileSync(join(dir, 'values.yaml'), values);
  writeFileSync(join(dir, 'templates', '_lib.tpl'), LIB);
  writeFileSync(join(dir, 'templates', 'cm.yaml'), `# line 1\n${template}\n`);
  return dir;
}

function assertRefused(r: { code: number; stdout: string; stderr: string }, what: string, names: RegExp | string): void {
  assert.is.not(r.code, 0, `${what}: must fail`);
  assert.not.match(r.stdout + r.stderr, MARKER, `${what}: the payload ran:\n${r.stderr}`);
  assert.match(r.stderr, /Error: (parse|execution) error at \(evil\/templates\/cm\.yaml:2(:\d+)?\): /, `${what}: ${r.stderr}`);
  assert.match(r.stderr, names, `${what}: ${r.stderr}`);
  assert.not.match(r.stderr, /Unexpected (token|string|identifier)|missing \) after|invalid code/, `${what}: the template text reached the generated code: ${r.stderr}`);
}

test('string literals where nunjucks expects a name are refused before any code is generated: the payload never runs', async () => {
  const root = tempDir('skiff-inject-');
  for (const [i, [what, template, names]] of VECTORS.entries()) {
    const r = await skiff(['template', 'r', chartWith(join(root, `c${i}`), template)]);
    assertRefused(r, what, `sandbox: ${names}`);
  }
});

test('the callee name of a call: a key ending in a backslash no longer closes the string nunjucks builds for errors', async () => {
  const dir = chartWith(tempDir('skiff-inject-'), String.raw`x: {{ Values["\\\", ${BOOM})), 1); //"]() }}`);
  const r = await skiff(['template', 'r', dir]);
  assert.is.not(r.code, 0);
  assert.not.match(r.stdout + r.stderr, MARKER, r.stderr);
  // A clean template error naming what was called, with the text as data.
  assert.match(r.stderr, /execution error at \(evil\/templates\/cm\.yaml:2:\d+\): function "Values\["\\", \(function/);
  // The same position with ordinary text still works as a call of a missing function.
  const ok = chartWith(tempDir('skiff-inject-'), 'x: {{ Values["a\\"b"] | default("d") }}');
  const r2 = await skiff(['template', 'r', ok]);
  assert.is(r2.code, 0, r2.stderr);
  assert.match(r2.stdout, 'x: d');
});

test('the same vectors arriving through values fed to tpl are refused the same way', async () => {
  for (const [what, template, names] of VECTORS.slice(0, 4)) {
    const dir = chartWith(tempDir('skiff-inject-'), 'x: {{ tpl(Values.t, $) }}', `t: ${JSON.stringify(template)}\n`);
    const r = await skiff(['template', 'r', dir]);
    assert.is.not(r.code, 0, what);
    assert.not.match(r.stdout + r.stderr, MARKER, `${what}: ${r.stderr}`);
    assert.match(r.stderr, `tpl: parse error at (evil/templates/cm.yaml (tpl):1): sandbox: ${names}`, `${what}: ${r.stderr}`);
  }
});

test('names, aliases, macros, loops and tests written the ordinary way keep working', async () => {
  const dir = chartWith(tempDir('skiff-inject-'), [
    '{% import "templates/_lib.tpl" as lib %}{% from "templates/_lib.tpl" import m as mm %}',
    '{% macro greet(who, punct="!") %}hi {{ who }}{{ punct }}{% endmacro %}',
    'a: {{ greet("x") }} {{ lib.m() }} {{ mm() }} {{ 4 is divisibleby(2) }} {{ 3 is odd }}',
    '{%- for k, v in {"a": 1} %}',
    'b: {{ k }}={{ v }}{% endfor %}',
    '{%- set s = 2 %}',
    'c: {{ s }} {% call mm() %}C{% endcall %}',
  ].join('\n'));
  const r = await skiff(['template', 'r', dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'a: hi x! M M true true');
  assert.match(r.stdout, 'b: a=1');
  assert.match(r.stdout, 'c: 2 MC');
});

// Layer 2: code that got past the compiler anyway. Runs the render process's
// own lockdown (dist/render-lockdown.js) under exactly the render process's
// flags, then compiles "injected" code the way template code is compiled
// (vm.compileFunction) and reports what it could reach.
const PROBE = String.raw`
const r = {};
const tryIt = async (name, fn) => { try { r[name] = await fn(); } catch (e) { r[name] = 'refused: ' + (e && e.constructor && e.constructor.name) + ' ' + (e && e.message); } };
await tryIt('typeof process', () => typeof process);
await tryIt('globalThis.process', () => typeof globalThis.process);
await tryIt('typeof require', () => typeof require);
await tryIt('typeof Buffer', () => typeof Buffer);
await tryIt('typeof fetch', () => typeof fetch);
await tryIt('typeof WebSocket', () => typeof WebSocket);
await tryIt('typeof WebAssembly', () => typeof WebAssembly);
await tryIt('typeof setTimeout', () => typeof setTimeout);
await tryIt('Function constructor', () => (() => 0).constructor('return typeof process')());
await tryIt('AsyncFunction constructor', () => Object.getPrototypeOf(async function () {}).constructor('return 1')());
await tryIt('eval', () => eval('1'));
await tryIt('indirect eval', () => (0, globalThis.eval)('1'));
await tryIt('import()', () => import('node:child_process').then(() => 'imported'));
await tryIt('Error.prepareStackTrace', () => { Error.prepareStackTrace = () => 'hooked'; return String(new Error('x').stack).startsWith('hooked') ? 'hooked' : 'not hooked'; });
await tryIt('Object.prototype write', () => { Object.prototype.polluted = 1; return ({}).polluted === 1 ? 'polluted' : 'not polluted'; });
await tryIt('own globals', () => Object.getOwnPropertyNames(globalThis).sort().join(' '));
await tryIt('symbol globals', () => Object.getOwnPropertySymbols(globalThis).map(String).join(' '));
await tryIt('console writes', () => { console.log('LEAK'); console.error('LEAK'); return 'silent'; });
return r;
`;

test('layer 2: code that got past the compiler finds no process, require, Buffer, network, eval, Function or import()', () => {
  const cmd = sandboxCommand(512);
  const script = `
    const vm = await import('node:vm');
    const write = process.stdout.write.bind(process.stdout);
    const { lockDown } = await import(${JSON.stringify(join(CLI, '..', 'render-lockdown.js'))});
    const left = lockDown();
    const probe = vm.compileFunction(${JSON.stringify(`return (async () => {${PROBE}})()`)}, []);
    probe().then((r) => write(JSON.stringify({ left, r })));
  `;
  const out = spawnSync(cmd.command, [...cmd.args, '--input-type=module', '-e', script], { env: cmd.env, cwd: cmd.cwd, encoding: 'utf8' });
  assert.is(out.status, 0, out.stderr);
  assert.not.match(out.stdout + out.stderr, 'LEAK');
  const { left, r } = JSON.parse(out.stdout) as { left: string[]; r: Record<string, string> };
  assert.equal(left, []);
  for (const name of ['typeof process', 'globalThis.process', 'typeof require', 'typeof Buffer', 'typeof fetch', 'typeof WebSocket', 'typeof WebAssembly', 'typeof setTimeout']) {
    assert.is(r[name], 'undefined', name);
  }
  assert.match(r['Function constructor']!, /^refused: EvalError Code generation from strings disallowed/);
  assert.match(r['AsyncFunction constructor']!, /^refused: EvalError/);
  assert.match(r['eval']!, /^refused: ReferenceError/);
  assert.match(r['indirect eval']!, /^refused: TypeError/);
  assert.match(r['import()']!, /^refused: TypeError A dynamic import callback was not specified/);
  assert.is(r['Error.prepareStackTrace'], 'not hooked');
  assert.is(r['Object.prototype write'], 'not polluted');
  assert.is(r['console writes'], 'silent');
  // Nothing but ECMAScript's globals, the pure helpers and the silent console is left.
  const host = r['own globals']!.split(' ').filter((n) => !/^(?:[A-Z][A-Za-z0-9]*(?:Error|Array|Map|Set|Ref|Registry|Buffer|View)?|globalThis|Infinity|NaN|undefined|isFinite|isNaN|parseFloat|parseInt|decodeURI|decodeURIComponent|encodeURI|encodeURIComponent|escape|unescape)$/.test(n) || ['Buffer', 'WebAssembly', 'WebSocket', 'Request', 'Response', 'Headers', 'FormData', 'Blob', 'File', 'BroadcastChannel', 'MessageChannel', 'MessagePort', 'Performance', 'Crypto', 'CryptoKey', 'SubtleCrypto', 'EventTarget', 'Event', 'AbortController', 'AbortSignal', 'EventSource', 'Navigator', 'Worker'].includes(n));
  assert.equal(host, ['atob', 'btoa', 'console', 'structuredClone'], r['own globals']);
  assert.is(r['symbol globals'], 'Symbol(Symbol.toStringTag)');
});

/** The output files of the render process: its entry and every chunk it imports. */
function workerFiles(): Map<string, string> {
  const dist = join(CLI, '..');
  const files = new Map<string, string>();
  const queue = [join(dist, 'render-worker.js')];
  while (queue.length > 0) {
    const f = queue.pop()!;
    if (files.has(f)) continue;
    const text = readFileSync(f, 'utf8');
    files.set(f, text);
    for (const m of text.matchAll(/(?:from|import)\s*"(\.\.?\/[^"]+\.js)"/g)) queue.push(join(f, '..', m[1]!));
  }
  return files;
}

test('the render process\'s own code uses no global the lockdown removes: each output file binds what it names', () => {
  const removed = ['Buffer', 'process', 'setTimeout', 'setImmediate', 'setInterval', 'queueMicrotask', 'fetch', 'performance', 'crypto', 'WebAssembly', 'require', 'global', 'navigator'];
  const files = workerFiles();
  assert.ok(files.size >= 2, 'render-worker.js and its chunks');
  for (const [file, raw] of files) {
    // Module-level bindings: imports (local names) and top-level declarations.
    const bound = new Set<string>();
    for (const m of raw.matchAll(/^import\s*\{([^}]*)\}\s*from/gm)) for (const spec of m[1]!.split(',')) bound.add(spec.trim().split(/\s+as\s+/).pop()!);
    for (const m of raw.matchAll(/^import\s+(?:\*\s+as\s+)?([\w$]+)\s+from/gm)) bound.add(m[1]!);
    for (const m of raw.matchAll(/^(?:const|let|var|function|class)\s+([\w$]+)/gm)) bound.add(m[1]!);
    const code = raw.replace(/\/\/.*$/gm, '').replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
    for (const name of removed) {
      const use = new RegExp(`(?<![\\w$.])${name}\\s*[.([]|\\bnew\\s+${name}\\b|typeof\\s+${name}\\b`).exec(code);
      if (use && !bound.has(name)) assert.unreachable(`${file} uses the global ${name} (near ${JSON.stringify(code.slice(use.index - 60, use.index + 40))}), which the render process removes: import it (e.g. import { Buffer } from 'node:buffer')`);
    }
  }
});

test('layer 2 fails closed: a render process allowed to generate code from strings refuses to render', () => {
  const cmd = sandboxCommand(512);
  const args = cmd.args.filter((a) => a !== '--disallow-code-generation-from-strings');
  const out = spawnSync(cmd.command, [...args, cmd.script], { env: cmd.env, cwd: cmd.cwd, input: Buffer.alloc(0) });
  const text = out.stdout.toString('utf8');
  assert.match(text, 'allows code generation from strings; refusing to render');
});

test.run();
