// A seeded generator of random Go-template programs and values, for the
// differential test against real Helm: every construct of the grammar
// (trim markers, comments, if/else if/with/range with variables, break and
// continue, define/template/include, pipelines, printf verbs, comparisons,
// len/index/slice, literals of every kind).

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'int' | 'float' | 'string' | 'bool' | 'list' | 'map' | 'any';

/** The values file every case of a batch sees, with the kind of each path. */
export const VALUES_YAML = `i: 3
neg: -7
zero: 0
f: 1.5
big: 1000000
tiny: 0.00001
huge: 1.0e+21
s: hello
e: ""
sp: "a b  c"
u: "caf\\u00e9 <&>"
t: true
fl: false
n: null
yes1: yes
no1: no
on1: on
off1: off
y1: y
oct: 0777
hex: 0x1F
ver: 1.10
date: 2024-01-02
list: [1, "two", 3.5, true, null]
strs: [b, a, c]
empty: []
emptym: {}
m:
  x: 1
  y: why
  z:
    deep: [1, 2]
    s: inner
  "on": 5
nested:
  a:
    b:
      c: leaf
`;

const PATHS: Array<[string, Kind]> = [
  ['.Values.i', 'float'], ['.Values.neg', 'float'], ['.Values.zero', 'float'], ['.Values.f', 'float'], ['.Values.big', 'float'],
  ['.Values.tiny', 'float'], ['.Values.huge', 'float'], ['.Values.s', 'string'], ['.Values.e', 'string'],
  ['.Values.sp', 'string'], ['.Values.u', 'string'], ['.Values.t', 'bool'], ['.Values.fl', 'bool'], ['.Values.n', 'any'],
  ['.Values.yes1', 'any'], ['.Values.no1', 'any'], ['.Values.on1', 'any'], ['.Values.off1', 'any'], ['.Values.y1', 'any'],
  ['.Values.oct', 'any'], ['.Values.hex', 'any'], ['.Values.ver', 'any'], ['.Values.date', 'any'], ['.Values.list', 'list'],
  ['.Values.strs', 'list'], ['.Values.empty', 'list'], ['.Values.emptym', 'map'], ['.Values.m', 'map'], ['.Values.m.x', 'float'],
  ['.Values.m.y', 'string'], ['.Values.m.z', 'map'], ['.Values.m.z.deep', 'list'], ['.Values.m.z.s', 'string'],
  ['.Values.nested.a.b.c', 'string'], ['.Values.missing', 'any'], ['.Values.m.missing', 'any'], ['.Release.Name', 'string'],
  ['.Chart.Name', 'string'], ['.Chart.Version', 'string'], ['.Release.Revision', 'int'], ['.Release.IsInstall', 'bool'],
  ['.Capabilities.KubeVersion.Minor', 'string'], ['.Template.Name', 'string'],
];

const INTS = ['0', '1', '3', '42', '-5', '0x1F', '0o17', '0b101', '1_000', "'a'", "'\\n'", '017', '1000000'];
const FLOATS = ['1.5', '0.5', '1e3', '2.0', '-0.25', '1e21', '1e-7', '123456789.0', '.5', '0x1p-2'];
const STRINGS = ['"x"', '"hello world"', '""', '"a\\tb"', '"q\\"uote"', '`raw {{ text }}`', '"\\u00e9\\x41"', '"<a&b>"', '"10"', '"y"'];
const VERBS = ['%v', '%s', '%d', '%q', '%x', '%5v', '%-5v|', '%05d', '%.2f', '%e', '%g', '%t', '%T', '%+v', '%#v', '%o', '%X', '%c', '%U', '%8.3f', '%%', '%6s|'];
const TEXTS = ['a', ' ', '  ', '\n', '\n\n', ' \n ', 'text', '\t', 'x: ', '- ', 'é'];

export class Gen {
  private vars: Array<[string, Kind]> = [];
  private depth = 0;
  private inRange = 0;
  /** Inside range/with, dot is no longer the top-level object: paths go through `$`. */
  private dotMoved = 0;
  constructor(private readonly r: () => number, private readonly defines: string[]) {}

  /** A top-level path, through `$` when dot has moved. */
  path(p: string): string {
    return this.dotMoved > 0 && p.startsWith('.') ? '$' + p : p;
  }

  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)]!;
  }

  chance(p: number): boolean {
    return this.r() < p;
  }

  open(): string {
    return this.chance(0.3) ? '{{- ' : this.chance(0.1) ? '{{-\n' : this.pick(['{{ ', '{{', '{{  ']);
  }

  close(): string {
    return this.chance(0.3) ? ' -}}' : this.chance(0.1) ? '\n-}}' : this.pick([' }}', '}}']);
  }

  literal(kind: Kind = 'any'): string {
    switch (kind) {
      case 'int': return this.pick(INTS);
      case 'float': return this.pick(FLOATS);
      case 'string': return this.pick(STRINGS);
      case 'bool': return this.pick(['true', 'false']);
    }
    return this.pick([...INTS, ...FLOATS, ...STRINGS, 'true', 'false']);
  }

  /** An operand of roughly the given kind. */
  operand(kind: Kind = 'any'): string {
    const x = this.r();
    const paths = PATHS.filter(([, k]) => kind === 'any' || k === kind);
    const vars = this.vars.filter(([, k]) => kind === 'any' || k === kind);
    if (x < 0.35 && paths.length > 0) {
      const p = this.pick(paths)[0];
      return this.dotMoved > 0 && !this.chance(0.05) ? '$' + p : p;
    }
    if (x < 0.5 && vars.length > 0) return this.pick(vars)[0];
    if (x < 0.8 || this.depth > 2) return this.literal(kind === 'list' || kind === 'map' ? 'any' : kind);
    this.depth++;
    const e = `(${this.expr(kind)})`;
    this.depth--;
    return e;
  }

  /** A pipeline (without delimiters). */
  expr(kind: Kind = 'any'): string {
    const x = this.r();
    if (x < 0.2) return this.operand(kind);
    if (x < 0.35) {
      const verb = this.pick(VERBS);
      const n = verb === '%%' ? 0 : 1 + (this.chance(0.15) ? 1 : 0);
      const args = Array.from({ length: n }, () => this.operand());
      return `printf ${JSON.stringify(verb)}${args.map((a) => ' ' + a).join('')}`;
    }
    if (x < 0.42) return `print ${this.operand()} ${this.operand()}`;
    if (x < 0.45) return `println ${this.operand()}`;
    if (x < 0.55) {
      const k = this.pick(['int', 'float', 'string', 'bool'] as const);
      const op = this.pick(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'eq']);
      if (k === 'bool' && op !== 'eq' && op !== 'ne') return `eq ${this.operand(k)} ${this.operand(k)}`;
      if (op === 'eq' && this.chance(0.3)) return `eq ${this.operand(k)} ${this.operand(k)} ${this.operand(k)}`;
      return `${op} ${this.operand(k)} ${this.operand(k)}`;
    }
    if (x < 0.62) return `${this.pick(['and', 'or'])} ${this.operand()} ${this.operand()}${this.chance(0.3) ? ' ' + this.operand() : ''}`;
    if (x < 0.65) return `not ${this.operand()}`;
    if (x < 0.7) return `len ${this.path(this.pick(['.Values.s', '.Values.list', '.Values.m', '.Values.u', '"abc"', '.Values.strs', '.Values.e']))}`;
    if (x < 0.75) return this.path(this.pick(['index .Values.list 1', 'index .Values.strs 0', 'index .Values.m "y"', 'index .Values.m "nope"', 'index .Values.m.z.deep 1', 'index "abc" 1', 'index .Values.m "z" "s"']).replace(/ \.Values/g, ' ' + this.path('.Values')));
    if (x < 0.78) return this.pick(['slice "hello" 1 3', 'slice .Values.strs 1', 'slice .Values.list 1 2', 'slice .Values.s 2']).replace(/ \.Values/g, ' ' + this.path('.Values'));
    if (x < 0.82) return `${this.pick(['html', 'js', 'urlquery'])} ${this.operand('string')}`;
    if (x < 0.9) return `${this.operand(kind)} | ${this.pick(['printf "%v"', 'print', 'printf "[%s]"', 'html', 'urlquery', 'len', 'printf "%q"'])}`;
    if (this.defines.length > 0) return `include ${JSON.stringify(this.pick(this.defines))} ${this.pick(['$', '$', this.path('.')])}`;
    return this.operand(kind);
  }

  action(): string {
    if (this.chance(0.15)) {
      const name = `$v${this.vars.length}`;
      const kind = this.pick(['int', 'float', 'string', 'bool'] as const);
      this.vars.push([name, kind]);
      return `${this.open()}${name} := ${this.operand(kind)}${this.close()}`;
    }
    if (this.chance(0.08) && this.vars.length > 0) {
      const [name, kind] = this.pick(this.vars);
      return `${this.open()}${name} = ${this.operand(kind)}${this.close()}`;
    }
    if (this.chance(0.05)) return `${this.pick(['{{/*', '{{- /*'])} comment ${this.pick(['x', '\n'])} ${this.pick(['*/}}', '*/ -}}'])}`;
    return `${this.open()}${this.expr()}${this.close()}`;
  }

  /** A list of items; `budget` bounds nesting. */
  list(budget: number): string {
    let out = '';
    const n = 1 + Math.floor(this.r() * 4);
    const mark = this.vars.length;
    for (let i = 0; i < n; i++) {
      const x = this.r();
      if (x < 0.3) out += this.pick(TEXTS);
      else if (x < 0.65 || budget <= 0) out += this.action();
      else if (x < 0.75) out += this.ifBlock(budget - 1);
      else if (x < 0.87) out += this.rangeBlock(budget - 1);
      else if (x < 0.94) out += this.withBlock(budget - 1);
      else if (this.inRange > 0) out += `${this.open()}${this.pick(['break', 'continue'])}${this.close()}`;
      else if (this.defines.length > 0) out += `${this.open()}template ${JSON.stringify(this.pick(this.defines))} ${this.pick(['$', this.path('.')])}${this.close()}`;
    }
    this.vars.length = mark;
    return out;
  }

  ifBlock(budget: number): string {
    let s = `${this.open()}if ${this.expr()}${this.close()}${this.list(budget)}`;
    if (this.chance(0.3)) s += `${this.open()}else if ${this.expr()}${this.close()}${this.list(budget)}`;
    if (this.chance(0.5)) s += `${this.open()}else${this.close()}${this.list(budget)}`;
    return s + `${this.open()}end${this.close()}`;
  }

  rangeBlock(budget: number): string {
    const over = this.path(this.pick(['.Values.list', '.Values.strs', '.Values.m', '.Values.empty', '.Values.emptym', '.Values.m.z.deep', '.Values.missing', '.Values.nested']));
    const mark = this.vars.length;
    let decl = '';
    const x = this.r();
    const d = this.vars.length;
    if (x < 0.35) {
      decl = `$k${d}, $e${d} := `;
      this.vars.push([`$k${d}`, 'any'], [`$e${d}`, 'any']);
    } else if (x < 0.6) {
      decl = `$e${d} := `;
      this.vars.push([`$e${d}`, 'any']);
    }
    this.inRange++;
    this.dotMoved++;
    let s = `${this.open()}range ${decl}${over}${this.close()}${this.list(budget)}`;
    this.dotMoved--;
    this.inRange--;
    this.vars.length = mark;
    if (this.chance(0.3)) s += `${this.open()}else${this.close()}${this.list(budget)}`;
    return s + `${this.open()}end${this.close()}`;
  }

  withBlock(budget: number): string {
    const cond = this.operand();
    this.dotMoved++;
    let s = `${this.open()}with ${cond}${this.close()}${this.list(budget)}`;
    if (this.chance(0.2)) {
      const c2 = this.operand();
      s += `${this.open()}else with ${c2}${this.close()}${this.list(budget)}`;
    }
    this.dotMoved--;
    if (this.chance(0.4)) s += `${this.open()}else${this.close()}${this.list(budget)}`;
    return s + `${this.open()}end${this.close()}`;
  }
}
