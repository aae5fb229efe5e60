// Most YAML bodies are JSON (kubectl, Helm and skiff send server-side apply
// patches as JSON under application/apply-patch+yaml). JSON is YAML, and
// JSON.parse reads it many times faster than the YAML parser; the one place
// they differ is a repeated key, which JSON.parse silently collapses while
// the YAML parser refuses it. A body that is JSON without a repeated key
// takes the fast path; anything else goes to the YAML parser as before.

// A quoted string (with escapes), and whether a colon follows it: a key.
const STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/gs;

function countKeys(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) n += countKeys(x);
    return n;
  }
  for (const k of Object.keys(v)) n += 1 + countKeys((v as Record<string, unknown>)[k]);
  return n;
}

/** `text` parsed as JSON when it is a JSON object or array with no key repeated within an object; undefined otherwise (parse it as YAML). */
export function parseJsonYaml(text: string): unknown {
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let keys = 0;
  STRING.lastIndex = 0;
  for (let m = STRING.exec(text); m; m = STRING.exec(text)) if (m[1]) keys++;
  return keys === countKeys(value) ? value : undefined;
}
