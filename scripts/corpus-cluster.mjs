#!/usr/bin/env node
// Runs the steps a user runs with real charts against a freshly started
// bundled cluster: `helm template | kubectl apply` (client-side, twice, then
// server-side, then delete), and install --wait / upgrade / rollback / test /
// uninstall with real Helm 3, real Helm 4 and skiff itself. Counts the steps
// that pass per chart and per tool and records each failure's exact error.
//
//   node scripts/corpus-cluster.mjs [options] [CORPUS_DIR]
//     CORPUS_DIR       where the chart repositories are unpacked (default /work/corpus)
//     --work DIR       scratch directory (vendored chart copies, cluster home)
//     --helm PATH      Helm 3 binary (default: the test cache's 3.17.3)
//     --helm4 PATH     Helm 4 binary (default: the test cache's 4.1.4)
//     --only REGEX     only charts whose name matches
//     --skip REGEX     leave out charts whose name matches
//     --tools LIST     comma-separated subset of kubectl,helm3,helm4,skiff
//     --timeout DUR    --wait timeout for install/upgrade/rollback (default 3m)
//     --report FILE    write the JSON report there
//     --keep           leave the cluster running at the end
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, findCharts, indexCharts, vendorChart, helmPath, run } from './corpus-lib.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    work: { type: 'string', default: '/tmp/corpus-work/cluster' },
    helm: { type: 'string' },
    helm4: { type: 'string' },
    only: { type: 'string' },
    skip: { type: 'string' },
    tools: { type: 'string', default: 'kubectl,helm3,helm4,skiff' },
    timeout: { type: 'string', default: '3m' },
    report: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const corpus = resolve(positionals[0] ?? '/work/corpus');

/** The charts, their place in the corpus, the values they install with and a harmless upgrade value. */
const bitnami = (name, values = [], upgrade = ['--set', 'commonAnnotations.corpus=upgraded']) => ({ name, path: `bitnami+charts/bitnami/${name}`, values, upgrade });
const promc = (name, more = {}) => ({ name, path: `prometheus-community+helm-charts/charts/${name}`, upgrade: ['--set', 'podAnnotations.corpus=upgraded'], ...more });
const CHARTS = [
  bitnami('nginx'),
  bitnami('redis'),
  bitnami('postgresql'),
  // mysql puts commonAnnotations on its volumeClaimTemplates, which a StatefulSet update may not change.
  bitnami('mysql', [], ['--set', 'primary.podAnnotations.corpus=upgraded']),
  // Bitnami's upgrade refuses empty passwords (NOTES.txt says to pass the current one): give it one from the start.
  bitnami('mariadb', ['--set', 'auth.rootPassword=corpus-root']),
  bitnami('mongodb'),
  bitnami('rabbitmq'),
  bitnami('kafka'),
  bitnami('wordpress'),
  bitnami('keycloak'),
  bitnami('memcached'),
  bitnami('minio'),
  bitnami('etcd'),
  bitnami('zookeeper'),
  bitnami('grafana'),
  promc('prometheus', { upgrade: ['--set', 'server.podAnnotations.corpus=upgraded'] }),
  promc('kube-state-metrics'),
  promc('prometheus-node-exporter'),
  promc('alertmanager'),
  // Two with helm test hooks (a busybox pod that wgets the Service).
  promc('prometheus-statsd-exporter'),
  promc('prometheus-memcached-exporter'),
  // grafana moved out of grafana/helm-charts; the stack installs without it.
  promc('kube-prometheus-stack', { values: ['--set', 'grafana.enabled=false'], upgrade: ['--set', 'commonLabels.corpus=upgraded'] }),
  { name: 'ingress-nginx', path: 'kubernetes+ingress-nginx/charts/ingress-nginx', upgrade: ['--set', 'controller.podAnnotations.corpus=upgraded'] },
  { name: 'cert-manager', path: 'cert-manager+cert-manager/deploy/charts/cert-manager', values: ['--set', 'crds.enabled=true'], upgrade: ['--set', 'podLabels.corpus=upgraded'] },
  { name: 'promtail', path: 'grafana+helm-charts/charts/promtail', upgrade: ['--set', 'podAnnotations.corpus=upgraded'] },
  { name: 'argo-cd', path: 'argoproj+argo-helm/charts/argo-cd', upgrade: ['--set', 'global.podAnnotations.corpus=upgraded'] },
  { name: 'argo-workflows', path: 'argoproj+argo-helm/charts/argo-workflows', upgrade: ['--set', 'commonLabels.corpus=upgraded'] },
];
const TOOLS = opt.tools.split(',');
const REL = 'corpus';
const work = resolve(opt.work);
mkdirSync(work, { recursive: true });

const helm3 = await helmPath(opt.helm, 3);
const helm4 = await helmPath(opt.helm4, 4);
const skiffCli = join(ROOT, 'dist', 'cli.js');
const skiffHome = mkdtempSync(join(work, 'skiff-home-'));
const helmHome = (name) => ({
  HELM_REPOSITORY_CONFIG: join(work, name, 'repositories.yaml'),
  HELM_REPOSITORY_CACHE: join(work, name, 'cache', 'repository'),
  HELM_CACHE_HOME: join(work, name, 'cache'),
  HELM_CONFIG_HOME: join(work, name, 'config'),
  HELM_DATA_HOME: join(work, name, 'data'),
});
const env = { ...process.env, SKIFF_HOME: skiffHome };
const skiff = (args, more = {}) => run(process.execPath, [skiffCli, ...args], { env, timeoutMs: 600_000, ...more });

const started = await skiff(['cluster', 'start']);
if (started.code !== 0) {
  console.error(`cluster start failed: ${started.stderr}`);
  process.exit(1);
}
const kubeconfig = (await skiff(['cluster', 'kubeconfig'])).stdout.trim();
const kenv = { ...env, KUBECONFIG: kubeconfig };
const kubectl = (args, more = {}) => run('kubectl', args, { env: kenv, timeoutMs: 600_000, ...more });
const helmRun = (bin, name, args) => run(bin, [...args, '--kubeconfig', kubeconfig], { env: { ...kenv, ...helmHome(name) }, timeoutMs: 600_000 });

const allCharts = findCharts(corpus);
const index = indexCharts(allCharts);
const report = { started: new Date().toISOString(), charts: [] };

/** Records one step: ok when exit 0, else the first lines of its error. */
function step(list, name, r) {
  const entry = { step: name, ok: r.code === 0, ms: r.ms };
  if (!entry.ok) entry.error = (r.stderr.trim() || r.stdout.trim()).slice(0, 1500);
  list.push(entry);
  process.stderr.write(`  ${entry.ok ? 'ok  ' : 'FAIL'} ${name} (${(r.ms / 1000).toFixed(1)}s)${entry.ok ? '' : `: ${entry.error.split('\n').slice(0, 3).join(' | ')}`}\n`);
  return entry.ok;
}

for (const spec of CHARTS) {
  if (opt.only && !new RegExp(opt.only).test(spec.name)) continue;
  if (opt.skip && new RegExp(opt.skip).test(spec.name)) continue;
  const src = join(corpus, spec.path);
  const entry = { chart: spec.name, path: spec.path, tools: {} };
  report.charts.push(entry);
  if (!existsSync(join(src, 'Chart.yaml'))) { entry.error = 'chart not found'; continue; }
  const dir = join(work, 'charts', spec.name);
  entry.deps = vendorChart(src, dir, index, { dropUnresolved: true });
  const ns = `c-${spec.name}`;
  const values = spec.values ?? [];
  process.stderr.write(`${spec.name} (deps: ${entry.deps.vendored.join(', ') || 'none'}${entry.deps.dropped.length ? `; dropped ${entry.deps.dropped.join(', ')}` : ''})\n`);
  await kubectl(['create', 'namespace', ns]);
  const rendered = await run(helm3, ['template', REL, dir, '-n', ns, '--include-crds', ...values], { env: { ...kenv, ...helmHome('helm3') } });
  const hasTests = /helm\.sh\/hook"?:\s*"?test/.test(rendered.stdout);
  entry.hasTests = hasTests;

  const cleanup = async () => {
    if (rendered.code === 0) {
      await kubectl(['delete', '-f', '-', '--ignore-not-found', '--wait=false'], { input: rendered.stdout });
      await kubectl(['delete', '-n', ns, '-f', '-', '--ignore-not-found', '--wait=false'], { input: rendered.stdout });
    }
    await kubectl(['delete', 'secret', '-n', ns, '-l', `owner=helm,name=${REL}`, '--ignore-not-found']);
    await kubectl(['delete', 'secret', '-n', ns, '-l', `owner=skiff,name=${REL}`, '--ignore-not-found']);
  };

  if (TOOLS.includes('kubectl')) {
    const s = (entry.tools.kubectl = []);
    process.stderr.write(' kubectl\n');
    if (step(s, 'helm template', rendered)) {
      const input = rendered.stdout;
      // As a user pipes it: objects without a namespace land in the context's (default).
      step(s, 'kubectl apply', await kubectl(['apply', '-f', '-'], { input }));
      step(s, 'kubectl apply (again)', await kubectl(['apply', '-f', '-'], { input }));
      step(s, 'kubectl apply --server-side', await kubectl(['apply', '--server-side', '-f', '-'], { input }));
      step(s, 'kubectl delete', await kubectl(['delete', '-f', '-', '--ignore-not-found'], { input, timeoutMs: 300_000 }));
    }
    await cleanup();
  }

  for (const [tool, bin] of [['helm3', helm3], ['helm4', helm4]]) {
    if (!TOOLS.includes(tool)) continue;
    const s = (entry.tools[tool] = []);
    process.stderr.write(` ${tool}\n`);
    const h = (args) => helmRun(bin, tool, args);
    const wait = ['--wait', '--timeout', opt.timeout];
    if (step(s, 'install --wait', await h(['install', REL, dir, '-n', ns, ...values, ...wait]))) {
      step(s, 'upgrade --wait', await h(['upgrade', REL, dir, '-n', ns, ...values, ...spec.upgrade, ...wait]));
      step(s, 'rollback --wait', await h(['rollback', REL, '1', '-n', ns, ...wait]));
      if (hasTests) step(s, 'test', await h(['test', REL, '-n', ns, '--timeout', opt.timeout]));
      step(s, 'uninstall', await h(['uninstall', REL, '-n', ns, '--wait', '--timeout', opt.timeout]));
    }
    await cleanup();
  }

  if (TOOLS.includes('skiff')) {
    process.stderr.write(' skiff\n');
    const probe = await skiff(['template', REL, dir, '-n', ns, ...values]);
    if (probe.code !== 0) {
      entry.skiffSkipped = `skiff template fails: ${probe.stderr.trim().split('\n')[0].slice(0, 400)}`;
      process.stderr.write(`  skipped: ${entry.skiffSkipped}\n`);
    } else {
      const s = (entry.tools.skiff = []);
      const wait = ['--wait', '--timeout', opt.timeout];
      if (step(s, 'install --wait', await skiff(['install', REL, dir, '-n', ns, ...values, ...wait]))) {
        step(s, 'upgrade --wait', await skiff(['upgrade', REL, dir, '-n', ns, ...values, ...spec.upgrade, ...wait]));
        step(s, 'rollback --wait', await skiff(['rollback', REL, '1', '-n', ns, ...wait]));
        if (hasTests) step(s, 'test', await skiff(['test', REL, '-n', ns, '--timeout', opt.timeout]));
        step(s, 'uninstall', await skiff(['uninstall', REL, '-n', ns, '--wait', '--timeout', opt.timeout]));
      }
      await cleanup();
    }
  }
}

// Summary: steps passed/total per chart and tool, and per tool overall.
const totals = {};
console.log(`${'chart'.padEnd(24)} ${TOOLS.map((t) => t.padStart(8)).join(' ')}`);
for (const c of report.charts) {
  const cells = TOOLS.map((t) => {
    const s = c.tools[t];
    if (!s) return (c.skiffSkipped && t === 'skiff' ? 'skip' : '-').padStart(8);
    const ok = s.filter((x) => x.ok).length;
    (totals[t] ??= { passed: 0, total: 0 }).passed += ok;
    totals[t].total += s.length;
    return `${ok}/${s.length}`.padStart(8);
  });
  console.log(`${c.chart.padEnd(24)} ${cells.join(' ')}`);
}
console.log(`${'total'.padEnd(24)} ${TOOLS.map((t) => (totals[t] ? `${totals[t].passed}/${totals[t].total}` : '-').padStart(8)).join(' ')}`);
console.log('\nfailures:');
for (const c of report.charts) {
  if (c.skiffSkipped) console.log(`- ${c.chart} skiff: ${c.skiffSkipped}`);
  for (const [t, steps] of Object.entries(c.tools)) for (const s of steps) if (!s.ok) console.log(`- ${c.chart} ${t} ${s.step}: ${s.error.replace(/\n/g, '\n    ')}`);
}
report.totals = totals;
if (opt.report) writeFileSync(opt.report, JSON.stringify(report, null, 2));
if (!opt.keep) await skiff(['cluster', 'stop']);
