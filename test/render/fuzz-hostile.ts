// Hostile strings for the template-injection fuzz tests of both engines:
// each carries a call of a canary function planted on globalThis (or a read
// of a canary getter), which template code can never name, so only generated
// JavaScript that the text broke into could touch it.
import * as assert from 'uvu/assert';
import { RenderError } from '../../src/errors.js';

/** What touched the canary since the last reset. */
export const canary = { touched: [] as string[] };
const g = globalThis as Record<string, unknown>;
g.__skiffCanary = (...args: unknown[]) => { canary.touched.push(`call ${args.join(',')}`); return 1; };
Object.defineProperty(globalThis, '__skiffCanaryGet', { configurable: true, get() { canary.touched.push('get'); return 1; } });

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
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

export const FRAGMENTS = [
  '"', '\\"', '\\\\"', '\\', '\\\\', "'", "\\'", '`', ')', '))', ']', '}', '})', '"),', '")', '"]', '"]]', '");', '*/', '/*', '//',
  '\n', '\r', '\r\n', '\u2028', '\u2029', '\u0000', '}}', '{{', '{%', '%}', '{#', '#}', '-}}', '{%-', '-%}', '\\u0022', '\\x22', '\\n',
  '${', '<!--', '-->', ';', ',', '(', ' ', '\t', 'é', '\ud83d\ude00', '\ud800', 'constructor', '__proto__', '$', '_', 'a', '0', '=',
  '|', '.', '[', '{', ':', '~', 'is', 'in', 'not', 'none', 'true',
];

/** JavaScript that touches the canary if it ever runs as code. */
export const PAYLOADS = [
  '__skiffCanary(1)', ',__skiffCanary(2),', ';__skiffCanary(3);', '__skiffCanaryGet', '(__skiffCanary(4))', '+__skiffCanary(5)+',
  '`${__skiffCanary(6)}`', 'globalThis.__skiffCanary(7)', '||__skiffCanary(8)||', '&&__skiffCanaryGet&&', '\n__skiffCanary(9)\n',
  '\u2028__skiffCanary(10)//', '*/__skiffCanary(11)/*', '"+__skiffCanary(12)+"', '\\"+__skiffCanary(13)+\\"', '"), __skiffCanary(14), ("',
  '\\"), __skiffCanary(15), (\\"', '"]=__skiffCanary(16);//', '") { __skiffCanary(17); } if (("', '"); __skiffCanary(18); //', '", 1); __skiffCanary(19); //',
];

export function hostile(next: () => number): string {
  const pick = <T>(l: readonly T[]): T => l[Math.floor(next() * l.length)]!;
  let s = '';
  const before = Math.floor(next() * 4);
  for (let i = 0; i < before; i++) s += pick(FRAGMENTS);
  s += pick(PAYLOADS);
  const after = Math.floor(next() * 3);
  for (let i = 0; i < after; i++) s += pick(FRAGMENTS);
  return s;
}

/** Native errors that would mean template text reached the generated JavaScript. */
export function injectionEvidence(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let x: any = e; x && typeof x === 'object' && !seen.has(x); x = x.cause_ ?? x.cause) { // eslint-disable-line @typescript-eslint/no-explicit-any
    seen.add(x);
    if (x instanceof SyntaxError && !/regular expression/i.test(x.message)) return `SyntaxError: ${x.message}`;
    if (x instanceof ReferenceError) return `ReferenceError: ${x.message}`;
    if (typeof x.message === 'string' && x.message.includes('internal error: the template compiled to invalid code')) return x.message;
  }
  return undefined;
}

export interface FuzzRun {
  readonly cases: number;
  readonly seed: number;
  readonly positions: readonly string[];
  /** The template text for a position, hostile strings placed. */
  place(position: string, next: () => number): string;
  /** The same text as a tpl call reading it from values. */
  viaTpl: string;
  render(text: string, values: Record<string, unknown>): void;
}

/**
 * Renders `cases` generated templates; asserts the canary is never touched,
 * the prototype chain is unchanged, and every failure is a template error
 * without evidence of broken generated code. Returns [rendered, refused].
 */
export function runInjectionFuzz(o: FuzzRun): [number, number] {
  const next = rng(o.seed);
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).join(',');
  let rendered = 0;
  let refused = 0;
  for (let i = 0; i < o.cases; i++) {
    const position = o.positions[i % o.positions.length]!;
    let text = o.place(position, next);
    let values: Record<string, unknown> = { v: { a: 1, x: 'y' } };
    // One case in five arrives as values fed to tpl, as from a values file or --set.
    if (next() < 0.2) {
      values = { ...values, t: text };
      text = o.viaTpl;
    }
    canary.touched = [];
    let error: unknown;
    try {
      o.render(text, values);
      rendered++;
    } catch (e) {
      error = e;
      refused++;
    }
    const label = `case ${i} (seed ${o.seed}) at ${JSON.stringify(position)}: ${JSON.stringify(text)}`;
    assert.equal(canary.touched, [], `generated code ran: ${label}`);
    if (error !== undefined) {
      assert.instance(error, RenderError, `${label}: ${String(error)}`);
      const evidence = injectionEvidence(error);
      assert.is(evidence, undefined, `${label}: ${evidence}`);
    }
  }
  assert.is(Object.getOwnPropertyNames(Object.prototype).join(','), protoBefore, 'Object.prototype changed');
  return [rendered, refused];
}
