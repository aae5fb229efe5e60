// Builders for the values tests: small charts as objects or on disk, and a
// way to ask the real Helm what `.Values` a chart's templates would see.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import type { Chart, ChartDependency, Values } from '../../src/chart/types.js';

const run = promisify(execFile);

export interface ChartSpec {
  name: string;
  version?: string;
  values?: Values | string;
  schema?: Record<string, unknown>;
  dependencies?: ChartDependency[];
  subcharts?: ChartSpec[];
}

/** An in-memory Chart (no templates or files) from a spec. */
export function chart(spec: ChartSpec): Chart {
  return {
    metadata: {
      apiVersion: 'v2',
      name: spec.name,
      version: spec.version ?? '0.1.0',
      ...(spec.dependencies ? { dependencies: spec.dependencies } : {}),
    },
    templates: [],
    values: typeof spec.values === 'object' ? spec.values : {},
    ...(spec.schema ? { schema: spec.schema } : {}),
    files: [],
    dependencies: (spec.subcharts ?? []).map(chart),
  };
}

// Each chart prints the `.Values` its templates see, as JSON, in a ConfigMap.
const TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Chart.Name }}-values
data:
  values: {{ .Values | toJson | quote }}
`;

/** Writes a chart directory (Chart.yaml, values.yaml, schema, templates, charts/*) under `dir`. */
export function writeChart(dir: string, spec: ChartSpec): string {
  const root = join(dir, spec.name);
  mkdirSync(join(root, 'templates'), { recursive: true });
  const meta: Record<string, unknown> = { apiVersion: 'v2', name: spec.name, version: spec.version ?? '0.1.0' };
  if (spec.dependencies) meta.dependencies = spec.dependencies;
  writeFileSync(join(root, 'Chart.yaml'), stringify(meta));
  if (spec.values !== undefined) {
    writeFileSync(join(root, 'values.yaml'), typeof spec.values === 'string' ? spec.values : stringify(spec.values));
  }
  if (spec.schema) writeFileSync(join(root, 'values.schema.json'), JSON.stringify(spec.schema, null, 2));
  writeFileSync(join(root, 'templates', 'values.yaml'), TEMPLATE);
  for (const sub of spec.subcharts ?? []) writeChart(join(root, 'charts'), sub);
  return root;
}

/** JSON with map keys sorted at every level, as Helm's toJson prints. */
export function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      return Object.fromEntries(Object.keys(x as object).sort().map((k) => [k, (x as Record<string, unknown>)[k]]));
    }
    return x;
  });
}

/** Runs `helm template` and returns, per chart name, the JSON of the `.Values` it rendered with. */
export async function helmRenderedValues(helm: string, chartDir: string, args: string[]): Promise<Map<string, string>> {
  const { stdout } = await run(helm, ['template', 'r', chartDir, ...args], { maxBuffer: 64 << 20 });
  const out = new Map<string, string>();
  const re = /name: (.+)-values\ndata:\n {2}values: ("(?:[^"\\]|\\.)*")/g;
  for (const m of stdout.matchAll(re)) out.set(m[1], JSON.parse(m[2]) as string);
  return out;
}

/** Seeded PRNG (mulberry32) so the random cases are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
