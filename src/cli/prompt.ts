// Reading an answer from the user's terminal: a line as typed (echoed by the
// terminal), or a secret with echo off (raw mode; backspace and Ctrl-U edit,
// Ctrl-C interrupts as it would anywhere else). Only for a TTY stdin — the
// caller decides what to do when there is none.
import { writeOut } from './sink.js';

/** Prints PROMPT on stdout (as Helm does) and resolves with the line typed, without its newline; SILENT turns echo off. */
export function promptLine(prompt: string, silent: boolean): Promise<string> {
  const stdin = process.stdin;
  // Echo goes off before the prompt shows, so an answer typed the moment it appears is never echoed.
  if (silent) stdin.setRawMode(true);
  writeOut(prompt);
  return new Promise((resolve) => {
    let line = '';
    stdin.setEncoding('utf8');
    const finish = () => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      if (silent) {
        stdin.setRawMode(false);
        writeOut('\n');
      }
      stdin.pause();
    };
    const onEnd = () => {
      finish();
      resolve(line);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || (ch === '\u0004' && line === '')) return onEnd();
        if (ch === '\u0003') {
          finish();
          process.kill(process.pid, 'SIGINT');
          return;
        }
        if (ch === '\u007f' || ch === '\b') line = [...line].slice(0, -1).join('');
        else if (ch === '\u0015') line = '';
        else if (ch >= ' ' || ch === '\t') line += ch;
      }
    };
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.resume();
  });
}
