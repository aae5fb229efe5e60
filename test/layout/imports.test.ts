// The layers of src/ as the design draws them, checked on every import
// (static, re-export, dynamic and type-only): a file may import its own layer
// and the layers its row allows, nothing else. Every file must fall in a
// layer, so a new folder has to be placed here on purpose. A break prints
// `file:line imports X (layer A may not import layer B)`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(dirname(new URL(import.meta.url).pathname), '../../src');

/** A layer: the paths (relative to src/, a trailing "/" for a folder) it holds, and the layers it may import. */
interface Layer {
  readonly paths: readonly string[];
  readonly mayImport: readonly string[];
}

// util ← apimachinery ← {kube, runtime}; util ← chart ← values ← render;
// {kube, chart, values, render, repo} ← release ← action ← cli; cluster ← {action, cli};
// runtime reached only through cluster/ and the library entry; runtime/kit ← {controllers,
// scheduler, nodes}, which never import each other.
const LAYERS: Readonly<Record<string, Layer>> = {
  /** Leaf helpers every layer may use; imports nothing of skiff. */
  util: { paths: ['util/'], mayImport: [] },
  /** Leaf modules every layer may use: typed errors, the version, X.509 and TLS trust. */
  base: { paths: ['errors.ts', 'version.ts', 'x509.ts', 'tls-trust.ts'], mayImport: ['util'] },
  /** What client and server share: object types, patches, schemas, quantities. */
  apimachinery: { paths: ['apimachinery/'], mayImport: ['util', 'base'] },
  /** Talking to a cluster: the Backend, kubeconfig, REST client, readiness. */
  kube: { paths: ['kube/'], mayImport: ['util', 'base', 'apimachinery'] },
  chart: { paths: ['chart/'], mayImport: ['util', 'base'] },
  values: { paths: ['values/'], mayImport: ['util', 'base', 'chart'] },
  render: { paths: ['render/'], mayImport: ['util', 'base', 'chart', 'values'] },
  /** Where charts come from: HTTP repositories and OCI registries. */
  repo: { paths: ['repo/', 'oci/'], mayImport: ['util', 'base', 'chart'] },
  /** helm-unittest suites: render charts and assert on the output. */
  unittest: { paths: ['unittest/'], mayImport: ['util', 'base', 'apimachinery', 'chart', 'values', 'render'] },
  release: { paths: ['release/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'chart', 'values', 'render', 'repo'] },
  /** The on-disk layout of $SKIFF_HOME/cluster, which the runtime's entry point also reads. */
  'cluster-layout': { paths: ['cluster/layout.ts'], mayImport: ['util', 'base'] },
  /** The bundled cluster seen from outside: start/stop/status, kubeconfig, users, nodes. */
  cluster: { paths: ['cluster/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'cluster-layout', 'runtime-entry'] },
  /** The runtime's entry points: the library's startRuntime and the process main. */
  'runtime-entry': { paths: ['runtime/index.ts', 'runtime/main.ts'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'cluster-layout', 'runtime'] },
  /** The control plane's core: API server, store, assembly of the components. */
  runtime: {
    paths: ['runtime/'],
    mayImport: ['util', 'base', 'apimachinery', 'kube', 'cluster-layout', 'runtime-kit', 'runtime-controllers', 'runtime-scheduler', 'runtime-nodes'],
  },
  /** What controllers, scheduler and nodes share; quota arithmetic is shared with the API server's admission. */
  'runtime-kit': { paths: ['runtime/kit/', 'runtime/quota.ts'], mayImport: ['util', 'base', 'apimachinery', 'kube'] },
  'runtime-controllers': { paths: ['runtime/controllers/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'runtime-kit'] },
  'runtime-scheduler': { paths: ['runtime/scheduler/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'runtime-kit'] },
  'runtime-nodes': { paths: ['runtime/nodes/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'runtime-kit'] },
  action: { paths: ['action/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'chart', 'values', 'render', 'repo', 'unittest', 'release', 'cluster'] },
  /** `skiff dashboard`: an HTTP server over the actions (web/ is the browser app, built separately). */
  dashboard: { paths: ['dashboard/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'chart', 'values', 'render', 'repo', 'release', 'action', 'cluster'] },
  cli: { paths: ['cli/'], mayImport: ['util', 'base', 'apimachinery', 'kube', 'chart', 'values', 'render', 'repo', 'unittest', 'release', 'action', 'cluster', 'dashboard'] },
  /** The library entry (src/index.ts): may expose any layer, the runtime through its entry. */
  library: {
    paths: ['index.ts'],
    mayImport: ['util', 'base', 'apimachinery', 'kube', 'chart', 'values', 'render', 'repo', 'unittest', 'release', 'action', 'cluster', 'runtime-entry'],
  },
};

/** The layer of a path relative to src/: the longest matching path wins. */
function layerOf(rel: string): string | undefined {
  let best: string | undefined;
  let len = -1;
  for (const [name, l] of Object.entries(LAYERS)) {
    for (const p of l.paths) {
      const hit = p.endsWith('/') ? rel.startsWith(p) : rel === p;
      if (hit && p.length > len) {
        best = name;
        len = p.length;
      }
    }
  }
  return best;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      // The dashboard's browser app is a separate program with its own tsconfig.
      if (relative(SRC, p) !== join('dashboard', 'web')) out.push(...sourceFiles(p));
    } else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every relative import of `text`: static, re-export, side-effect and dynamic, with its line. */
export function importsOf(text: string): { spec: string; line: number }[] {
  const out: { spec: string; line: number }[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (!spec.startsWith('.')) continue;
    const at = m.index + m[0].indexOf(spec);
    let line = 1;
    for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
    out.push({ spec, line });
  }
  return out;
}

/** The rule breaks of src/, one line each. */
function violations(): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = relative(SRC, file);
    const from = layerOf(rel);
    if (!from) {
      out.push(`${rel}: in no layer (place it in the LAYERS table of test/layout/imports.test.ts)`);
      continue;
    }
    const allowed = new Set([from, ...LAYERS[from]!.mayImport]);
    const text = readFileSync(file, 'utf8');
    for (const { spec, line } of importsOf(text)) {
      const target = relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
      if (target.startsWith('..')) {
        out.push(`src/${rel}:${line} imports ${spec} (outside src/)`);
        continue;
      }
      const to = layerOf(target) ?? layerOf(`${target}/`);
      if (!to) out.push(`src/${rel}:${line} imports ${spec} (in no layer)`);
      else if (!allowed.has(to)) out.push(`src/${rel}:${line} imports ${spec} (layer ${from} may not import layer ${to})`);
    }
  }
  return out;
}

// Library code takes what the environment says as options; the CLI (src/cli/)
// reads the variables and passes the values down. These modules read
// process.env themselves, each for a reason that keeps the read where it is.
const ENV_READERS: Readonly<Record<string, string>> = {
  'cli/': 'the edge where the environment becomes options',
  'tls-trust.ts': "NODE_EXTRA_CA_CERTS: adopts this process's extra CA file and builds the runtime child's environment from its parent's",
  'kube/kubeconfig-core.ts': "KUBECONFIG and HOME, client-go's loading rules, when a library caller passes no env (the CLI passes its own)",
  'kube/exec-credential.ts': 'an exec credential plugin inherits the caller\'s environment, as client-go runs it',
  'action/post-render.ts': "PATH: Go's exec.LookPath, by which Helm finds the post-renderer",
  'render/gotmpl/funcs/gozone.ts': "TZ: Go's time.Local, which date functions in templates print in",
};

/** The lines of `text` (comments left out) that read the process environment. */
export function envReadsOf(text: string): number[] {
  const out: number[] = [];
  const re = /\bprocess\s*(?:\.\s*env\b|\[\s*['"`]env['"`]\s*\])|\{[^}]*\benv\b[^}]*\}\s*(?:from\s*['"](?:node:)?process['"]|=\s*(?:globalThis\s*\.\s*)?process\b)/;
  text.split('\n').forEach((line, i) => {
    const code = line.trim();
    if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
    if (re.test(code)) out.push(i + 1);
  });
  return out;
}

/** Most files stay under this many lines; longer ones are split along their roles. */
const MAX_LINES = 500;
// Files that are long because they are data, not logic.
const DATA_TABLES: Readonly<Record<string, string>> = {
  'apimachinery/schema/types/core-v1.ts': 'the core/v1 OpenAPI type table',
  'chart/starter.ts': "the text of the starter chart `skiff create` writes (helm create's files, in nunjucks)",
  'chart/starter-go.ts': "the text of helm create's starter chart, for `skiff create --engine go`",
};

function allowedBy(table: Readonly<Record<string, string>>, rel: string): boolean {
  return Object.keys(table).some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p));
}

test('the import scanner sees every form of import, with its line', () => {
  const text = [
    "import { a } from './a.js';",
    "import type { B } from '../b.js';",
    "export { c } from './c.js';",
    "export * from './d.js';",
    "import './e.js';",
    'const f = await import("./f.js");',
    "import {\n  g,\n} from './g.js';",
    "import { parse } from 'yaml';",
  ].join('\n');
  assert.equal(
    importsOf(text).map((i) => `${i.line}:${i.spec}`),
    ['1:./a.js', '2:../b.js', '3:./c.js', '4:./d.js', '5:./e.js', '6:./f.js', '9:./g.js'],
  );
});

test('the layer table places paths by their longest prefix', () => {
  assert.is(layerOf('cluster/layout.ts'), 'cluster-layout');
  assert.is(layerOf('cluster/process.ts'), 'cluster');
  assert.is(layerOf('runtime/kit/queue.ts'), 'runtime-kit');
  assert.is(layerOf('runtime/apiserver/http.ts'), 'runtime');
  assert.is(layerOf('runtime/index.ts'), 'runtime-entry');
  assert.is(layerOf('index.ts'), 'library');
  assert.is(layerOf('nowhere/x.ts'), undefined);
  for (const [name, l] of Object.entries(LAYERS)) for (const d of l.mayImport) assert.ok(LAYERS[d], `${name} names an unknown layer ${d}`);
});

test('every import in src/ keeps to the layers', () => {
  const found = violations();
  assert.ok(found.length === 0, `${found.length} import rule breaks:\n${found.join('\n')}`);
});

test('the environment scanner sees every way of reading it, and not comments', () => {
  const text = [
    'const a = process.env.HOME;',
    "const b = process['env'];",
    "import { env } from 'node:process';",
    '// process.env is read by the CLI',
    ' * process.env in a doc comment',
    'const c = processes.env;',
    'const { env: e } = opts;',
    'const { env, argv } = process;',
    'const { env: e2 } = globalThis.process;',
  ].join('\n');
  assert.equal(envReadsOf(text), [1, 2, 3, 8, 9]);
});

test('only the CLI and the named modules read process.env', () => {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = relative(SRC, file);
    if (allowedBy(ENV_READERS, rel)) continue;
    for (const line of envReadsOf(readFileSync(file, 'utf8'))) found.push(`src/${rel}:${line} reads process.env (take the value as an option; the CLI reads the environment)`);
  }
  assert.ok(found.length === 0, `${found.length} environment reads outside the CLI:\n${found.join('\n')}`);
  for (const p of Object.keys(ENV_READERS)) assert.ok(sourceFiles(SRC).some((f) => allowedBy({ [p]: '' }, relative(SRC, f))), `ENV_READERS names ${p}, which is not in src/`);
});

test(`no file in src/ is over ${MAX_LINES} lines but the data tables`, () => {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = relative(SRC, file);
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    if (lines > MAX_LINES && !allowedBy(DATA_TABLES, rel)) found.push(`src/${rel}: ${lines} lines (split it along its roles)`);
  }
  assert.ok(found.length === 0, `${found.length} files over ${MAX_LINES} lines:\n${found.join('\n')}`);
  for (const p of Object.keys(DATA_TABLES)) assert.ok(sourceFiles(SRC).some((f) => relative(SRC, f) === p), `DATA_TABLES names ${p}, which is not in src/`);
});

test.run();
