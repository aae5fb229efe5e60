// `skiff list` with 2,000 releases of 5 revisions each (10,000 release
// Secrets), whole process (target: <= 1 s). Helm decodes every revision.
import { startCluster, timeCli, postAll, releaseSecret, median } from './release-common.mjs';

const c = startCluster();
try {
  const items = [];
  for (let r = 0; r < 2000; r++) for (let v = 1; v <= 5; v++) items.push(releaseSecret(`rel-${String(r).padStart(4, '0')}`, v, v === 5 ? 'deployed' : 'superseded'));
  const t0 = performance.now();
  await postAll(c.conn, items);
  console.log(`seeded 10,000 release Secrets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const args of [['list'], ['list', '--max', '0', '-q'], ['list', '--filter', '^rel-19', '-o', 'json'], ['list', '--superseded', '-q']]) {
    const runs = [];
    let out = '';
    for (let i = 0; i < 3; i++) ({ ms: runs[i], stdout: out } = timeCli(c.env, args));
    console.log(`skiff ${args.join(' ')}: median ${median(runs).toFixed(0)} ms (${out.trim().split('\n').length} lines)`);
  }
} finally {
  c.stop();
}
