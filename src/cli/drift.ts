// upgrade --reset-drift: the deployed revision's objects are put back before
// the upgrade applies the new one (so a field the chart leaves unchanged is
// not kept at its drifted value by the three-way merge).
import type { Configuration } from '../action/configuration.js';
import { resetDrift } from '../action/drift.js';
import { writeErr } from './sink.js';

export async function resetDriftBefore(cfg: Configuration, namespace: string, name: string): Promise<void> {
  if (!(await cfg.releases.deployed(namespace, name))) return;
  const r = await resetDrift(cfg, { releaseName: name, namespace });
  for (const d of r.drifts) {
    const what = d.missing ? 're-created (it was missing)' : `put back ${d.fields.map((f) => f.path).join(', ')}`;
    writeErr(`Reset drift: ${d.kind}/${d.name}: ${what}\n`);
  }
}
