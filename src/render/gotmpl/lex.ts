// The lexer of Go's text/template/parse (lex.go), producing the whole token
// list at once. Same tokens, trim-marker rules (`{{- ` trims the preceding
// space incl. newlines, ` -}}` the following), comments, and error texts.

export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword, // delimits the keywords
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
  Complex,
}

export interface Item {
  readonly typ: T;
  /** Offset in the input (JS string index). */
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

const KEYWORDS: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

/** item.String() of Go's lexer, as parse errors quote tokens. */
export function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword && i.typ !== T.Complex) return `<${i.val}>`;
  if ([...i.val].length > 10) return quoteTrunc(i.val, 10) + '...';
  return goQuote(i.val);
}

import { quote as goQuote } from './strconv.js';

function quoteTrunc(s: string, n: number): string {
  return goQuote([...s].slice(0, n).join(''));
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const ALNUM = /^[\p{L}\p{Nd}]$/u;
const isAlnum = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  if (x < 128) return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95;
  return ALNUM.test(c);
};

/** Length of the identifier characters (letters, digits, _) starting at `at`. */
function alnumRun(input: string, at: number): number {
  let i = at;
  for (;;) {
    const x = input.charCodeAt(i);
    if ((x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95) {
      i++;
      continue;
    }
    if (x >= 128) {
      const cp = input.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (ALNUM.test(ch)) {
        i += ch.length;
        continue;
      }
    }
    return i - at;
  }
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === '-' && isSpace(s[at + 1]);
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s[at]) && s[at + 1] === '-';
}

function formatRune(c: string): string {
  const cp = c.codePointAt(0)!;
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0') + ` '${c}'`;
}

// The lexer's state: module-level, not closures made per call (lex is not
// reentrant; one template is lexed at a time).
let input = '';
let rightDelim = '}}';
let items: Item[] = [];
let pos = 0;
let start = 0;
let line = 1; // line at `start`
let parenDepth = 0;

const count = (a: number, b: number): number => {
  let n = 0;
  for (let i = a; i < b; i++) if (input.charCodeAt(i) === 10) n++;
  return n;
};
const emit = (typ: T): void => {
  items.push({ typ, pos: start, val: input.slice(start, pos), line });
  // Only text, spaces and raw strings can hold a newline.
  if (typ === T.Text || typ === T.Space || typ === T.RawString) line += count(start, pos);
  start = pos;
};
const ignore = (): void => {
  line += count(start, pos);
  start = pos;
};
const error = (msg: string): Item[] => {
  items.push({ typ: T.Error, pos: start, val: msg, line });
  return items;
};
/** 0: not at the right delimiter; 1: at it; 2: at ` -` before it (trim marker). */
const atRightDelim = (): 0 | 1 | 2 => {
  if (hasRightTrimMarker(input, pos) && input.startsWith(rightDelim, pos + 2)) return 2;
  if (input.startsWith(rightDelim, pos)) return 1;
  return 0;
};
/** Moves past a quoted literal whose opening quote was read; false when it does not close on its line. */
const skipQuoted = (close: string): boolean => {
  for (;;) {
    const c = input[pos++];
    if (c === '\\') {
      const d = input[pos];
      if (d === undefined || d === '\n') return false;
      pos++;
      continue;
    }
    if (c === undefined || c === '\n') return false;
    if (c === close) return true;
  }
};
const atTerminator = (): boolean => {
  const r = input[pos];
  if (r === undefined || isSpace(r)) return true;
  switch (r) {
    case '.': case ',': case '|': case ':': case ')': case '(': return true;
  }
  return r === rightDelim[0];
};
const leftTrimLength = (at: number): number => {
  let i = at;
  while (i < input.length && isSpace(input[i])) i++;
  return i - at;
};
const accept = (valid: string): boolean => {
  if (pos < input.length && valid.includes(input[pos]!)) {
    pos++;
    return true;
  }
  return false;
};
const acceptRun = (valid: string): void => {
  while (pos < input.length && valid.includes(input[pos]!)) pos++;
};
const scanNumber = (): boolean => {
  accept('+-');
  let digits = '0123456789_';
  if (accept('0')) {
    if (accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (accept('oO')) digits = '01234567_';
    else if (accept('bB')) digits = '01_';
  }
  acceptRun(digits);
  if (accept('.')) acceptRun(digits);
  if (digits.length === 11 && accept('eE')) {
    accept('+-');
    acceptRun('0123456789_');
  }
  if (digits.length === 23 && accept('pP')) {
    accept('+-');
    acceptRun('0123456789_');
  }
  accept('i');
  const c = nextRune();
  if (isAlnum(c)) {
    pos += c!.length;
    return false;
  }
  return true;
};
const nextRune = (): string | undefined => {
  if (pos >= input.length) return undefined;
  const cp = input.codePointAt(pos)!;
  return String.fromCodePoint(cp);
};

function fieldOrVariable(typ: T): string | undefined {
  if (atTerminator()) {
    emit(typ === T.Variable ? T.Variable : T.Dot);
    return undefined;
  }
  pos += alnumRun(input, pos);
  if (!atTerminator()) return `bad character ${formatRune(nextRune()!)}`;
  emit(typ);
  return undefined;
}

/** Lexes a whole template; the list ends with an EOF or an Error item. */
export function lex(text: string, leftDelim = '{{', rightDelimiter = '}}'): Item[] {
  input = text;
  rightDelim = rightDelimiter;
  items = [];
  pos = 0;
  start = 0;
  line = 1;
  parenDepth = 0;
  try {
    return run(leftDelim);
  } finally {
    input = '';
    items = [];
  }
}

/** The state machine (lexText, lexLeftDelim, lexInsideAction...), inlined, on the state lex() set up. */
function run(leftDelim: string): Item[] {
  // state machine, inlined
  text: for (;;) {
    // lexText
    const x = input.indexOf(leftDelim, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit(T.Text);
      emit(T.EOF);
      return items;
    }
    if (x > pos) {
      pos = x;
      let trim = 0;
      if (hasLeftTrimMarker(input, pos + leftDelim.length)) {
        let i = pos;
        while (i > start && isSpace(input[i - 1])) i--;
        trim = pos - i;
      }
      pos -= trim;
      if (pos > start) emit(T.Text);
      pos += trim;
      ignore();
    }
    // lexLeftDelim
    pos += leftDelim.length;
    const trimSpace = hasLeftTrimMarker(input, pos);
    const after = trimSpace ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      // lexComment
      pos += 2;
      const end = input.indexOf('*/', pos);
      if (end < 0) return error('unclosed comment');
      pos = end + 2;
      const at = atRightDelim();
      if (at === 0) return error('comment ends before closing delimiter');
      const trimR = at === 2;
      // The comment's own newlines count in later line numbers, as in Go 1.25 (Helm 4); Go 1.23 (Helm 3.17) skipped them.
      if (trimR) pos += 2;
      pos += rightDelim.length;
      if (trimR) pos += leftTrimLength(pos);
      ignore();
      continue text;
    }
    emit(T.LeftDelim);
    pos += after;
    ignore();
    parenDepth = 0;
    // lexInsideAction
    for (;;) {
      const at = atRightDelim();
      if (at !== 0) {
        const trimR = at === 2;
        if (parenDepth !== 0) return error('unclosed left paren');
        if (trimR) {
          pos += 2;
          ignore();
        }
        pos += rightDelim.length;
        emit(T.RightDelim);
        if (trimR) {
          pos += leftTrimLength(pos);
          ignore();
        }
        continue text;
      }
      const r = nextRune();
      if (r === undefined) return error('unclosed action');
      if (isSpace(r)) {
        // lexSpace
        let n = 0;
        while (isSpace(input[pos])) {
          pos++;
          n++;
        }
        if (hasRightTrimMarker(input, pos - 1) && input.startsWith(rightDelim, pos + 1)) {
          pos--;
          if (n === 1) continue; // on the trim marker: the delimiter comes next
        }
        emit(T.Space);
        continue;
      }
      pos += r.length;
      switch (r) {
        case '=': emit(T.Assign); continue;
        case ':':
          if (input[pos] !== '=') return error('expected :=');
          pos++;
          emit(T.Declare);
          continue;
        case '|': emit(T.Pipe); continue;
        case '"':
          if (!skipQuoted('"')) return error('unterminated quoted string');
          emit(T.String);
          continue;
        case '`': {
          const end = input.indexOf('`', pos);
          if (end < 0) return error('unterminated raw quoted string');
          pos = end + 1;
          emit(T.RawString);
          continue;
        }
        case '$': {
          if (atTerminator()) {
            emit(T.Variable);
            continue;
          }
          const err = fieldOrVariable(T.Variable);
          if (err) return error(err);
          continue;
        }
        case "'":
          if (!skipQuoted("'")) return error('unterminated character constant');
          emit(T.CharConstant);
          continue;
        case '.': case '+': case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9': {
          if (r === '.' && pos < input.length && (input[pos]! < '0' || input[pos]! > '9')) {
            const err = fieldOrVariable(T.Field);
            if (err) return error(err);
            continue;
          }
          pos -= 1; // '.' can start a number
          if (!scanNumber()) return error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
          const sign = input[pos];
          if (sign === '+' || sign === '-') {
            if (!scanNumber() || input[pos - 1] !== 'i') return error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
            emit(T.Complex);
          } else emit(T.Number);
          continue;
        }
        case '(':
          emit(T.LeftParen);
          parenDepth++;
          continue;
        case ')':
          emit(T.RightParen);
          parenDepth--;
          if (parenDepth < 0) return error(`unexpected right paren`);
          continue;
      }
      if (isAlnum(r)) {
        // lexIdentifier
        pos += alnumRun(input, pos);
        const word = input.slice(start, pos);
        if (!atTerminator()) return error(`bad character ${formatRune(nextRune()!)}`);
        const kw = KEYWORDS[word];
        if (kw !== undefined && kw > T.Keyword) emit(kw);
        else if (word === 'true' || word === 'false') emit(T.Bool);
        else emit(T.Identifier);
        continue;
      }
      const cp = r.codePointAt(0)!;
      if (cp < 0x80 && cp >= 0x20 && cp < 0x7f) {
        emit(T.Char);
        continue;
      }
      return error(`unrecognized character in action: ${formatRune(r)}`);
    }
  }
}
