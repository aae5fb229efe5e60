// WWW-Authenticate challenges (RFC 7235) as registries send them:
// `Bearer realm="https://auth.example/token",service="registry",scope="repository:ns/web:pull"`
// or `Basic realm="Registry Realm"`.

/** One parsed challenge: the scheme in lower case and its parameters (keys lower case). */
export interface Challenge {
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parses a WWW-Authenticate header value into its challenges (unknown syntax is skipped, never thrown). */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const out: Challenge[] = [];
  for (const value of values) {
    let i = 0;
    const s = value;
    let current: { scheme: string; params: Map<string, string> } | undefined;
    while (i < s.length) {
      while (i < s.length && (s[i] === ' ' || s[i] === ',')) i++;
      const tokStart = i;
      while (i < s.length && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(s[i]!)) i++;
      const token = s.slice(tokStart, i);
      if (!token) {
        i++;
        continue;
      }
      while (i < s.length && s[i] === ' ') i++;
      if (s[i] === '=') {
        i++;
        while (i < s.length && s[i] === ' ') i++;
        let val = '';
        if (s[i] === '"') {
          i++;
          while (i < s.length && s[i] !== '"') {
            if (s[i] === '\\' && i + 1 < s.length) i++;
            val += s[i++];
          }
          i++;
        } else {
          const vs = i;
          while (i < s.length && s[i] !== ',') i++;
          val = s.slice(vs, i).trim();
        }
        current?.params.set(token.toLowerCase(), val);
      } else {
        current = { scheme: token.toLowerCase(), params: new Map() };
        out.push(current);
      }
    }
  }
  return out;
}
