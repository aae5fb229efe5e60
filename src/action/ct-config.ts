// chart-testing's configuration (ct.yaml), read as `ct` reads it: found in
// ".", ".ct", "$HOME/.ct", "/usr/local/etc/ct", "/etc/ct" (or
// $CT_CONFIG_DIR, or given), every key overridable by a CT_ environment
// variable (CT_TARGET_BRANCH), and lists given as YAML lists or as
// comma-separated strings. Unknown keys and wrong types are errors naming the
// file and line, so a typo never passes silently.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UsageError } from '../errors.js';

type Kind = 'string' | 'bool' | 'list' | 'duration';

/** Every key chart-testing knows, with its type and default (ct's flag defaults for lint-and-install). */
const KEYS = {
  remote: ['string', 'origin'],
  'target-branch': ['string', 'main'],
  since: ['string', 'HEAD'],
  'build-id': ['string', ''],
  'lint-conf': ['string', ''],
  'chart-yaml-schema': ['string', ''],
  'validate-maintainers': ['bool', true],
  'validate-chart-schema': ['bool', true],
  'validate-yaml': ['bool', true],
  'skip-helm-dependencies': ['bool', false],
  'additional-commands': ['list', []],
  'check-version-increment': ['bool', true],
  all: ['bool', false],
  charts: ['list', []],
  'chart-repos': ['list', []],
  'chart-dirs': ['list', ['charts']],
  'excluded-charts': ['list', []],
  'helm-extra-args': ['string', ''],
  'helm-extra-set-args': ['string', ''],
  'helm-lint-extra-args': ['string', ''],
  'helm-repo-extra-args': ['list', []],
  'helm-dependency-extra-args': ['list', []],
  debug: ['bool', false],
  upgrade: ['bool', false],
  'skip-missing-values': ['bool', false],
  'skip-clean-up': ['bool', false],
  namespace: ['string', ''],
  'release-name': ['string', ''],
  'release-label': ['string', 'app.kubernetes.io/instance'],
  'exclude-deprecated': ['bool', false],
  'kubectl-timeout': ['duration', '30s'],
  'print-logs': ['bool', true],
  'github-groups': ['bool', false],
  'use-helmignore': ['bool', false],
  'print-config': ['bool', false],
} as const satisfies Record<string, readonly [Kind, unknown]>;

export type CtKey = keyof typeof KEYS;
type ValueOf<K extends CtKey> = (typeof KEYS)[K][0] extends 'bool' ? boolean : (typeof KEYS)[K][0] extends 'list' ? string[] : string;
export type CtConfig = { readonly [K in CtKey]: ValueOf<K> } & {
  /** The file read, when one was. */
  readonly file?: string;
  /** Keys set by the file, the environment or flags (as opposed to defaults). */
  readonly given: ReadonlySet<CtKey>;
};

/** Where ct looks for ct.yaml when none is given. */
export function ctSearchDirs(env: NodeJS.ProcessEnv): string[] {
  if (env.CT_CONFIG_DIR) return [env.CT_CONFIG_DIR];
  return ['.', '.ct', join(env.HOME ?? homedir(), '.ct'), '/usr/local/etc/ct', '/etc/ct'];
}

/** The ct.yaml (or .yml, .json) found in the search locations, relative to `cwd`; undefined when there is none. */
export function findCtConfig(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of ctSearchDirs(env)) {
    for (const ext of ['yaml', 'yml', 'json']) {
      const p = join(dir.startsWith('/') ? dir : join(cwd, dir), `ct.${ext}`);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

function closest(key: string): string | undefined {
  let best: [string, number] | undefined;
  for (const k of Object.keys(KEYS)) {
    const d = distance(key, k);
    if (d <= 3 && (!best || d < best[1])) best = [k, d];
  }
  return best?.[0];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** A value of `kind` from text (the environment, a flag): lists comma-separated, booleans true/false. */
function fromText(kind: Kind, text: string, where: string): unknown {
  if (kind === 'list') return text.split(',').map((s) => s.trim()).filter(Boolean);
  if (kind === 'bool') {
    if (/^(true|1)$/i.test(text)) return true;
    if (/^(false|0)$/i.test(text)) return false;
    throw new UsageError(`${where}: expected true or false, got "${text}"`);
  }
  return text;
}

function fromNode(kind: Kind, node: Node | null, where: string): unknown {
  const value: unknown = isScalar(node) ? node.value : isSeq(node) ? node.items.map((i) => (isScalar(i) ? i.value : i)) : node && isMap(node) ? {} : null;
  if (kind === 'list') {
    if (value === null) return [];
    if (typeof value === 'string') return fromText('list', value, where);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
    throw new UsageError(`${where}: expected a list of strings (or one comma-separated string)`);
  }
  if (kind === 'bool') {
    if (typeof value === 'boolean') return value;
    throw new UsageError(`${where}: expected true or false, got ${JSON.stringify(value)}`);
  }
  if (typeof value === 'string' || (kind === 'duration' && typeof value === 'number')) return String(value);
  if (value === null) return '';
  throw new UsageError(`${where}: expected a string, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`);
}

/**
 * Loads ct's configuration: defaults, then the file (`file`, or the first
 * found), then CT_ variables, then `flags` (ct's precedence). Throws
 * UsageError naming file:line for an unknown key or a wrong type, and for
 * ct's own contradictions (--all with --charts, --namespace without
 * --release-label, --upgrade without a target branch).
 */
export function loadCtConfig(opts: { file?: string; cwd: string; env: NodeJS.ProcessEnv; flags?: Partial<Record<CtKey, unknown>> }): CtConfig {
  const { cwd, env } = opts;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, [, def]] of Object.entries(KEYS)) out[k] = Array.isArray(def) ? [...def] : def;
  const given = new Set<CtKey>();
  const file = opts.file ? resolve(cwd, opts.file) : findCtConfig(cwd, env);
  if (opts.file && !existsSync(file!)) throw new UsageError(`failed loading config file: ${opts.file}: no such file`);
  if (file) {
    const text = readFileSync(file, 'utf8');
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      throw new UsageError(`${file}:${e.linePos?.[0]?.line ?? 1}: not valid YAML: ${e.message.split('\n')[0]}`);
    }
    const root = doc.contents;
    if (root !== null && !isMap(root)) throw new UsageError(`${file}:1: expected a map of ct settings`);
    for (const pair of isMap(root) ? root.items : []) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const line = keyNode?.range ? lc.linePos(keyNode.range[0]).line : 1;
      if (!Object.prototype.hasOwnProperty.call(KEYS, key)) {
        const hint = closest(key);
        throw new UsageError(`${file}:${line}: unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`, { hint: 'chart-testing keys: https://github.com/helm/chart-testing/blob/main/doc/ct_lint-and-install.md' });
      }
      const k = key as CtKey;
      out[k] = fromNode(KEYS[k][0], pair.value as Node | null, `${file}:${line}: ${key}`);
      given.add(k);
    }
  }
  for (const k of Object.keys(KEYS) as CtKey[]) {
    const name = `CT_${k.toUpperCase().replace(/-/g, '_')}`;
    const v = env[name];
    if (v !== undefined && v !== '') {
      out[k] = fromText(KEYS[k][0], v, name);
      given.add(k);
    }
  }
  for (const [k, v] of Object.entries(opts.flags ?? {})) {
    if (v === undefined) continue;
    const key = k as CtKey;
    out[key] = typeof v === 'string' ? fromText(KEYS[key][0], v, `--${key}`) : Array.isArray(v) ? v.flatMap((x) => fromText('list', String(x), `--${key}`) as string[]) : v;
    given.add(key);
  }
  const cfg = { ...out, ...(file ? { file } : {}), given } as unknown as CtConfig;
  if (cfg.all && cfg.charts.length) throw new UsageError("specifying both, '--all' and '--charts', is not allowed");
  if (cfg.namespace && !cfg['release-label']) throw new UsageError("specifying '--namespace' without '--release-label' is not allowed");
  if (cfg.upgrade && (!cfg['target-branch'] || !cfg.remote)) throw new UsageError("specifying '--upgrade=true' without '--target-branch' or '--remote', is not allowed");
  return cfg;
}

/** What skiff takes from ct's helm-extra-args and helm-extra-set-args. */
export interface HelmExtraArgs {
  timeoutMs?: number;
  set: string[];
  setString: string[];
  setJson: string[];
  setFile: string[];
  valueFiles: string[];
}

/** Splits a command line as a shell would for plain words and quotes (no expansions). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let cur = '';
  let last = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]!;
    if (m.index === last && out.length) cur = out.pop()! + word;
    else cur = word;
    out.push(cur);
    last = re.lastIndex;
  }
  return out;
}

/**
 * The helm flags of ct's helm-extra-args / helm-extra-set-args that change a
 * test run: --timeout and the values flags. Flags skiff's test run has no use
 * for (--wait, --atomic, --debug: it always waits and reports) are accepted;
 * anything else is refused by name rather than ignored.
 */
export function parseHelmExtraArgs(text: string, where: string, parseDurationMs: (v: string, flag: string) => number): HelmExtraArgs {
  const out: HelmExtraArgs = { set: [], setString: [], setJson: [], setFile: [], valueFiles: [] };
  const words = splitArgs(text);
  const lists: Record<string, keyof Omit<HelmExtraArgs, 'timeoutMs'>> = { '--set': 'set', '--set-string': 'setString', '--set-json': 'setJson', '--set-file': 'setFile', '--values': 'valueFiles', '-f': 'valueFiles' };
  const ignored = new Set(['--wait', '--wait-for-jobs', '--atomic', '--debug', '--create-namespace', '--rollback-on-failure']);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    const [flag, inline] = w.startsWith('--') && eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = words[++i];
      if (v === undefined) throw new UsageError(`${where}: ${flag} needs a value`);
      return v;
    };
    if (flag === '--timeout') out.timeoutMs = parseDurationMs(value(), `${where}: --timeout`);
    else if (Object.prototype.hasOwnProperty.call(lists, flag)) out[lists[flag]!].push(value());
    else if (ignored.has(flag)) continue;
    else throw new UsageError(`${where}: skiff test chart does not take "${w}"`, { hint: 'it takes --timeout and the values flags (--set, --set-string, --set-json, --set-file, -f/--values)' });
  }
  return out;
}
