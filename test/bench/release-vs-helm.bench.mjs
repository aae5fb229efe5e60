// skiff against real Helm 3.17.3 on identical release records in the bundled
// cluster (Helm-format Secrets, written directly): `list -A` of 1,000
// releases x 10 revisions (goal: skiff/helm wall <= 0.1, peak RSS <= 0.5),
// `history` of a release with 1,000 revisions, `upgrade` of a release with
// 100 revisions of history; and whole-process start-up: `skiff version` and
// `skiff list` of nothing against a bare `node -e 0` (goal <= 1.5x).
// Each figure is the best of a few runs: wall time and peak RSS of the process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmPath } from './helm.mjs';
import { CLI, chartTemplates, post, postAll, releaseSecret, startCluster, writeChart } from './release-common.mjs';

/**
 * Best wall time (ms) and its peak RSS (KiB) over `runs` runs, with the last
 * stdout; and the least CPU time (user+sys, ms), which a loaded machine
 * distorts far less than wall time.
 */
function measure(cmd, args, env, runs = 3) {
  const best = { ms: Infinity, kb: 0, out: '', cpu: Infinity };
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
    const [kb, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    best.cpu = Math.min(best.cpu, (user + sys) * 1000);
    if (ms < best.ms) Object.assign(best, { ms, kb, out: r.stdout });
  }
  return best;
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
function report(label, s, h, goal) {
  const lines = (x) => x.out.trim().split('\n').filter(Boolean).length;
  console.log(
    `${label}: skiff ${s.ms.toFixed(0)} ms, ${s.cpu.toFixed(0)} ms CPU, ${mb(s.kb)} peak (${lines(s)} lines) | helm ${h.ms.toFixed(0)} ms, ${h.cpu.toFixed(0)} ms CPU, ${mb(h.kb)} peak (${lines(h)} lines)` +
      ` | ratio wall ${(s.ms / h.ms).toFixed(3)}, CPU ${(s.cpu / h.cpu).toFixed(2)}, memory ${(s.kb / h.kb).toFixed(2)}${goal ? ` (goal ${goal})` : ''}`,
  );
}

const helm = helmPath();
const c = startCluster();
try {
  const kubeconfig = join(c.home, 'cluster', 'kubeconfig');
  const helmHome = mkdtempSync(join(tmpdir(), 'skiff-bench-helm-'));
  const helmEnv = { ...process.env, KUBECONFIG: kubeconfig, HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_DATA_HOME: join(helmHome, 'data') };
  // Against Helm, skiff runs as users run it: dist/cli.js as a program (npm's
  // `skiff` bin), whose launcher line keeps NODE_EXTRA_CA_CERTS from Node's
  // start. Start-up is measured as `node dist/cli.js` next to `node -e 0` in
  // the same environment, so both pay Node's own start alike.
  const skiff = (args, runs) => measure(CLI, args, c.env, runs);
  console.log(`NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? `set (${process.env.NODE_EXTRA_CA_CERTS})` : 'not set'}`);

  // Start-up, on the empty cluster.
  const node = measure(process.execPath, ['-e', '0'], c.env, 7);
  for (const args of [['version'], ['list']]) {
    const s = measure(process.execPath, [CLI, ...args], c.env, 7);
    console.log(
      `start-up: skiff ${args.join(' ')} ${s.ms.toFixed(0)} ms, ${mb(s.kb)} peak | node -e 0 ${node.ms.toFixed(0)} ms, ${mb(node.kb)} peak | ratio ${(s.ms / node.ms).toFixed(2)} (goal <= 1.5)` +
        ` | cpu: skiff ${s.cpu.toFixed(0)} ms, node ${node.cpu.toFixed(0)} ms, ratio ${(s.cpu / node.cpu).toFixed(2)}`,
    );
  }
  if (!helm) throw new Error('Helm 3 binary not available (test/support/helm.ts helmBinary())');

  // 1,000 releases x 10 revisions over 10 namespaces; a 1,000-revision release; a 100-revision release.
  const t0 = performance.now();
  for (let n = 0; n < 10; n++) await post(c.conn, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `bench-${n}` } });
  const items = [];
  for (let r = 0; r < 1000; r++) for (let v = 1; v <= 10; v++) items.push(releaseSecret(`rel-${String(r).padStart(4, '0')}`, v, v === 10 ? 'deployed' : 'superseded', `bench-${r % 10}`));
  for (let v = 1; v <= 1000; v++) items.push(releaseSecret('long', v, v === 1000 ? 'deployed' : 'superseded', 'default'));
  for (let v = 1; v <= 100; v++) items.push(releaseSecret('up', v, v === 100 ? 'deployed' : 'superseded', 'default'));
  await postAll(c.conn, items);
  console.log(`seeded ${items.length} release Secrets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  report('list -A (1,000 releases x 10 revisions)', skiff(['list', '-A']), measure(helm, ['list', '-A'], helmEnv), '<= 0.1 wall, <= 0.5 memory');
  report('list -A --all -o json', skiff(['list', '-A', '--all', '-o', 'json']), measure(helm, ['list', '-A', '--all', '-o', 'json'], helmEnv));
  report('list -A --superseded -q (9,000 rows)', skiff(['list', '-A', '--superseded', '-q']), measure(helm, ['list', '-A', '--superseded', '-q'], helmEnv));
  report('history of a release with 1,000 revisions', skiff(['history', 'long']), measure(helm, ['history', 'long'], helmEnv));
  report('status of a release with 1,000 revisions', skiff(['status', 'long']), measure(helm, ['status', 'long'], helmEnv));

  const dir = writeChart(mkdtempSync(join(tmpdir(), 'skiff-bench-chart-')), 'bench', {
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench-upgrade-cm\ndata:\n  x: "1"\n',
  });
  // Each upgrade adds a revision; both keep every revision (--history-max 0), so both read 100+ revisions.
  const s = skiff(['upgrade', 'up', dir, '--history-max', '0']);
  const h = measure(helm, ['upgrade', 'up', dir, '--history-max', '0'], helmEnv);
  report('upgrade of a release with 100+ revisions', s, h);

  // Real records carry their chart: 1,000 releases x 3 revisions of a 30-template chart (~45 KB of templates each).
  const tpl = chartTemplates(30);
  const real = [];
  for (let n = 0; n < 10; n++) await post(c.conn, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `real-${n}` } });
  for (let r = 0; r < 1000; r++) for (let v = 1; v <= 3; v++) real.push(releaseSecret(`app-${String(r).padStart(4, '0')}`, v, v === 3 ? 'deployed' : 'superseded', `real-${r % 10}`, tpl));
  await postAll(c.conn, real, 8);
  report('list -n real-0 (100 releases x 3 revisions of a 30-template chart)', skiff(['list', '-n', 'real-0']), measure(helm, ['list', '-n', 'real-0'], helmEnv));
  report('list -A (above + 1,000 releases x 3 revisions of a 30-template chart)', skiff(['list', '-A']), measure(helm, ['list', '-A'], helmEnv));
} finally {
  c.stop();
}
