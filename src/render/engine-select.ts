// Which template engine renders a chart: Go text/template (every Helm chart)
// or nunjucks (skiff's own language). An explicit Chart.yaml annotation wins;
// otherwise the templates decide (see docs/chart-reference.md, "Template
// engines"). Each chart of a tree is decided on its own.
import type { Chart } from '../chart/types.js';
import { ChartInvalidError } from '../errors.js';

export type TemplateEngine = 'go' | 'nunjucks';

/** The Chart.yaml annotation that names a chart's engine. */
export const ENGINE_ANNOTATION = 'skiff.dev/template-engine';

export interface EngineChoice {
  readonly engine: TemplateEngine;
  /** Why: "annotation", "detected" or "default". */
  readonly reason: 'annotation' | 'detected' | 'default';
}

// Go: `{{ .X`, `{{ $x`, `{{/*`, or a Go keyword/function followed by a space-separated operand.
const GO_MARK = /\{\{-?\s*(?:\.|\$|\/\*|(?:define|template|include|block|end|else|if|range|with|toYaml|printf|default|quote|tpl|required)\b(?:\s|\}\}))/g;
// nunjucks: statement and comment tags, or an action naming a built-in object without the dot.
const NJ_MARK = /\{%-?\s*\w|\{#|\{\{-?\s*(?:Values|Release|Chart|Capabilities|Files|Template)\b|\{\{-?\s*\w+\(/g;

const cache = new WeakMap<Chart, EngineChoice>();

/**
 * Decides a chart's engine. Rule: the `skiff.dev/template-engine` annotation
 * (go|nunjucks) wins; else count Go markers and nunjucks markers over all
 * templates: more nunjucks markers → nunjucks, otherwise (including no
 * markers at all) → go, as Helm would render it. Throws ChartInvalidError for
 * an unknown annotation value.
 */
export function chartEngine(chart: Chart): EngineChoice {
  const hit = cache.get(chart);
  if (hit) return hit;
  let choice: EngineChoice;
  const ann = chart.metadata.annotations?.[ENGINE_ANNOTATION];
  if (ann !== undefined) {
    if (ann !== 'go' && ann !== 'nunjucks') throw new ChartInvalidError(`Chart.yaml: annotation ${ENGINE_ANNOTATION} must be "go" or "nunjucks", not ${JSON.stringify(ann)} (chart ${chart.metadata.name})`);
    choice = { engine: ann, reason: 'annotation' };
  } else {
    let go = 0;
    let nj = 0;
    for (const t of chart.templates) {
      const text = t.data.toString('utf8');
      go += text.match(GO_MARK)?.length ?? 0;
      nj += text.match(NJ_MARK)?.length ?? 0;
    }
    choice = nj > go ? { engine: 'nunjucks', reason: 'detected' } : { engine: 'go', reason: go > 0 ? 'detected' : 'default' };
  }
  cache.set(chart, choice);
  return choice;
}

/** Every chart of a tree with its engine, root first. */
export function treeEngines(chart: Chart): Map<Chart, TemplateEngine> {
  const out = new Map<Chart, TemplateEngine>();
  const walk = (c: Chart): void => {
    out.set(c, chartEngine(c).engine);
    for (const d of c.dependencies) walk(d);
  };
  walk(chart);
  return out;
}
