// A chart file's bytes as UTF-8 text, decoded once per render for every
// reader: engine detection and the Go engine both read every template.
import type { Buffer } from 'node:buffer';

const texts = new WeakMap<Buffer, string>();

/** `data` decoded as UTF-8 (cached per buffer; a chart's file buffers are not written to). */
export function utf8Text(data: Buffer): string {
  let t = texts.get(data);
  if (t === undefined) {
    t = data.toString('utf8');
    texts.set(data, t);
  }
  return t;
}
