// How unittest results are shown: helm-unittest's PASS/FAIL lines with each
// failing assertion's explanation and diff, the totals, and JUnit XML.
import type { SuiteResult, UnittestResult } from './runner.js';

/** The text report: one line per suite, failures with file:line and test name, then the totals. */
export function formatUnittest(result: UnittestResult): string {
  let out = '';
  const byChart = new Map<string, SuiteResult[]>();
  for (const s of result.suites) byChart.set(s.chart, [...(byChart.get(s.chart) ?? []), s]);
  for (const [chart, suites] of byChart) {
    out += `\n### Chart [ ${chart} ]\n\n`;
    for (const s of suites) {
      out += ` ${s.failed ? 'FAIL' : 'PASS'}  ${s.name}\t${s.file}\n`;
      for (const t of s.tests.filter((x) => x.status === 'failed')) {
        out += `\t- ${t.name} (${s.file}${t.line ? `:${t.line}` : ''})\n\n`;
        for (const a of t.asserts.filter((x) => !x.pass)) {
          out += `\t\t- asserts[${a.index}]${a.not ? ' `not`' : ''} \`${a.type}\` fail${a.line ? ` (${s.file}:${a.line})` : ''}\n`;
          for (const l of a.lines) out += `\t\t\t${l}\n`;
          out += '\n';
        }
      }
      for (const p of s.snapshot.problems) out += `\t- ${p} (${s.file})\n`;
    }
  }
  const suites = result.suites.length;
  const failedSuites = result.suites.filter((s) => s.failed).length;
  const total = result.passed + result.failed + result.skipped;
  const snaps = result.suites.reduce((n, s) => n + s.snapshot.failed, 0);
  const snapTotal = result.suites.reduce((n, s) => n + s.snapshot.inserted + s.snapshot.updated, 0);
  out += `\nCharts:      ${byChart.size} total\n`;
  out += `Test Suites: ${suites - failedSuites} passed, ${failedSuites} failed, ${suites} total\n`;
  out += `Tests:       ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, ${total} total\n`;
  out += `Snapshot:    ${snaps} failed, ${result.suites.reduce((n, s) => n + s.snapshot.inserted, 0)} new, ${result.suites.reduce((n, s) => n + s.snapshot.vanished, 0)} obsolete (${snapTotal} changed)\n`;
  out += `Time:        ${result.ms}ms\n`;
  return out;
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

/** JUnit XML: a testsuite per suite file, a testcase per test. */
export function unittestJunit(result: UnittestResult): string {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${result.passed + result.failed + result.skipped}" failures="${result.failed}" time="${(result.ms / 1000).toFixed(3)}">\n`;
  for (const s of result.suites) {
    const f = s.tests.filter((t) => t.status === 'failed').length;
    out += `  <testsuite name="${xml(s.name)}" file="${xml(s.file)}" tests="${s.tests.length}" failures="${f}" skipped="${s.tests.filter((t) => t.status === 'skipped').length}">\n`;
    for (const t of s.tests) {
      out += `    <testcase classname="${xml(s.file)}" name="${xml(t.name)}" time="${(t.ms / 1000).toFixed(3)}"`;
      if (t.status === 'passed') out += '/>\n';
      else if (t.status === 'skipped') out += `>\n      <skipped message="${xml(t.skipReason ?? '')}"/>\n    </testcase>\n`;
      else {
        const text = t.asserts.filter((a) => !a.pass).map((a) => [`asserts[${a.index}] ${a.type} fail`, ...a.lines].join('\n')).join('\n\n');
        out += `>\n      <failure message="${xml(`${t.asserts.filter((a) => !a.pass).length} assertion(s) failed`)}">${xml(text)}</failure>\n    </testcase>\n`;
      }
    }
    for (const p of s.snapshot.problems) out += `    <testcase classname="${xml(s.file)}" name="${xml(p)}">\n      <failure message="${xml(p)}"/>\n    </testcase>\n`;
    out += '  </testsuite>\n';
  }
  return out + '</testsuites>\n';
}
