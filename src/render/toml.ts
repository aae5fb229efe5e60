// toToml as Helm prints it (BurntSushi/toml's encoder): in each table the
// plain keys first, then the sub-tables, each group sorted; sub-tables and
// array-of-tables entries indented two spaces per level; a blank line before
// each top-level table and each [[array]] entry; numbers are floats, as values
// read from YAML are in Helm ("1.0"); null values are left out. On a value TOML
// cannot hold, Helm's toToml returns the error text, and so does this.

type Dict = Record<string, unknown>;

class TomlError extends Error {}

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTableArray = (v: unknown): v is Dict[] => Array.isArray(v) && v.length > 0 && v.every(isDict);
const isTable = (v: unknown) => isDict(v) || isTableArray(v);

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

const keyPart = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : quote(k));
const keyPath = (path: string[]) => path.map(keyPart).join('.');
const indent = (path: string[]) => '  '.repeat(Math.max(0, path.length - 1));

function float(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  // Go's FormatFloat(f, 'f', -1, 64): no exponent; then a decimal point is added when missing.
  let t = Math.abs(n) >= 1e21 || (Math.abs(n) < 1e-6 && n !== 0) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : String(n);
  if (Object.is(n, -0)) t = '-0';
  return t.includes('.') ? t : `${t}.0`;
}

function inline(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return float(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.some((x) => x === null || x === undefined)) throw new TomlError('toml: cannot encode array with nil element');
    return `[${v.map(inline).join(', ')}]`;
  }
  if (isDict(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== null && v[k] !== undefined).sort();
    return `{${keys.map((k) => `${keyPart(k)} = ${inline(v[k])}`).join(', ')}}`;
  }
  throw new TomlError(`toml: cannot encode a value of type ${typeof v}`);
}

class Writer {
  out = '';
  private newline(): void {
    if (this.out !== '') this.out += '\n';
  }

  /** The fields of one table: plain keys, then sub-tables and arrays of tables. */
  fields(path: string[], d: Dict): void {
    const keys = Object.keys(d).filter((k) => d[k] !== null && d[k] !== undefined);
    for (const k of keys.filter((k) => !isTable(d[k])).sort()) {
      const p = [...path, k];
      this.out += `${indent(p)}${keyPart(k)} = ${inline(d[k])}\n`;
    }
    for (const k of keys.filter((k) => isTable(d[k])).sort()) {
      const p = [...path, k];
      const v = d[k];
      if (isTableArray(v)) {
        for (const entry of v) {
          this.newline();
          this.out += `${indent(p)}[[${keyPath(p)}]]\n`;
          this.fields(p, entry);
        }
      } else {
        if (p.length === 1) this.newline();
        this.out += `${indent(p)}[${keyPath(p)}]\n`;
        this.fields(p, v as Dict);
      }
    }
  }
}

/** Helm's `toToml`: the TOML text, or the encoder's error message. */
export function toToml(v: unknown): string {
  try {
    if (isDict(v)) {
      const w = new Writer();
      w.fields([], v);
      return w.out;
    }
    if (isTableArray(v)) throw new TomlError('toml: top-level values must be Go maps or structs');
    return inline(v);
  } catch (err) {
    if (err instanceof TomlError) return err.message;
    throw err;
  }
}
