// A fast reader for the block-YAML subset that Helm and skiff write for
// repository indexes (maps, "- " sequences, plain/quoted scalars, literal
// block scalars, [] and {}). It returns undefined for anything outside that
// subset, and callers then use the full YAML parser, which also produces the
// positioned error messages; so it never decides what is valid YAML.

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly raw: string;
}

class Bail extends Error {}

const INT = /^[-+]?(0|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function plain(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (INT.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  }
  if (FLOAT.test(s)) return Number(s);
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[^\s]/.test(s)) throw new Bail();
  if (s.includes(' #') || s.includes(': ') || s.endsWith(':') || /^[-+]?\.(inf|nan)$/i.test(s) || /^0[xo]/.test(s)) throw new Bail();
  return s;
}

function scalar(s: string): unknown {
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new Bail();
    const body = s.slice(1, -1);
    if (/\\[^"\\/bfnrtu]/.test(body)) throw new Bail();
    try {
      return JSON.parse(s);
    } catch {
      throw new Bail();
    }
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new Bail();
    const body = s.slice(1, -1);
    if (/'(?!')/.test(body.replace(/''/g, ''))) throw new Bail();
    return body.replace(/''/g, "'");
  }
  if (s === '[]') return [];
  if (s === '{}') return {};
  return plain(s);
}

/** Parses `text` if it is entirely in the simple subset; undefined otherwise. */
export function fastYaml(text: string): unknown {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const t = raw.trimEnd();
    if (t === '' || /^\s*#/.test(t)) {
      lines.push({ indent: -1, text: '', raw });
      continue;
    }
    if (t === '---' || t === '...' || t.startsWith('%')) return undefined;
    const indent = t.length - t.trimStart().length;
    lines.push({ indent, text: t.slice(indent), raw });
  }
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && lines[i]!.indent === -1) i++;
  };

  const blockScalar = (header: string, parentIndent: number): string => {
    const m = /^\|([-+]?)$/.exec(header);
    if (!m) throw new Bail();
    const body: string[] = [];
    let ind = -1;
    while (i < lines.length) {
      const l = lines[i]!;
      if (l.indent !== -1 && l.indent <= parentIndent) break;
      if (l.indent !== -1 && ind === -1) ind = l.indent;
      body.push(l.indent === -1 ? '' : l.raw.slice(ind));
      i++;
    }
    if (m[1] === '-') return body.join('\n').replace(/\n+$/, '');
    if (m[1] === '+') return body.join('\n') + '\n';
    return body.join('\n').replace(/\n+$/, '') + '\n';
  };

  const value = (rest: string, ownIndent: number): unknown => {
    if (rest === '') {
      skipBlank();
      const next = lines[i];
      if (!next) return null;
      if (next.text.startsWith('- ') || next.text === '-') {
        if (next.indent < ownIndent) return null;
        return seq(next.indent);
      }
      if (next.indent > ownIndent) return map(next.indent);
      return null;
    }
    if (rest.startsWith('|')) return blockScalar(rest, ownIndent);
    if (rest.startsWith('>') || rest.startsWith('&') || rest.startsWith('*') || rest.startsWith('!')) throw new Bail();
    return scalar(rest);
  };

  const splitKey = (t: string): [string, string] => {
    let key: string;
    let rest: string;
    if (t.startsWith('"') || t.startsWith("'")) {
      const q = t[0]!;
      const end = t.indexOf(`${q}:`, 1);
      if (end === -1) throw new Bail();
      key = String(scalar(t.slice(0, end + 1)));
      rest = t.slice(end + 2);
    } else {
      const at = t.indexOf(': ');
      if (at === -1) {
        if (!t.endsWith(':')) throw new Bail();
        key = t.slice(0, -1);
        rest = '';
      } else {
        key = t.slice(0, at);
        rest = t.slice(at + 2);
      }
      if (/[#{}[\],&*!|>'"%@`]/.test(key[0] ?? '') || key.includes(' #')) throw new Bail();
    }
    if (rest.startsWith(' ')) rest = rest.trimStart();
    if (rest.startsWith('#')) rest = '';
    return [key, rest];
  };

  const map = (indent: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (;;) {
      skipBlank();
      const l = lines[i];
      if (!l || l.indent < indent) return out;
      if (l.indent > indent || l.text.startsWith('- ') || l.text === '-') throw new Bail();
      const [k, rest] = splitKey(l.text);
      if (Object.prototype.hasOwnProperty.call(out, k) || k === '__proto__' || k === '<<') throw new Bail();
      i++;
      out[k] = value(rest, indent);
    }
  };

  const seq = (indent: number): unknown[] => {
    const out: unknown[] = [];
    for (;;) {
      skipBlank();
      const l = lines[i];
      if (!l || l.indent < indent) return out;
      if (l.indent > indent) throw new Bail();
      if (!(l.text.startsWith('- ') || l.text === '-')) return out;
      const rest = l.text === '-' ? '' : l.text.slice(2).trimStart();
      const itemIndent = indent + (l.text.length - rest.length);
      if (rest === '' || rest.startsWith('|')) {
        i++;
        out.push(value(rest, indent));
      } else if (/^("[^"]*"|'[^']*'|[^"'\s][^:]*?):( |$)/.test(rest) && !rest.startsWith('[') && !rest.startsWith('{')) {
        // "- key: value" starts a map whose keys sit at itemIndent
        lines[i] = { indent: itemIndent, text: rest, raw: ' '.repeat(itemIndent) + rest };
        out.push(map(itemIndent));
      } else {
        i++;
        out.push(scalar(rest));
      }
    }
  };

  try {
    skipBlank();
    if (i >= lines.length) return undefined;
    const first = lines[i]!;
    if (first.indent !== 0) return undefined;
    const result = first.text.startsWith('- ') ? seq(0) : map(0);
    skipBlank();
    return i >= lines.length ? result : undefined;
  } catch (err) {
    if (err instanceof Bail) return undefined;
    throw err;
  }
}
