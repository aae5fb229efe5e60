// `skiff upgrade` of a release with 100 revisions of history, whole process
// (target: <= 1 s).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, timeCli, postAll, releaseSecret, writeChart, median } from './release-common.mjs';

const c = startCluster();
try {
  const dir = writeChart(mkdtempSync(join(tmpdir(), 'skiff-bench-chart-')), 'bench', {
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-cm\ndata:\n  x: "{{ Values.x }}"\n',
  });
  const seed = (name) => postAll(c.conn, Array.from({ length: 100 }, (_, i) => releaseSecret(name, i + 1, i === 99 ? 'deployed' : 'superseded')));
  await seed('keep');
  const keep = [];
  for (let i = 0; i < 3; i++) keep.push(timeCli(c.env, ['upgrade', 'keep', dir, '--set', `x=${i}`, '--history-max', '0']).ms);
  console.log(`upgrade with 100+ revisions of history (--history-max 0): median ${median(keep).toFixed(0)} ms, runs ${keep.map((x) => x.toFixed(0)).join(' ')} ms (target <= 1000)`);
  await seed('prune');
  const t = timeCli(c.env, ['upgrade', 'prune', dir, '--set', 'x=1']).ms;
  console.log(`upgrade with 100 revisions and the default --history-max 10 (prunes 91): ${t.toFixed(0)} ms`);
} finally {
  c.stop();
}
