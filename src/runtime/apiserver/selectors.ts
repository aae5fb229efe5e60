// Label and field selectors as the API server reads them, with
// apimachinery's grammar and error wording (pkg/labels/selector.go,
// pkg/fields/selector.go). The label grammar itself is src/util/label-selector.ts.
import type { KubeObject } from '../../apimachinery/types.js';
import { parseLabelSelector as parseLabels, SelectorSyntaxError, type Requirement } from '../../util/label-selector.js';
import { badRequest } from './status.js';

/**
 * labels.Parse as the API server answers it: the requirements, or a 400
 * BadRequest carrying apimachinery's message when the selector is malformed.
 */
export function parseLabelSelector(selector: string): Requirement[] {
  try {
    return parseLabels(selector);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) throw badRequest(e.message);
    throw e;
  }
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
