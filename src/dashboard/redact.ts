// How the dashboard hides credentials: values under keys that look like one,
// shown as their size and a short hash so that a change still shows in a diff.
import { createHash } from 'node:crypto';

/** Keys whose values the dashboard never shows in clear (Helm users put credentials in values). */
const SENSITIVE_KEY = /pass(word|wd)?$|secret|token|api[-_]?key|private[-_]?key|credential/i;

/** How a credential is shown: its size and a short hash, so a change still shows. */
export function redacted(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  return `(redacted: ${Buffer.byteLength(s)} bytes, sha256 ${createHash('sha256').update(s).digest('hex').slice(0, 12)})`;
}

/** A copy of values with the values of sensitive-looking keys replaced by their size and hash (a change still shows). */
export function redactValues(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactValues);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, x] of Object.entries(v)) out[k] = SENSITIVE_KEY.test(k) && (x === null || typeof x !== 'object') ? redacted(x) : redactValues(x);
  return out;
}
