// Label selectors with Kubernetes' grammar, semantics and error wording
// (k8s.io/apimachinery pkg/labels/selector.go): `a=b`, `a==b`, `a!=b`,
// `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, joined by commas
// (AND); and metav1.LabelSelector objects (matchLabels, matchExpressions).
// The API server, kubectl-style printers, `skiff list --selector` and the
// readiness checks all read selectors through this one module.

/** A selector text that is not Kubernetes' syntax; the message is labels.Parse's. */
export class SelectorSyntaxError extends Error {
  override readonly name = 'SelectorSyntaxError';
}

/** A requirement's operator: `exists` is a bare key, `!` is `!key`, `gt`/`lt` are `>`/`<`. */
export type SelectorOp = 'exists' | '!' | '=' | '==' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

/** One term of a selector: a key, an operator and its values (sorted; one value for =, ==, !=, gt, lt). */
export interface Requirement {
  readonly key: string;
  readonly op: SelectorOp;
  readonly values: readonly string[];
}

/** A compiled selector: true when the labels satisfy every requirement. */
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

/** labels.Parse: the requirements of a selector text ("" selects everything); throws SelectorSyntaxError. */
export function parseLabelSelector(selector: string): Requirement[] {
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
    let op: SelectorOp;
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
    if (t.t !== 'id' && t.t !== '!') throw new SelectorSyntaxError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(requirement());
    } catch (e) {
      throw new SelectorSyntaxError(`unable to parse requirement: ${(e as Error).message}`);
    }
    const sep = next();
    if (sep.t === 'end') return reqs;
    if (sep.t !== ',') throw new SelectorSyntaxError(`found '${sep.lit}', expected: ',' or 'end of string'`);
    const after = peek();
    if (after.t !== 'id' && after.t !== '!') throw new SelectorSyntaxError(`found '${after.lit}', expected: identifier after ','`);
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

// metav1.LabelSelectorOperator → the text grammar's operator.
const OBJECT_OPS: Readonly<Record<string, SelectorOp>> = { __proto__: null, In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as unknown as Record<string, SelectorOp>;

/** Matches a metav1.LabelSelector object ({matchLabels, matchExpressions}); null matches nothing, {} everything. */
export function labelSelectorObjectMatcher(sel: unknown): LabelMatcher {
  if (sel === null || sel === undefined || typeof sel !== 'object') return () => false;
  const s = sel as { matchLabels?: unknown; matchExpressions?: unknown };
  const reqs: Requirement[] = [];
  if (s.matchLabels && typeof s.matchLabels === 'object') for (const [k, v] of Object.entries(s.matchLabels)) reqs.push({ key: k, op: '=', values: [String(v)] });
  for (const e of Array.isArray(s.matchExpressions) ? (s.matchExpressions as unknown[]) : []) {
    const x = (e ?? {}) as { key?: unknown; operator?: unknown; values?: unknown };
    const op = typeof x.operator === 'string' ? OBJECT_OPS[x.operator] : undefined;
    if (!op) return () => false;
    reqs.push({ key: String(x.key ?? ''), op, values: Array.isArray(x.values) ? x.values.map(String) : [] });
  }
  return labelMatcher(reqs);
}

/** Requirement.String of one term: "a=b", "a in (x,y)", "!a", "a>1". */
function formatRequirement(r: Requirement): string {
  const vals = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',');
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${vals})`;
    case 'notin':
      return `${r.key} notin (${vals})`;
    case 'gt':
      return `${r.key}>${vals}`;
    case 'lt':
      return `${r.key}<${vals}`;
    default:
      return `${r.key}${r.op}${vals}`;
  }
}

/** labels.Selector.String: the requirements sorted by key (stable), comma-joined; "" for none. */
export function formatLabelRequirements(reqs: readonly Requirement[]): string {
  return [...reqs]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(formatRequirement)
    .join(',');
}

/**
 * LabelSelectorAsSelector(sel).String(), as Scale's status.selector, kubectl's
 * SELECTOR column and a labelSelector query carry it: requirements sorted by
 * key, In/NotIn values sorted and unique; "" for a missing or empty selector.
 * Expressions with an unknown operator are left out.
 */
export function formatLabelSelector(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return '';
  const s = sel as { matchLabels?: unknown; matchExpressions?: unknown };
  const reqs: Requirement[] = [];
  const ml = s.matchLabels && typeof s.matchLabels === 'object' ? (s.matchLabels as Record<string, unknown>) : {};
  for (const k of Object.keys(ml)) reqs.push({ key: k, op: '=', values: [String(ml[k])] });
  for (const e of Array.isArray(s.matchExpressions) ? (s.matchExpressions as unknown[]) : []) {
    if (!e || typeof e !== 'object') continue;
    const x = e as { key?: unknown; operator?: unknown; values?: unknown };
    const op = typeof x.operator === 'string' ? OBJECT_OPS[x.operator] : undefined;
    if (!op) continue;
    const values = op === 'in' || op === 'notin' ? [...new Set((Array.isArray(x.values) ? x.values : []).map(String))].sort() : [];
    reqs.push({ key: String(x.key ?? ''), op, values });
  }
  return formatLabelRequirements(reqs);
}

/** labels.FormatLabels: "a=b,c=d" sorted by key, "<none>" for a missing or empty map. */
export function formatLabels(labels: unknown): string {
  if (!labels || typeof labels !== 'object') return '<none>';
  const m = labels as Record<string, unknown>;
  const keys = Object.keys(m).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${String(m[k])}`).join(',');
}

/** Parses `selector` and tests `labels` against it; throws SelectorSyntaxError for a malformed selector. */
export function matchesLabelSelector(selector: string, labels: Readonly<Record<string, string>> | undefined): boolean {
  return labelMatcher(parseLabelSelector(selector))(labels);
}
