// How `skiff test chart` results are shown: a line per phase with its time,
// a summary table, JUnit XML (one testcase per phase per values file) and
// GitHub Actions workflow commands (`::error file=…,line=…::msg`).
import { isAbsolute, join, relative } from 'node:path';
import type { ChartTestResult, PhaseResult, ValuesRun } from '../action/chart-test.js';
import { formatTable } from './table.js';

const secs = (ms: number) => `${(ms / 1000).toFixed(2)}s`;

/** The phases of one values file, one a line, with the failing phase's details, events and pod logs. */
export function formatRun(run: ValuesRun): string {
  let out = `==> ${run.chart} (${run.label}): ${run.failed ? `FAILED in ${run.failedPhase}` : 'passed'} in ${secs(run.ms)}\n`;
  for (const p of run.phases) {
    if (p.status === 'skipped') continue;
    out += `    ${p.status === 'passed' ? 'ok  ' : 'FAIL'} ${p.phase.padEnd(13)} ${secs(p.ms).padStart(7)}${p.message ? `  ${p.message}` : ''}\n`;
    if (p.status === 'failed') for (const d of p.details ?? []) out += `         ${d}\n`;
  }
  if (run.failed && run.diagnostics) {
    if (run.diagnostics.events.length) out += `  Events:\n${run.diagnostics.events.map((e) => `    ${e}\n`).join('')}`;
    for (const [pod, text] of Object.entries(run.diagnostics.logs)) out += `  POD LOGS: ${pod}\n${text.replace(/^/gm, '    ').replace(/\s*$/, '')}\n`;
  }
  return out;
}

/** The summary table: one row per values file, the time of each phase. */
export function formatSummary(result: ChartTestResult): string {
  const phases = result.runs[0]?.phases.map((p) => p.phase) ?? [];
  const rows = result.runs.map((r) => [r.chart, r.label, r.failed ? `FAILED (${r.failedPhase})` : 'passed', ...r.phases.map((p) => (p.status === 'skipped' ? '-' : p.status === 'failed' ? `FAIL ${secs(p.ms)}` : secs(p.ms))), secs(r.ms)]);
  const table = formatTable(['CHART', 'VALUES', 'RESULT', ...phases.map((p) => p.toUpperCase()), 'TOTAL'], rows);
  return `${table}\n${result.runs.length - result.failed} passed, ${result.failed} failed in ${secs(result.ms)}\n`;
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

/** JUnit XML: a testsuite per values file, a testcase per phase (skipped phases marked skipped). */
export function junitXml(result: ChartTestResult): string {
  const failures = result.runs.reduce((n, r) => n + r.phases.filter((p) => p.status === 'failed').length, 0);
  const tests = result.runs.reduce((n, r) => n + r.phases.length, 0);
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="skiff test chart" tests="${tests}" failures="${failures}" time="${(result.ms / 1000).toFixed(3)}">\n`;
  for (const r of result.runs) {
    const suite = `${r.chart} ${r.label}`;
    const f = r.phases.filter((p) => p.status === 'failed').length;
    const s = r.phases.filter((p) => p.status === 'skipped').length;
    out += `  <testsuite name="${xml(suite)}" tests="${r.phases.length}" failures="${f}" skipped="${s}" time="${(r.ms / 1000).toFixed(3)}">\n`;
    for (const p of r.phases) {
      out += `    <testcase classname="${xml(suite)}" name="${p.phase}" time="${(p.ms / 1000).toFixed(3)}"`;
      if (p.status === 'passed') out += '/>\n';
      else if (p.status === 'skipped') out += '>\n      <skipped message="an earlier phase failed"/>\n    </testcase>\n';
      else out += `>\n      <failure message="${xml(p.message ?? 'failed')}">${xml([p.message ?? '', ...(p.details ?? [])].join('\n'))}</failure>\n    </testcase>\n`;
    }
    out += '  </testsuite>\n';
  }
  return out + '</testsuites>\n';
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** The file a phase failure points at, relative to the working directory when it is inside the chart. */
function annotationFile(run: ValuesRun, p: PhaseResult, chartDir: string | undefined): string | undefined {
  if (p.file && chartDir) {
    // Render and lint errors name "CHARTNAME/templates/x.yaml" or "templates/x.yaml".
    const inChart = p.file.replace(/^[^/]+\/(?=templates\/|crds\/|values|Chart\.yaml)/, '');
    return join(chartDir, inChart);
  }
  return p.file ?? run.valuesFile;
}

/** A path relative to the working directory when it lies inside it (Actions resolves annotations from the repository root). */
function shortPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** GitHub Actions `::error` commands, one per failed phase. */
export function githubAnnotations(result: ChartTestResult, chartDirOf: (run: ValuesRun) => string | undefined): string {
  let out = '';
  for (const r of result.runs) {
    for (const p of r.phases.filter((x) => x.status === 'failed')) {
      const file = annotationFile(r, p, chartDirOf(r));
      const props = [file ? `file=${escapeProp(shortPath(file))}` : '', p.line ? `line=${p.line}` : '', `title=${escapeProp(`${r.chart} ${r.label}: ${p.phase} failed`)}`].filter(Boolean).join(',');
      out += `::error ${props}::${escapeData([p.message ?? 'failed', ...(p.details ?? [])].join('\n'))}\n`;
    }
  }
  return out;
}
