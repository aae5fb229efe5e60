// The syntax error encoding/json reports for bad input (its scanner's
// wording: "invalid character 'x' looking for beginning of value",
// "unexpected end of JSON input", ...), for fromJson's "Error" key.

/** Go's quoteChar: the offending character as the scanner names it. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return '\'"\'';
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class Syntax extends Error {}

/** The error json.Unmarshal gives for `s`, or undefined when it is valid JSON. */
export function jsonSyntaxError(s: string): string | undefined {
  let i = 0;
  const ws = () => { while (i < s.length && ' \t\r\n'.includes(s[i]!)) i++; };
  const fail = (ctx: string): never => {
    if (i >= s.length) throw new Syntax('unexpected end of JSON input');
    throw new Syntax(`invalid character ${quoteChar(String.fromCodePoint(s.codePointAt(i)!))} ${ctx}`);
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) {
      if (s[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
  };
  const str = () => {
    i++;
    for (;;) {
      if (i >= s.length) fail('');
      const c = s[i]!;
      if (c === '"') { i++; return; }
      if (c === '\\') {
        i++;
        if (i >= s.length) fail('');
        if ('"\\/bfnrt'.includes(s[i]!)) { i++; continue; }
        if (s[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(s[i] ?? '')) fail('in \\u hexadecimal character escape');
          continue;
        }
        fail('in string escape code');
      }
      if (c.charCodeAt(0) < 0x20) fail('in string literal');
      i++;
    }
  };
  const number = () => {
    if (s[i] === '-') { i++; if (!/[0-9]/.test(s[i] ?? '')) fail('in numeric literal'); }
    if (s[i] === '0') i++;
    else while (/[0-9]/.test(s[i] ?? '')) i++;
    if (s[i] === '.') { i++; if (!/[0-9]/.test(s[i] ?? '')) fail('after decimal point in numeric literal'); while (/[0-9]/.test(s[i] ?? '')) i++; }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!/[0-9]/.test(s[i] ?? '')) fail('in exponent of numeric literal');
      while (/[0-9]/.test(s[i] ?? '')) i++;
    }
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (s[i] !== '"') fail('looking for beginning of object key string');
        str();
        ws();
        if (s[i] !== ':') fail('after object key');
        i++;
        value();
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === '}') { i++; return; }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === ']') { i++; return; }
        fail('after array element');
      }
    }
    if (c === '"') return str();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail('looking for beginning of value');
  };
  try {
    value();
    ws();
    if (i < s.length) fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof Syntax) return e.message;
    throw e;
  }
}
