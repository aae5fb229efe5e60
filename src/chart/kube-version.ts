// Chart.yaml's kubeVersion against the cluster's version. Apart from
// ./load.ts, so that loading a chart (push, pull, package) does not load the
// semver library: only the commands that render for a cluster check this.
import { ChartInvalidError } from '../errors.js';
import { parseLooseVersion, satisfiesConstraint, toNodeRange } from './semver.js';
import type { Chart } from './types.js';

/**
 * Checks Chart.yaml's kubeVersion constraint against the target Kubernetes
 * version (e.g. "v1.31.0" or "1.31.0-gke.1"), with Helm's semantics: commas
 * mean AND, and a prerelease cluster version only matches a constraint that
 * allows prereleases (">=1.19.0-0"). Throws ChartInvalidError on a mismatch or
 * an unparsable constraint.
 */
export function checkKubeVersion(chart: Chart, kubeVersion: string): void {
  const constraint = chart.metadata.kubeVersion;
  if (!constraint) return;
  if (toNodeRange(constraint) === null) {
    throw new ChartInvalidError(`${chart.source ?? chart.metadata.name}/Chart.yaml: kubeVersion "${constraint}" is not a valid version constraint`);
  }
  if (!parseLooseVersion(kubeVersion)) throw new ChartInvalidError(`invalid Kubernetes version "${kubeVersion}"`);
  const shown = kubeVersion.startsWith('v') ? kubeVersion : `v${kubeVersion}`;
  if (!satisfiesConstraint(kubeVersion, constraint)) {
    throw new ChartInvalidError(`chart requires kubeVersion: ${constraint} which is incompatible with Kubernetes ${shown}`);
  }
}
