// Which template engine renders a chart: Go text/template (every Helm chart)
// or nunjucks (skiff's own language). An explicit Chart.yaml annotation wins;
// otherwise the templates decide (see docs/chart-reference.md, "Template
// engines"). Each chart of a tree is decided on its own.
import type { Chart } from '../chart/types.js';
import { ChartInvalidError } from '../errors.js';
import { utf8Text } from './template-text.js';

export type TemplateEngine = 'go' | 'nunjucks';

/** The Chart.yaml annotation that names a chart's engine. */
export const ENGINE_ANNOTATION = 'skiff.dev/template-engine';

export interface EngineChoice {
  readonly engine: TemplateEngine;
  /** Why: "annotation", "detected" or "default". */
  readonly reason: 'annotation' | 'detected' | 'default';
}

// Go: an action starting with `.`, `$` or `/*`; `{{ end }}`/`{{ else }}`; a Go keyword or common Helm
// function followed by a space and an operand (`{{ include "x" . }}`, `{{- if .Values.a }}`).
const GO_MARK = /\{\{-?\s*(?:[.$]|\/\*|(?:end|else)\s*-?\}\}|else\s+(?:if|with)\s|(?:define|template|include|block)\s+["`]|(?:if|range|with|toYaml|printf|default|quote|tpl|required|not|and|or|eq|ne)\s+[.$("`'0-9-])/g;
// nunjucks: statement and comment tags, an action naming a built-in object without the dot, or call
// syntax (`name(` inside an action: `include("x")`, `| trunc(3)`).
const NJ_MARK = /\{%-?\s*\w|\{#|\{\{-?\s*(?:Values|Release|Chart|Capabilities|Files|Template)\b|\{\{[^}]*?[A-Za-z_]\w*\(/g;
// The same without the call syntax, for a text without `(` (where that alternative cannot match, and
// trying it at every `{{` is most of the cost).
const NJ_MARK_NO_CALL = /\{%-?\s*\w|\{#|\{\{-?\s*(?:Values|Release|Chart|Capabilities|Files|Template)\b/g;

const cache = new WeakMap<Chart, EngineChoice>();

/**
 * Decides a chart's engine. Rule: the `skiff.dev/template-engine` annotation
 * (go|nunjucks) wins; else count Go markers and nunjucks markers over all
 * templates: more Go markers → go, otherwise nunjucks (a tie, incl. a chart
 * without markers, whose plain text renders the same in both). Throws
 * ChartInvalidError for an unknown annotation value.
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
    const texts = chart.templates.map((t) => utf8Text(t.data));
    let nj = 0;
    for (const text of texts) nj += text.match(text.includes('(') ? NJ_MARK : NJ_MARK_NO_CALL)?.length ?? 0;
    // Go markers are counted only as far as the decision needs (past the nunjucks count): one, in a chart without nunjucks markers.
    let go = 0;
    for (const text of texts) {
      GO_MARK.lastIndex = 0;
      while (go <= nj && GO_MARK.exec(text) !== null) go++;
      if (go > nj) break;
    }
    GO_MARK.lastIndex = 0;
    if (go > nj) choice = { engine: 'go', reason: 'detected' };
    else choice = { engine: 'nunjucks', reason: nj > 0 ? 'detected' : 'default' };
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

/** One line for `show chart` and `lint`: "go (detected from the templates)". Throws like chartEngine. */
export function describeEngine(chart: Chart): string {
  const c = chartEngine(chart);
  const why = c.reason === 'annotation' ? `set by the ${ENGINE_ANNOTATION} annotation` : c.reason === 'detected' ? 'detected from the templates' : 'no template syntax of either engine found';
  return `${c.engine} (${why})`;
}
