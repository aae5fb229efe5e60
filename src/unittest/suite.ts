// Reading helm-unittest suite files (tests/*_test.yaml) unchanged: the suite
// and test keys, each assertion with the line it is on, and a clear error
// naming file and line for an unknown key, an unknown assertion or a bad type.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { SkiffError } from '../errors.js';
import { ASSERTION_TYPES } from './assertions.js';

/** A suite file problem, naming the file and line. */
export class SuiteError extends SkiffError {
  constructor(file: string, line: number | undefined, message: string) {
    super('UNITTEST_SUITE', `${file}${line ? `:${line}` : ''}: ${message}`);
  }
}

export interface ReleaseOverride {
  readonly name?: string;
  readonly namespace?: string;
  readonly revision?: number;
  readonly upgrade?: boolean;
}

export interface CapabilitiesOverride {
  readonly majorVersion?: string | number;
  readonly minorVersion?: string | number;
  readonly apiVersions?: readonly string[];
}

export interface DocumentSelector {
  readonly path: string;
  readonly value: unknown;
  readonly matchMany?: boolean;
}

export interface Assertion {
  readonly type: string;
  readonly params: Record<string, unknown>;
  readonly not: boolean;
  readonly template?: string;
  readonly documentIndex?: number;
  readonly documentSelector?: DocumentSelector;
  readonly line?: number;
}

export interface TestCase {
  readonly it: string;
  readonly line?: number;
  readonly templates?: readonly string[];
  readonly values: readonly string[];
  readonly set: Record<string, unknown>;
  readonly release?: ReleaseOverride;
  readonly capabilities?: CapabilitiesOverride;
  readonly chart?: { readonly version?: string; readonly appVersion?: string };
  readonly documentIndex?: number;
  readonly documentSelector?: DocumentSelector;
  readonly skip?: string;
  readonly asserts: readonly Assertion[];
}

export interface Suite {
  readonly file: string;
  readonly name: string;
  readonly templates: readonly string[];
  readonly values: readonly string[];
  readonly set: Record<string, unknown>;
  readonly release?: ReleaseOverride;
  readonly capabilities?: CapabilitiesOverride;
  readonly chart?: { readonly version?: string; readonly appVersion?: string };
  readonly skip?: string;
  readonly tests: readonly TestCase[];
}

const SUITE_KEYS = new Set(['suite', 'templates', 'excludeTemplates', 'values', 'set', 'release', 'capabilities', 'chart', 'tests', 'skip', 'snapshotId', 'kubernetesProvider', 'postRenderer']);
const TEST_KEYS = new Set(['it', 'template', 'templates', 'values', 'set', 'release', 'capabilities', 'chart', 'documentIndex', 'documentSelector', 'skip', 'asserts', 'kubernetesProvider', 'postRenderer']);
const ASSERT_KEYS = new Set(['not', 'template', 'documentIndex', 'documentSelector', 'failfast']);
const UNSUPPORTED = ['kubernetesProvider', 'postRenderer', 'excludeTemplates', 'snapshotId'];

/** Loads and checks one suite file; throws SuiteError (file:line) for anything helm-unittest would refuse or skiff cannot honour. */
export function loadSuite(file: string, display = file): Suite {
  return parseSuite(readFileSync(file, 'utf8'), display);
}

/** Checks one suite's text (`display` names it in errors and results); throws SuiteError as loadSuite does. */
export function parseSuite(text: string, display: string): Suite {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new SuiteError(display, e.linePos?.[0]?.line, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (n: Node | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : undefined);
  const root = doc.contents;
  if (!isMap(root)) throw new SuiteError(display, lineOf(root as Node), 'a test suite must be a mapping with "suite" and "tests"');
  const data = doc.toJS() as Record<string, unknown>;
  const keyLine = (map: Node, key: string) => {
    if (!isMap(map)) return lineOf(map);
    const pair = map.items.find((p) => (p.key as { value?: unknown })?.value === key);
    return lineOf(pair?.key as Node);
  };
  const checkKeys = (obj: Record<string, unknown>, node: Node, allowed: Set<string>, what: string) => {
    for (const k of Object.keys(obj)) {
      if (!allowed.has(k)) throw new SuiteError(display, keyLine(node, k), `unknown ${what} key "${k}"`);
      if (UNSUPPORTED.includes(k)) throw new SuiteError(display, keyLine(node, k), `${what} key "${k}" is not supported by skiff unittest yet`);
    }
  };
  checkKeys(data, root, SUITE_KEYS, 'suite');
  const testsNode = root.get('tests', true) as Node | undefined;
  if (!Array.isArray(data.tests) || !isSeq(testsNode)) throw new SuiteError(display, keyLine(root, 'tests') ?? 1, '"tests" must be a list of tests');
  const strings = (v: unknown, node: Node, key: string): string[] => {
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    throw new SuiteError(display, keyLine(node, key), `"${key}" must be a string or a list of strings`);
  };
  const mapping = (v: unknown, node: Node, key: string): Record<string, unknown> | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw new SuiteError(display, keyLine(node, key), `"${key}" must be a mapping`);
    return v as Record<string, unknown>;
  };
  const skipReason = (v: unknown, node: Node): string | undefined => {
    const m = mapping(v, node, 'skip');
    return m ? String(m.reason ?? 'skipped') : undefined;
  };
  const selector = (v: unknown, node: Node): DocumentSelector | undefined => {
    const m = mapping(v, node, 'documentSelector');
    if (!m) return undefined;
    if (typeof m.path !== 'string') throw new SuiteError(display, keyLine(node, 'documentSelector'), 'documentSelector needs a "path"');
    return { path: m.path, value: m.value, ...(m.matchMany ? { matchMany: true } : {}) };
  };
  const index = (v: unknown, node: Node): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!Number.isInteger(v) || (v as number) < -1) throw new SuiteError(display, keyLine(node, 'documentIndex'), '"documentIndex" must be a non-negative integer');
    return v as number;
  };

  const tests: TestCase[] = (data.tests as unknown[]).map((raw, i) => {
    const node = testsNode.items[i] as Node;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new SuiteError(display, lineOf(node), `tests[${i}] must be a mapping`);
    const t = raw as Record<string, unknown>;
    checkKeys(t, node, TEST_KEYS, 'test');
    if (typeof t.it !== 'string') throw new SuiteError(display, lineOf(node), `tests[${i}] needs "it" (the test's name)`);
    const assertsNode = isMap(node) ? (node.get('asserts', true) as Node | undefined) : undefined;
    if (!Array.isArray(t.asserts) || !isSeq(assertsNode)) throw new SuiteError(display, keyLine(node, 'asserts') ?? lineOf(node), `test "${t.it}" needs "asserts", a list of assertions`);
    const asserts = (t.asserts as unknown[]).map((a, j): Assertion => {
      const an = assertsNode.items[j] as Node;
      if (!a || typeof a !== 'object' || Array.isArray(a)) throw new SuiteError(display, lineOf(an), `asserts[${j}] must be a mapping`);
      const keys = Object.keys(a).filter((k) => !ASSERT_KEYS.has(k));
      if (keys.length !== 1) throw new SuiteError(display, lineOf(an), keys.length ? `asserts[${j}] has more than one assertion type: ${keys.join(', ')}` : `asserts[${j}] has no assertion type`);
      const type = keys[0]!;
      if (!ASSERTION_TYPES.has(type)) throw new SuiteError(display, keyLine(an, type), `unknown assertion type "${type}"`);
      const o = a as Record<string, unknown>;
      const params = o[type] ?? {};
      if (typeof params !== 'object' || Array.isArray(params)) throw new SuiteError(display, keyLine(an, type), `the parameters of "${type}" must be a mapping`);
      return {
        type,
        params: params as Record<string, unknown>,
        not: o.not === true,
        ...(typeof o.template === 'string' ? { template: o.template } : {}),
        ...(index(o.documentIndex, an) !== undefined ? { documentIndex: o.documentIndex as number } : {}),
        ...(o.documentSelector ? { documentSelector: selector(o.documentSelector, an) } : {}),
        line: keyLine(an, type),
      };
    });
    const templates = t.template !== undefined ? strings(t.template, node, 'template') : t.templates !== undefined ? strings(t.templates, node, 'templates') : undefined;
    return {
      it: t.it,
      line: lineOf(node),
      ...(templates ? { templates } : {}),
      values: strings(t.values, node, 'values'),
      set: mapping(t.set, node, 'set') ?? {},
      ...(t.release ? { release: mapping(t.release, node, 'release') as ReleaseOverride } : {}),
      ...(t.capabilities ? { capabilities: mapping(t.capabilities, node, 'capabilities') as CapabilitiesOverride } : {}),
      ...(t.chart ? { chart: mapping(t.chart, node, 'chart') as Suite['chart'] } : {}),
      ...(index(t.documentIndex, node) !== undefined ? { documentIndex: t.documentIndex as number } : {}),
      ...(t.documentSelector ? { documentSelector: selector(t.documentSelector, node) } : {}),
      ...(t.skip ? { skip: skipReason(t.skip, node) } : {}),
      asserts,
    };
  });
  return {
    file: display,
    name: typeof data.suite === 'string' ? data.suite : display,
    templates: strings(data.templates, root, 'templates'),
    values: strings(data.values, root, 'values'),
    set: mapping(data.set, root, 'set') ?? {},
    ...(data.release ? { release: mapping(data.release, root, 'release') as ReleaseOverride } : {}),
    ...(data.capabilities ? { capabilities: mapping(data.capabilities, root, 'capabilities') as CapabilitiesOverride } : {}),
    ...(data.chart ? { chart: mapping(data.chart, root, 'chart') as Suite['chart'] } : {}),
    ...(data.skip ? { skip: skipReason(data.skip, root) } : {}),
    tests,
  };
}
