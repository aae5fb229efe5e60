// Builds small in-memory charts for action tests.
import type { Chart } from '../../src/chart/types.js';

export function buildChart(opts: { name?: string; version?: string; appVersion?: string; values?: Record<string, unknown>; templates: Record<string, string>; files?: Record<string, string> }): Chart {
  return {
    metadata: { apiVersion: 'v2', name: opts.name ?? 'demo', version: opts.version ?? '1.0.0', appVersion: opts.appVersion ?? '1.0', type: 'application' },
    templates: Object.entries(opts.templates).map(([n, t]) => ({ name: n.startsWith('templates/') ? n : `templates/${n}`, data: Buffer.from(t) })),
    values: opts.values ?? {},
    files: Object.entries(opts.files ?? {}).map(([n, t]) => ({ name: n, data: Buffer.from(t) })),
    dependencies: [],
  };
}

export const configMap = (name: string, data: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${extra}data:
  value: "${data}"
`;

export const service = (name: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${extra}spec:
  ports: [{port: 80}]
`;
