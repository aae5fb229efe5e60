// `skiff install --wait` of a 100-resource chart on the local backend, timed
// as a whole process (target: <= 2 s).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, timeCli, writeChart, median } from './release-common.mjs';

const c = startCluster();
try {
  const dir = writeChart(mkdtempSync(join(tmpdir(), 'skiff-bench-chart-')), 'hundred', {
    'configmaps.yaml': `{% for i in range(0, 50) %}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-cm-{{ i }}\ndata:\n  i: "{{ i }}"\n{% endfor %}`,
    'secrets.yaml': `{% for i in range(0, 25) %}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ Release.Name }}-s-{{ i }}\nstringData:\n  i: "{{ i }}"\n{% endfor %}`,
    'services.yaml': `{% for i in range(0, 25) %}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ Release.Name }}-svc-{{ i }}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n{% endfor %}`,
  });
  timeCli(c.env, ['list']); // warm the cluster connection path once
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(timeCli(c.env, ['install', `r${i}`, dir, '--wait']).ms);
  console.log(`install --wait, 100 resources (ConfigMaps, Secrets, Services), whole process: median ${median(runs).toFixed(0)} ms, runs ${runs.map((x) => x.toFixed(0)).join(' ')} ms (target <= 2000)`);
  const up = [];
  for (let i = 0; i < 3; i++) up.push(timeCli(c.env, ['upgrade', 'r0', dir, '--wait', '--set', `x=${i}`]).ms);
  console.log(`upgrade --wait of the same release: median ${median(up).toFixed(0)} ms`);
} finally {
  c.stop();
}
