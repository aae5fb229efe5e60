// Where everything skiff prints goes. Two guarantees:
// - Text that comes from outside (release records, charts, API answers,
//   repository indexes, error messages quoting them) cannot drive the
//   terminal: control characters other than newline and tab are shown as
//   escapes (`\x1b`), as are lone carriage returns and the Unicode marks that
//   reorder text on screen.
// - A closed stdout or stderr (`skiff upgrade … | head -1`, a terminal that
//   went away) never throws and never aborts an operation: further output to
//   that stream is dropped and the operation finishes as it would have.
// Kept free of other imports so the fast paths can print through it too.

// C0 controls but tab and newline, DEL, C1 controls, a CR not ending a line,
// and the bidirectional-text controls (U+200E/F, U+202A–E, U+2066–9).
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** `s` with every character that could move the cursor, recolour or reorder the terminal shown as an escape. */
export function safeText(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE_ALL, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

interface Stream {
  write(s: string): unknown;
  on?(event: 'error', fn: (err: Error) => void): unknown;
}

const closed = new WeakSet<Stream>();
const guarded = new WeakSet<Stream>();

/**
 * Makes write errors on `stream` (EPIPE, EIO) mark it closed instead of
 * becoming an uncaught exception. Idempotent; the CLI guards stdout and
 * stderr before running any command.
 */
export function guardStream(stream: Stream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on?.('error', () => closed.add(stream));
}

let masks: string[] = [];

/**
 * Strings never to print (sensitive values, their base64 and JSON forms): from
 * now on every write shows "<redacted>" in their place, progress and error
 * messages included — as CI systems mask secrets in logs.
 */
export function maskOutput(strings: readonly string[]): void {
  if (!strings.length) return;
  masks = [...new Set([...masks, ...strings])].sort((a, b) => b.length - a.length);
}

function masked(text: string): string {
  let out = text;
  for (const m of masks) if (out.includes(m)) out = out.split(m).join('<redacted>');
  return out;
}

/** Writes `text` as is (for escapes skiff itself composes); dropped once the stream is closed. */
export function writeRaw(stream: Stream, text: string): void {
  if (closed.has(stream) || text === '') return;
  if (masks.length) text = masked(text);
  guardStream(stream);
  try {
    stream.write(text);
  } catch {
    closed.add(stream);
  }
}

/** Prints to stdout, made safe for a terminal. */
export function writeOut(text: string): void {
  writeRaw(process.stdout, safeText(text));
}

/** Prints to stderr, made safe for a terminal. */
export function writeErr(text: string): void {
  writeRaw(process.stderr, safeText(text));
}
