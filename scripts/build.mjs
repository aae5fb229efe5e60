// Bundles skiff's own code (dependencies stay external) into dist/.
// Code splitting keeps each CLI command in its own chunk, loaded lazily,
// so `skiff version` does not pay for the template engine or the runtime.
// The build lands by atomic renames (chunks first, then entry points), so a
// CLI or test running during a rebuild never finds dist/ half written.
import { build } from 'esbuild';
import { chmodSync, existsSync, rmSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const out = `dist.tmp-${process.pid}`;

// dist/cli.js, run as a command, is a shell-and-JavaScript polyglot: the
// shell runs line 2 and JavaScript sees a string and a comment. Line 2 hides
// NODE_EXTRA_CA_CERTS from Node's start-up (Node parses that file and all its
// built-in roots before running any code: ~70 ms with Debian's bundle) and
// hands it over as SKIFF_EXTRA_CA_CERTS; src/tls-trust.ts loads it only when
// a connection needs it and restores the variable for child processes.
// Line 2 also gives Node a small young generation (V8's semi-space: 2 MB
// instead of up to 16): a command is one short burst, and the default grew
// to cost ~10 MB of resident memory without making `skiff template` faster.
// It also has TurboFan compile on the main thread: the concurrent compiles
// of a short run's hot functions raised the peak by 2-3 MB and, on two busy
// cores, cost more CPU than they saved (skiff template of the bench charts:
// 15-50 ms less CPU in the command's process without them).
// Commands that serve or run for long (`repo serve`, `dashboard`, `test`
// with its in-process clusters, `unittest`) keep V8's default, for
// throughput: any argument naming one of them does (a release called
// "serve" gets the default too, which costs only memory). The line sets
// no shell variable, so no environment variable is changed on the way.
// `node dist/cli.js` skips line 2 and keeps Node's own behaviour.
const LAUNCHER = [
  '#!/bin/sh',
  '":" //; if [ -n "${NODE_EXTRA_CA_CERTS-}" ]; then SKIFF_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export SKIFF_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi; case " $* " in *" serve "*|*" dashboard "*|*" test "*|*" unittest "*) exec node "$0" "$@";; esac; exec node --max-semi-space-size=2 --no-concurrent-recompilation "$0" "$@"',
];

// Bundled into dist/ rather than loaded from node_modules/: pure-JavaScript
// packages of many small CommonJS modules that most commands load, whose
// module resolution would otherwise cost every start tens of milliseconds
// (yaml alone is 72 files). yargs stays external: bundled, its start-up work
// runs eagerly and costs more than it saves.
const BUNDLED = ['semver', 'yaml'];

function externalExcept(bundled) {
  return {
    name: 'external-except',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const pkg = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        if (pkg.startsWith('node:') || !bundled.includes(pkg)) return { path: args.path, external: true };
        return undefined;
      });
    },
  };
}

function launcher(file) {
  const js = readFileSync(file, 'utf8');
  const nl = js.indexOf('\n');
  if (!js.startsWith('#!')) throw new Error(`${file}: expected the banner's #! line`);
  writeFileSync(file, LAUNCHER.join('\n') + js.slice(nl));
  // One line more at the top: the source map's mappings start one line later.
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  map.mappings = ';' + map.mappings;
  writeFileSync(`${file}.map`, JSON.stringify(map));
}
// The dashboard's web app (`skiff dashboard`): a browser bundle of its own,
// front-end library included, served by skiff itself (no CDN). It is never
// part of the Node bundles above, so neither the CLI nor the render worker
// loads it.
async function buildDashboard(dir) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync('node_modules/preact') || !existsSync('node_modules/htm')) {
    // A checkout whose node_modules predates the dashboard's front-end dependencies still builds the CLI.
    console.warn('warning: preact and htm are not installed (run npm ci): the dashboard web app is not built');
    return;
  }
  await build({
    entryPoints: { app: 'src/dashboard/web/main.ts' },
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'app.css']) writeFileSync(join(dir, f), readFileSync(join('src/dashboard/web', f)));
}

// Node's built-in modules are required, not imported as ES modules: Node
// makes the ES module of a built-in by reading every one of its exports, which
// runs lazy getters (node:fs's stream classes load the stream modules,
// node:process's flag list parses all of Node's options), and each is a
// module job of its own; a command's start paid that for every built-in its
// code names. Each built-in becomes a small module of the bundle that requires
// it (with the banner's module-level require) and exports its properties, each
// read only if some code imports it (unused exports are dropped).
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    const requireHere = createRequire(import.meta.url);
    b.onResolve({ filter: /^node:/ }, (args) => (args.namespace === 'node-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'node-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => {
      const names = Object.keys(requireHere(args.path)).filter((k) => k !== 'default');
      const lines = [`const m = require(${JSON.stringify(args.path)});`, 'const get = (k) => m[k];', 'export default m;'];
      names.forEach((k, i) => lines.push(`const x${i} = /* @__PURE__ */ get(${JSON.stringify(k)});`, `export { x${i} as ${JSON.stringify(k)} };`));
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

// What both builds below share.
const COMMON = {
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay external, except the pure-JavaScript ones every
  // command loads (see BUNDLED).
  plugins: [builtinsByRequire, externalExcept(BUNDLED)],
  // Global Buffer and process references become imports: the render process deletes the globals.
  inject: ['scripts/inject-globals.mjs'],
  sourcemap: 'linked',
  // CommonJS dependencies bundled into ESM (yaml) require Node's built-ins:
  // every output gets a module-level require for them.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __skiffCreateRequire } from 'node:module';\nconst require = __skiffCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};

// The render process as one CommonJS script with every package it loads,
// for `node --build-snapshot` (src/render/snapshot.ts): a snapshot's entry
// must be a single script that requires nothing but Node's built-ins.
// packages.ts is swapped for packages-bundled.ts, whose static requires
// esbuild can follow; import.meta, which a CommonJS script does not have, is
// an error here.
const bundledPackages = {
  name: 'bundled-packages',
  setup(b) {
    b.onResolve({ filter: /\/packages\.js$/ }, (args) => (resolve(args.resolveDir, args.path) === resolve('src/render/packages.js') ? { path: resolve('src/render/packages-bundled.ts') } : undefined));
  },
};
const RENDER_SNAPSHOT = {
  ...COMMON,
  entryPoints: ['src/render/worker-main.ts'],
  outdir: undefined,
  format: 'cjs',
  splitting: false,
  sourcemap: false,
  banner: {},
  plugins: [bundledPackages],
  logOverride: { 'empty-import-meta': 'error' },
};

rmSync(out, { recursive: true, force: true });
try {
  await build({
    ...COMMON,
    entryPoints: {
      cli: 'src/cli/main.ts',
      index: 'src/index.ts',
      'render-worker': 'src/render/worker-main.ts',
      // The render process's global lockdown on its own, for the test that checks it under the real flags.
      'render-lockdown': 'src/render/lockdown.ts',
      'runtime-main': 'src/runtime/main.ts',
      // The thread that hosts embedded clusters (skiff test chart).
      'embedded-worker': 'src/cluster/embedded-worker.ts',
      // Builds the render process's startup snapshot, run below once dist/ is in place.
      'render-snapshot-build': 'src/render/snapshot-build.ts',
    },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  // `skiff list`'s fast path as one file (src/cli/main.ts imports it by a
  // name esbuild leaves alone): Node loads one file of its code faster than
  // the two dozen chunks the split build spreads the same code over. The
  // modules in it are copies of the split build's; the only object crossing
  // over is a thrown error, which src/errors.ts's isSkiffError recognises
  // from either copy.
  // The YAML library it loads only for -o yaml or an unusual kubeconfig is a
  // file of its own beside it, so that a plain list does not parse it.
  const yamlBeside = { name: 'yaml-beside', setup: (b) => b.onResolve({ filter: /^yaml$/ }, () => ({ path: './fast-list-yaml.js', external: true })) };
  await build({ ...COMMON, entryPoints: { 'fast-list': 'src/cli/fast-list.ts' }, splitting: false, plugins: [yamlBeside, ...COMMON.plugins] });
  await build({ ...COMMON, stdin: { contents: "export { parse, stringify } from 'yaml';", resolveDir: '.', sourcefile: 'fast-list-yaml.js' }, outfile: join(out, 'fast-list-yaml.js'), outdir: undefined, splitting: false });
  await build({ ...RENDER_SNAPSHOT, outfile: join(out, 'render-snapshot.cjs') });
  // `skiff push`/`pull` of an oci:// chart as one file as well (src/cli/fast-oci.ts).
  // A dynamic import off that path (the yaml readers, provenance, classic
  // repositories) would be inlined here and its dependencies imported at the
  // top of the file, loading undici and the yaml library at every start: it
  // becomes a module that throws the fallback mark, and the full CLI runs.
  const FAST_OCI_INLINE = /\/src\/(action\/(pull|push)|repo\/transfer-progress|oci\/(chart-pull|chart-push|versions)|cli\/sink|chart\/archive)\.js$/;
  const fastOciBoundaries = {
    name: 'fast-oci-boundaries',
    setup: (b) => {
      b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' && !FAST_OCI_INLINE.test(join(a.resolveDir, a.path)) ? { path: a.path, namespace: 'fast-oci-fallback' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'fast-oci-fallback' }, () => ({ contents: "throw Object.assign(new Error('not on the fast path'), { [Symbol.for('skiff.fast-oci-fallback')]: true });", loader: 'js' }));
    },
  };
  await build({ ...COMMON, entryPoints: { 'fast-oci': 'src/cli/fast-oci.ts' }, splitting: false, plugins: [fastOciBoundaries, ...COMMON.plugins] });
  await buildDashboard(join(out, 'dashboard'));
  launcher(join(out, 'cli.js'));
  // The snapshot of the last build must not start the code of this one.
  rmSync('dist/render-snapshot.json', { force: true });
  chmodSync(join(out, 'cli.js'), 0o755);
  mkdirSync('dist/chunks', { recursive: true });
  const fresh = new Set(readdirSync(join(out, 'chunks')));
  for (const f of fresh) renameSync(join(out, 'chunks', f), join('dist', 'chunks', f));
  mkdirSync('dist/dashboard', { recursive: true });
  for (const f of readdirSync(join(out, 'dashboard'))) renameSync(join(out, 'dashboard', f), join('dist', 'dashboard', f));
  rmSync(join(out, 'dashboard'), { recursive: true });
  for (const f of readdirSync(out)) if (f !== 'chunks') renameSync(join(out, f), join('dist', f));
  // Chunks of earlier builds go once no process started before this build can still load them.
  const cutoff = Date.now() - 10 * 60_000;
  for (const f of readdirSync('dist/chunks')) {
    const p = join('dist', 'chunks', f);
    if (!fresh.has(f) && statSync(p).mtimeMs < cutoff) rmSync(p, { force: true });
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
// The startup snapshot is built from the landed bundle, by the Node running this build (src/render/snapshot.ts).
const snap = spawnSync(process.execPath, [join('dist', 'render-snapshot-build.js')], { stdio: 'inherit' });
if (snap.status !== 0) process.exitCode = 1;
