// Small builders for in-memory charts used by the render tests.
import type { Chart, ChartMetadata } from '../../src/chart/types.js';
import { renderTemplates, type EngineOptions } from '../../src/render/engine.js';

export function file(name: string, text: string): { name: string; data: Buffer } {
  return { name, data: Buffer.from(text, 'utf8') };
}

export interface ChartSpec {
  name?: string;
  version?: string;
  metadata?: Partial<ChartMetadata>;
  templates?: Record<string, string>;
  files?: Record<string, string>;
  dependencies?: Chart[];
}

/**
 * A nunjucks chart whose templates are given as { "templates/x.yaml": "text" }
 * (the engine is pinned by annotation, so a short template is never taken for
 * Go; pass metadata.annotations to choose otherwise).
 */
export function chart(spec: ChartSpec = {}): Chart {
  return {
    metadata: { apiVersion: 'v2', name: spec.name ?? 'webapp', version: spec.version ?? '1.2.3', annotations: { 'skiff.dev/template-engine': 'nunjucks' }, ...spec.metadata },
    templates: Object.entries(spec.templates ?? {}).map(([k, v]) => file(k, v)),
    values: {},
    files: Object.entries(spec.files ?? {}).map(([k, v]) => file(k, v)),
    dependencies: spec.dependencies ?? [],
  };
}

export const RELEASE = { name: 'rel', namespace: 'prod', revision: 3, isInstall: false, isUpgrade: true };

/** Renders one template text in-process and returns its output. */
export function one(text: string, values: Record<string, unknown> = {}, opts: Partial<EngineOptions> = {}, spec: ChartSpec = {}): string {
  const c = chart({ ...spec, templates: { ...spec.templates, 'templates/t.yaml': text } });
  return renderTemplates(c, values, { release: RELEASE, ...opts }).files[`${c.metadata.name}/templates/t.yaml`]!;
}

/** The error a render throws (fails the test if none). */
export function errorOf(fn: () => unknown): Error & { code?: string; template?: string; line?: number } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string; template?: string; line?: number };
  }
  throw new Error('expected an error, got none');
}
