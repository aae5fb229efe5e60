// Label and field selectors with apimachinery's grammar and error wording
// (pkg/labels/selector.go, pkg/fields/selector.go).
import type { KubeObject } from '../../apimachinery/types.js';
import { badRequest } from './status.js';

type Op = 'exists' | '!' | '=' | '==' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly op: Op;
  readonly values: readonly string[];
}

export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

type Tok = { t: 'id' | 'in' | 'notin' | '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '>' | '<' | 'end' | 'err'; lit: string };

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS: Record<string, Tok['t']> = { '!': '!', '!=': '!=', '=': '=', '==': '==', '(': '(', ')': ')', ',': ',', '>': '>', '<': '<' };

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i >= s.length) {
      out.push({ t: 'end', lit: '' });
      return out;
    }
    if (SPECIAL.has(s[i]!)) {
      let buf = '';
      let last: Tok | undefined;
      while (i < s.length && SPECIAL.has(s[i]!)) {
        buf += s[i];
        const t = SYMBOLS[buf];
        if (t) {
          last = { t, lit: buf };
          i++;
        } else if (last) break;
        else i++;
      }
      out.push(last ?? { t: 'err', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (i < s.length && !SPECIAL.has(s[i]!) && s[i] !== ' ' && s[i] !== '\t') buf += s[i++];
    out.push({ t: buf === 'in' ? 'in' : buf === 'notin' ? 'notin' : 'id', lit: buf });
  }
}

const QUALIFIED_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Upstream's IsQualifiedName messages, joined with "; " (empty when valid). */
export function qualifiedNameErrors(k: string): string[] {
  const errs: string[] = [];
  const slash = k.split('/');
  let name = k;
  if (slash.length === 2) {
    const [prefix, n] = slash as [string, string];
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!DNS_SUBDOMAIN_RE.test(prefix)) {
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    }
  } else if (slash.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  else if (!NAME_RE.test(name)) errs.push(QUALIFIED_NAME_MSG);
  return errs;
}

/** Upstream's IsValidLabelValue messages (empty when valid). */
export function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (v !== '' && !NAME_RE.test(v)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

class ParseError extends Error {}

/** Parses a label selector; throws a 400 BadRequest with apimachinery's message when it is malformed. */
/**
 * The key=value pairs a selector requires (`=`, `==`, or `in` with one
 * value): a store can answer them from its label index, the full selector
 * still deciding. Undefined when there are none.
 */
export function equalityPairs(reqs: readonly Requirement[]): Record<string, string> | undefined {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  let any = false;
  for (const r of reqs) {
    if (!(r.op === '=' || r.op === '==' || (r.op === 'in' && r.values.length === 1))) continue;
    if (Object.hasOwn(out, r.key) && out[r.key] !== r.values[0]) continue;
    out[r.key] = r.values[0]!;
    any = true;
  }
  return any ? out : undefined;
}

export function parseLabelSelector(selector: string): Requirement[] {
  try {
    return parseRequirements(selector);
  } catch (e) {
    if (e instanceof ParseError) throw badRequest(e.message);
    throw e;
  }
}

function parseRequirements(selector: string): Requirement[] {
  const toks = lex(selector);
  let pos = 0;
  const asValue = (t: Tok): Tok => (t.t === 'in' || t.t === 'notin' ? { t: 'id', lit: t.lit } : t);
  const peek = () => asValue(toks[pos]!);
  const next = () => asValue(toks[pos++]!);
  const reqs: Requirement[] = [];
  const requirement = (): Requirement => {
    let neg = false;
    let t = next();
    if (t.t === '!') {
      neg = true;
      t = next();
    }
    if (t.t !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const kerrs = qualifiedNameErrors(key);
    if (kerrs.length) throw new Error(`Invalid value: "${key}": ${kerrs.join('; ')}`);
    const la = peek();
    if (la.t === 'end' || la.t === ',') return { key, op: neg ? '!' : 'exists', values: [] };
    if (neg) throw new Error(`found '${la.lit}', expected: ',' or 'end of string'`);
    const opTok = toks[pos++]!;
    let op: Op;
    switch (opTok.t) {
      case 'in':
        op = 'in';
        break;
      case 'notin':
        op = 'notin';
        break;
      case '=':
        op = '=';
        break;
      case '==':
        op = '==';
        break;
      case '!=':
        op = '!=';
        break;
      case '>':
        op = 'gt';
        break;
      case '<':
        op = 'lt';
        break;
      default:
        throw new Error(`found '${opTok.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    let values: string[];
    if (op === 'in' || op === 'notin') {
      const open = next();
      if (open.t !== '(') throw new Error(`found '${open.lit}' expected: '('`);
      const set = new Set<string>();
      const first = peek();
      if (first.t === ')') {
        next();
        set.add('');
      } else if (first.t === 'id' || first.t === ',') {
        for (;;) {
          const v = next();
          if (v.t === 'id') {
            set.add(v.lit);
            const la2 = peek();
            if (la2.t === ',') continue;
            if (la2.t === ')') break;
            throw new Error(`found '${la2.lit}', expected: ',' or ')'`);
          } else if (v.t === ',') {
            if (set.size === 0) set.add('');
            const la2 = peek();
            if (la2.t === ')') {
              set.add('');
              break;
            }
            if (la2.t === ',') {
              next();
              set.add('');
            }
          } else throw new Error(`found '${v.lit}', expected: ',', or identifier`);
        }
        const close = next();
        if (close.t !== ')') throw new Error(`found '${close.lit}', expected: ')'`);
      } else throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
      values = [...set].sort();
    } else {
      const la2 = peek();
      if (la2.t === 'end' || la2.t === ',') values = [''];
      else {
        const v = next();
        if (v.t !== 'id') throw new Error(`found '${v.lit}', expected: identifier`);
        values = [v.lit];
      }
    }
    if (op === 'gt' || op === 'lt') {
      if (values.length !== 1 || !/^-?\d+$/.test(values[0]!)) {
        throw new Error(`Invalid value: "${values[0]}": for 'Gt', 'Lt' operators, the value must be an integer`);
      }
    } else {
      for (const v of values) {
        const verrs = labelValueErrors(v);
        if (verrs.length) throw new Error(`values[0][${key}]: Invalid value: "${v}": ${verrs.join('; ')}`);
      }
    }
    return { key, op, values };
  };
  for (;;) {
    const t = peek();
    if (t.t === 'end') return reqs;
    if (t.t !== 'id' && t.t !== '!') throw new ParseError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(requirement());
    } catch (e) {
      throw new ParseError(`unable to parse requirement: ${(e as Error).message}`);
    }
    const sep = next();
    if (sep.t === 'end') return reqs;
    if (sep.t !== ',') throw new ParseError(`found '${sep.lit}', expected: ',' or 'end of string'`);
    const after = peek();
    if (after.t !== 'id' && after.t !== '!') throw new ParseError(`found '${after.lit}', expected: identifier after ','`);
  }
}

/** Compiles requirements into a predicate over a label map. */
export function labelMatcher(reqs: readonly Requirement[]): LabelMatcher {
  if (reqs.length === 0) return () => true;
  return (labels) => {
    for (const r of reqs) {
      const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
      const v = has ? labels![r.key]! : undefined;
      switch (r.op) {
        case 'exists':
          if (!has) return false;
          break;
        case '!':
          if (has) return false;
          break;
        case '=':
        case '==':
        case 'in':
          if (!has || !r.values.includes(v!)) return false;
          break;
        case '!=':
        case 'notin':
          if (has && r.values.includes(v!)) return false;
          break;
        case 'gt':
        case 'lt': {
          if (!has || !/^-?\d+$/.test(v!)) return false;
          const n = Number(v);
          const want = Number(r.values[0]);
          if (r.op === 'gt' ? !(n > want) : !(n < want)) return false;
          break;
        }
      }
    }
    return true;
  };
}

/** Matches a metav1.LabelSelector object ({matchLabels, matchExpressions}); null matches nothing, {} everything. */
export function labelSelectorObjectMatcher(sel: unknown): LabelMatcher {
  if (sel === null || sel === undefined || typeof sel !== 'object') return () => false;
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) reqs.push({ key: k, op: '=', values: [v] });
  for (const e of s.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as Record<string, Op>)[e.operator];
    if (!op) return () => false;
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return labelMatcher(reqs);
}

/** Renders a metav1.LabelSelector as the string form (Scale's status.selector, kubectl's describe). */
export function labelSelectorString(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return '';
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts: string[] = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

export interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** Parses a field selector ("a=b,c!=d"); throws 400 for malformed terms. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (!selector.trim()) return out;
  for (const term of splitTerms(selector)) {
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(term);
    if (!m || !m[1]) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    out.push({ field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: unescapeField(m[3]!) });
  }
  return out;
}

function splitTerms(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[++i];
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function unescapeField(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}

export type FieldGetter = (obj: KubeObject) => string | undefined;

/** Compiles field requirements against the supported fields; unknown ones are a 400 as upstream. */
export function fieldMatcher(reqs: readonly FieldRequirement[], getters: Readonly<Record<string, FieldGetter>>): (obj: KubeObject) => boolean {
  for (const r of reqs) if (!getters[r.field]) throw badRequest(`field label not supported: ${r.field}`);
  if (reqs.length === 0) return () => true;
  return (obj) => {
    for (const r of reqs) {
      const v = getters[r.field]!(obj) ?? '';
      if (r.op === '=' ? v !== r.value : v === r.value) return false;
    }
    return true;
  };
}
